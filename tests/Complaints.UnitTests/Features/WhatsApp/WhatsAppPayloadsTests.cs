using System.Text;
using System.Text.Json;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.WhatsApp;

namespace Complaints.UnitTests.Features.WhatsApp;

/// <summary>Payloads shaped like Meta's examples (WHATSAPP.md §5-7), with made-up Indonesian values.</summary>
public class WhatsAppPayloadsTests
{
    private static readonly DateTime At = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_text_message_gives_its_body_sender_and_time()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A1","timestamp":"1767225600","type":"text","text":{"body":"Saya mau lapor pinjol ilegal"}}""", "Siti");

        Assert.Equal(new InboundMessage("wamid.A1", "6281234567890", "Siti", At, "text", "Saya mau lapor pinjol ilegal", null, null, null), m);
    }

    [Fact]
    public void A_reply_button_gives_our_id_and_the_title_the_consumer_saw()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A2","timestamp":"1767225600","type":"interactive","context":{"from":"6281500157","id":"wamid.OUT1"},"interactive":{"type":"button_reply","button_reply":{"id":"cek_legalitas","title":"Cek legalitas"}}}""", null);

        Assert.Equal(("interactive", "cek_legalitas", "Cek legalitas", "Cek legalitas"), (m.Type, m.ReplyId, m.ReplyTitle, m.Text));
    }

    [Fact]
    public void A_list_row_gives_our_row_id()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A3","timestamp":"1767225600","type":"interactive","interactive":{"type":"list_reply","list_reply":{"id":"sektor_p2p","title":"Fintech lending","description":"Pinjaman online"}}}""", null);

        Assert.Equal(("sektor_p2p", "Fintech lending"), (m.ReplyId, m.ReplyTitle));
    }

    [Fact]
    public void A_template_quick_reply_button_gives_its_payload_as_the_reply_id()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A4","timestamp":"1767225600","type":"button","context":{"from":"6281500157","id":"wamid.OUT2"},"button":{"text":"Ya","payload":"KONFIRMASI_YA"}}""", null);

        Assert.Equal(("button", "KONFIRMASI_YA", "Ya"), (m.Type, m.ReplyId, m.ReplyTitle));
    }

    [Fact]
    public void An_image_gives_its_media_id_type_and_caption()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A5","timestamp":"1767225600","type":"image","image":{"id":"1479537139650973","mime_type":"image/jpeg","sha256":"abc=","caption":"Bukti transfer"}}""", null);

        Assert.Equal(new InboundMedia("1479537139650973", "image/jpeg", null, "Bukti transfer", "abc="), m.Media);
        Assert.Equal("Bukti transfer", m.Text);
    }

    [Fact]
    public void A_document_gives_its_file_name()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A6","timestamp":"1767225600","type":"document","document":{"id":"99","mime_type":"application/pdf","sha256":"def=","filename":"surat_penagihan.pdf"}}""", null);

        Assert.Equal(new InboundMedia("99", "application/pdf", "surat_penagihan.pdf", null, "def="), m.Media);
        Assert.Null(m.Text);
    }

    [Fact]
    public void A_reaction_gives_the_emoji_and_the_message_it_reacts_to()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A7","timestamp":"1767225600","type":"reaction","reaction":{"message_id":"wamid.OUT3","emoji":"👍"}}""", null);

        Assert.Equal(("reaction", "👍", "wamid.OUT3"), (m.Type, m.Text, m.ReplyId));
    }

    [Fact]
    public void An_unsupported_message_is_passed_on_with_its_type_and_nothing_else()
    {
        var m = WhatsAppPayloads.Message("""{"from":"6281234567890","id":"wamid.A8","timestamp":"1767225600","type":"unsupported","errors":[{"code":131051,"title":"Message type unknown","message":"Message type unknown","error_data":{"details":"Message type is currently not supported."}}]}""", null);

        Assert.Equal(("unsupported", null, null, null), (m.Type, m.Text, m.ReplyId, m.Media));
    }

    [Theory]
    [InlineData("""{"id":"wamid.B1","timestamp":"1767225600","type":"text","text":{"body":"x"}}""")]
    [InlineData("""{"from":"62812","id":"wamid.B2","timestamp":"kemarin","type":"text","text":{"body":"x"}}""")]
    [InlineData("""{"from":"62812","id":"wamid.B3","timestamp":"1767225600"}""")]
    [InlineData("""{"from":"62812","id":"wamid.B4","timestamp":"1767225600","type":"image","image":{"mime_type":"image/jpeg"}}""")]
    [InlineData("not json")]
    public void A_message_without_sender_time_type_or_media_id_cannot_be_read(string payload)
    {
        Assert.Throws<FormatException>(() => WhatsAppPayloads.Message(payload, null));
    }

    [Fact]
    public void A_failed_status_carries_code_title_and_details()
    {
        var s = WhatsAppPayloads.Status("""{"id":"wamid.OUT2","status":"failed","timestamp":"1767225600","recipient_id":"6281234567890","errors":[{"code":131047,"title":"Re-engagement message","message":"Re-engagement message","error_data":{"details":"More than 24 hours have passed."}}]}""");

        Assert.Equal(new WhatsAppPayloads.StatusEvent("wamid.OUT2", DeliveryStatus.Failed, "failed", At, "131047 Re-engagement message: More than 24 hours have passed."), s);
    }

    [Theory]
    [InlineData("sent", DeliveryStatus.Sent)]
    [InlineData("delivered", DeliveryStatus.Delivered)]
    [InlineData("read", DeliveryStatus.Read)]
    [InlineData("played", null)]
    public void Statuses_map_to_delivery_states_and_unknown_ones_to_none(string raw, DeliveryStatus? expected)
    {
        var s = WhatsAppPayloads.Status($$"""{"id":"wamid.OUT1","status":"{{raw}}","timestamp":"1767225600","recipient_id":"6281234567890"}""");

        Assert.Equal((expected, (string?)null), (s.Status, s.Error));
    }

    [Fact]
    public void The_envelope_yields_every_message_status_and_error_of_every_entry_with_contact_names_and_exact_payloads()
    {
        const string body = """
            {"object":"whatsapp_business_account","entry":[
              {"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
                "contacts":[{"profile":{"name":"Siti"},"wa_id":"6281111"}],
                "messages":[{"from":"6281111","id":"wamid.M1","timestamp":"1767225600","type":"text","text":{"body":"caf\u00e9"}}]}},
                {"field":"account_update","value":{"event":"VERIFIED"}}]},
              {"id":"2","changes":[{"field":"messages","value":{
                "statuses":[{"id":"wamid.O1","status":"read","timestamp":"1767225601","recipient_id":"6282222"}],
                "errors":[{"code":131000,"title":"Something went wrong"}]}}]}]}
            """;

        var events = WhatsAppPayloads.Events(Encoding.UTF8.GetBytes(body));

        Assert.Equal(3, events.Count);
        Assert.Equal(new WhatsAppPayloads.InboxEvent("wamid.M1", InboxKind.Message, "6281111", "Siti", At,
            """{"from":"6281111","id":"wamid.M1","timestamp":"1767225600","type":"text","text":{"body":"caf\u00e9"}}"""), events[0]);
        Assert.Equal(("status:wamid.O1:read", InboxKind.Status, "6282222", At.AddSeconds(1)), (events[1].ExternalKey, events[1].Kind, events[1].WaId, events[1].OccurredAtUtc));
        Assert.StartsWith("error:", events[2].ExternalKey);
        Assert.Equal(70, events[2].ExternalKey.Length);
        Assert.Equal(InboxKind.Error, events[2].Kind);
    }

    [Fact]
    public void Malformed_json_and_a_non_object_body_are_refused()
    {
        Assert.ThrowsAny<JsonException>(() => WhatsAppPayloads.Events(Encoding.UTF8.GetBytes("{\"entry\":[")));
        Assert.Throws<FormatException>(() => WhatsAppPayloads.Events(Encoding.UTF8.GetBytes("[]")));
        Assert.Empty(WhatsAppPayloads.Events(Encoding.UTF8.GetBytes("{\"object\":\"page\"}")));
    }
}
