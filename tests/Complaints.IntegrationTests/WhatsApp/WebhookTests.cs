using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Complaints.Core.Data;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.WhatsApp;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Complaints.IntegrationTests.WhatsApp.WhatsAppPayloadsForTests;

namespace Complaints.IntegrationTests.WhatsApp;

/// <summary>
/// Meta's webhook end to end: the handshake, the signature over the exact bytes, the inbox that stores each event
/// once, and its processing in order per sender, with delivery statuses landing on the outbox rows. Each test has
/// its own app (with the webhook's secrets) and clock; the tests run the inbox use case themselves.
/// </summary>
public sealed class WebhookTests
{
    private static readonly DateTime Now = new(2026, 3, 17, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Meta_verifies_the_webhook_with_our_token_and_gets_its_challenge_back_while_a_wrong_token_is_refused(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(Now));
        var client = app.CreateClient();

        var ok = await client.GetAsync($"{WebhookPath}?hub.mode=subscribe&hub.verify_token={VerifyToken}&hub.challenge=1158201444");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("text/plain", ok.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1158201444", await ok.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{WebhookPath}?hub.mode=subscribe&hub.verify_token=salah&hub.challenge=1158201444")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{WebhookPath}?hub.mode=unsubscribe&hub.verify_token={VerifyToken}&hub.challenge=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{WebhookPath}?hub.mode=subscribe&hub.challenge=1")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Without_a_configured_token_and_secret_the_webhook_verifies_nothing_and_stores_nothing(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = new ComplaintsApp(db);
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"{WebhookPath}?hub.mode=subscribe&hub.verify_token=&hub.challenge=1")).StatusCode);
        var body = Envelope([Text(NewWaId(), "Halo", Now)]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, body, secret: "")).StatusCode);
        Assert.Equal(0, await app.WithDbAsync(d => d.WhatsAppInbox.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_signed_text_message_is_answered_200_and_stored_with_its_sender_name_and_time(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(Now));
        var from = NewWaId();
        var message = Text(from, "Saya mau lapor pinjol ilegal", Now.AddSeconds(-3));
        var body = Envelope([message], names: new Dictionary<string, string> { [from] = "Siti Rahayu" });

        var response = await PostAsync(app.CreateClient(), body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = Assert.Single(await InboxAsync(app));
        Assert.Equal((string)message["id"]!, entry.ExternalKey);
        Assert.Equal(InboxKind.Message, entry.Kind);
        Assert.Equal(from, entry.WaId);
        Assert.Equal("Siti Rahayu", entry.ContactName);
        Assert.Equal(Now.AddSeconds(-3), entry.OccurredAtUtc);
        Assert.Equal(Now, entry.ReceivedAtUtc);
        Assert.False(entry.IsProcessed);
        Assert.Contains("Saya mau lapor pinjol ilegal", entry.Payload);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_wrong_or_missing_signature_a_body_over_one_megabyte_and_signed_garbage_are_refused_and_stored_nowhere(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(Now));
        var client = app.CreateClient();
        var body = Encoding.UTF8.GetBytes(Envelope([Text(NewWaId(), "Halo", Now)]));

        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, body, secret: "rahasia-orang-lain")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(client, body, secret: null)).StatusCode);

        // Signed, then changed by one byte on the way (é re-encoded as \u00e9 would do the same).
        var tampered = await SendAsync(client, Encoding.UTF8.GetBytes(Envelope([Text(NewWaId(), "Halo!", Now)])), Sign(body));
        Assert.Equal(HttpStatusCode.Unauthorized, tampered.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, body, "sha256=zz" + Sign(body)[9..])).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(client, body, Sign(body)[7..])).StatusCode);

        // Over the cap, correctly signed: refused by its length, or while reading when no length is given.
        var huge = Encoding.UTF8.GetBytes(Envelope([Text(NewWaId(), new string('a', 1_048_576), Now)]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await PostAsync(client, huge)).StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(client, huge, Sign(huge), chunked: true)).StatusCode);

        var garbage = Encoding.UTF8.GetBytes("{\"object\":\"whatsapp_business_account\",\"entry\":[");
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, garbage)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(client, "[1,2,3]")).StatusCode);

        Assert.Empty(await InboxAsync(app));

        // The same body, rightly signed, goes in.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, body)).StatusCode);
        Assert.Single(await InboxAsync(app));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_redelivered_body_and_a_message_repeated_in_another_body_are_stored_and_processed_once(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var client = app.CreateClient();
        var from = NewWaId();
        var outbox = await SentWhatsAppAsync(app, from, "wamid.OUT-DUP");
        var message = Text(from, "Halo", Now);
        var delivered = Status("wamid.OUT-DUP", "delivered", from, Now);
        var body = Envelope([message], [delivered]);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, body)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, Envelope([message, Text(from, "Ada orang?", Now.AddSeconds(5))], [delivered, delivered]))).StatusCode);

        var inbox = await InboxAsync(app);
        Assert.Equal(3, inbox.Count);
        Assert.Single(inbox, e => e.ExternalKey == (string)message["id"]!);
        Assert.Single(inbox, e => e.ExternalKey == "status:wamid.OUT-DUP:delivered");

        // The status is applied once; a replay after processing stores nothing new and changes nothing.
        clock.UtcNow = Now.AddMinutes(1);
        await ProcessAsync(app);
        var processedAt = (await InboxAsync(app)).Single(e => e.Kind == InboxKind.Status).ProcessedAtUtc;
        Assert.Equal(Now.AddMinutes(1), processedAt);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, body)).StatusCode);
        clock.UtcNow = Now.AddMinutes(2);
        var again = await ProcessAsync(app);
        Assert.Equal(0, again.Processed);
        var status = Assert.Single(await InboxAsync(app), e => e.Kind == InboxKind.Status);
        Assert.Equal(1, status.Attempts);
        Assert.Equal(processedAt, status.ProcessedAtUtc);
        Assert.Equal(3, (await InboxAsync(app)).Count);
        var row = await OutboxAsync(app, outbox);
        Assert.Equal(DeliveryStatus.Delivered, row.Delivery);
        Assert.Equal(Now, row.DeliveryUpdatedAtUtc);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Text_button_and_list_replies_an_image_a_document_and_two_statuses_in_one_body_are_all_stored(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(Now));
        var from = NewWaId();
        var other = NewWaId();
        var messages = new[]
        {
            Text(from, "Selamat pagi", Now),
            ButtonReply(from, "buat_pengaduan", "Buat pengaduan", Now.AddSeconds(10)),
            ListReply(from, "sektor_p2p", "Fintech lending", "Pinjaman online", Now.AddSeconds(20)),
            Image(from, "1479537139650973", "Bukti transfer", Now.AddSeconds(30)),
            Document(other, "2479537139650974", "surat_penagihan.pdf", Now.AddSeconds(40)),
        };
        var statuses = new[] { Status("wamid.OUT-A", "sent", from, Now), Status("wamid.OUT-A", "delivered", from, Now.AddSeconds(1)) };

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(app.CreateClient(), Envelope(messages, statuses))).StatusCode);

        var inbox = await InboxAsync(app);
        Assert.Equal(7, inbox.Count);
        Assert.Equal([.. messages.Select(m => (string)m["id"]!), "status:wamid.OUT-A:sent", "status:wamid.OUT-A:delivered"], inbox.Select(e => e.ExternalKey));
        Assert.Equal(4, inbox.Count(e => e.WaId == from && e.Kind == InboxKind.Message));
        Assert.Equal("Konsumen " + other[^4..], inbox.Single(e => e.WaId == other).ContactName);
        Assert.All(inbox.Where(e => e.Kind == InboxKind.Status), e => Assert.Equal(from, e.WaId));

        // What the chatbot will be given, read back from the stored payloads.
        var parsed = inbox.Where(e => e.Kind == InboxKind.Message).Select(e => WhatsAppPayloads.Message(e.Payload, e.ContactName)).ToList();
        Assert.Equal(["text", "interactive", "interactive", "image", "document"], parsed.Select(m => m.Type));
        Assert.Equal("Selamat pagi", parsed[0].Text);
        Assert.Equal(("buat_pengaduan", "Buat pengaduan"), (parsed[1].ReplyId, parsed[1].ReplyTitle));
        Assert.Equal("sektor_p2p", parsed[2].ReplyId);
        Assert.Equal(("1479537139650973", "image/jpeg", "Bukti transfer"), (parsed[3].Media!.Id, parsed[3].Media!.MimeType, parsed[3].Media!.Caption));
        Assert.Equal(("surat_penagihan.pdf", "application/pdf"), (parsed[4].Media!.FileName, parsed[4].Media!.MimeType));
        Assert.Equal(Now.AddSeconds(40), parsed[4].SentAtUtc);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Statuses_arriving_out_of_order_leave_the_message_read_and_a_failure_records_whatsapps_reason(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var client = app.CreateClient();
        var to = NewWaId();
        var read = await SentWhatsAppAsync(app, to, "wamid.OUT-READ");
        var failed = await SentWhatsAppAsync(app, to, "wamid.OUT-FAIL");

        await PostAsync(client, Envelope(statuses: [Status("wamid.OUT-READ", "read", to, Now.AddSeconds(20))]));
        await PostAsync(client, Envelope(statuses: [Status("wamid.OUT-READ", "delivered", to, Now.AddSeconds(10)), Status("wamid.OUT-READ", "sent", to, Now.AddSeconds(5))]));
        await PostAsync(client, Envelope(statuses: [Status("wamid.OUT-FAIL", "failed", to, Now.AddSeconds(30), 131047, "Re-engagement message",
            "More than 24 hours have passed since the recipient last replied to the sender number.")]));
        var result = await ProcessAsync(app);

        Assert.Equal(4, result.Processed);
        var row = await OutboxAsync(app, read);
        Assert.Equal(DeliveryStatus.Read, row.Delivery);
        Assert.Equal(Now.AddSeconds(20), row.DeliveryUpdatedAtUtc);
        var failure = await OutboxAsync(app, failed);
        Assert.Equal(DeliveryStatus.Failed, failure.Delivery);
        Assert.Equal("131047 Re-engagement message: More than 24 hours have passed since the recipient last replied to the sender number.", failure.LastError);
        Assert.All(await InboxAsync(app), e => Assert.True(e.IsProcessed));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_status_for_a_message_not_yet_known_waits_a_minute_for_the_dispatcher_then_is_dropped_and_error_events_are_logged_and_done(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var client = app.CreateClient();
        var to = NewWaId();
        var error = new System.Text.Json.Nodes.JsonObject { ["code"] = 131000, ["title"] = "Something went wrong", ["message"] = "Something went wrong" };
        await PostAsync(client, Envelope(statuses: [Status("wamid.OUT-LATE", "delivered", to, Now)], errors: [error]));

        var first = await ProcessAsync(app);
        Assert.Equal((1, 1), (first.Processed, first.Waiting));

        // The dispatcher saves the wamid it got back: the status finds its row.
        var row = await SentWhatsAppAsync(app, to, "wamid.OUT-LATE");
        await ProcessAsync(app);
        Assert.Equal(DeliveryStatus.Delivered, (await OutboxAsync(app, row)).Delivery);

        await PostAsync(client, Envelope(statuses: [Status("wamid.NOT-OURS", "read", to, Now)]));
        Assert.Equal(1, (await ProcessAsync(app)).Waiting);
        clock.UtcNow = Now.AddMinutes(2);
        Assert.Equal(1, (await ProcessAsync(app)).Processed);
        Assert.All(await InboxAsync(app), e => Assert.True(e.IsProcessed));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_message_that_fails_holds_back_only_its_senders_later_messages_until_it_is_set_aside_after_five_attempts(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var client = app.CreateClient();
        var a = NewWaId();
        var b = NewWaId();
        var outbox = await SentWhatsAppAsync(app, b, "wamid.OUT-B");

        // A's first message cannot be read (no usable time): it fails on every attempt, whatever the chatbot does.
        var poison = Text(a, "Halo", Now);
        poison["timestamp"] = "kemarin";
        var later = Text(a, "Halo lagi", Now.AddSeconds(5));
        await PostAsync(client, Envelope([poison]));
        await PostAsync(client, Envelope([later]));
        await PostAsync(client, Envelope(statuses: [Status("wamid.OUT-B", "delivered", b, Now.AddSeconds(6)), Status("wamid.OUT-B", "read", b, Now.AddSeconds(7))]));

        var first = await ProcessAsync(app);

        Assert.Equal((2, 1, 1), (first.Processed, first.Failed, first.Waiting));
        Assert.Equal(DeliveryStatus.Read, (await OutboxAsync(app, outbox)).Delivery);
        var inbox = await InboxAsync(app);
        var stuck = inbox.Single(e => e.ExternalKey == (string)poison["id"]!);
        Assert.Equal((false, 1), (stuck.IsProcessed, stuck.Attempts));
        Assert.Contains("timestamp", stuck.LastError);
        var waiting = inbox.Single(e => e.ExternalKey == (string)later["id"]!);
        Assert.Equal((false, 0), (waiting.IsProcessed, waiting.Attempts));

        // Retried on each run; after the fifth attempt it is set aside and A's next message gets its turn.
        for (var run = 2; run <= 4; run++)
        {
            clock.UtcNow = Now.AddSeconds(5 * run);
            Assert.Equal(1, (await ProcessAsync(app)).Waiting);
        }

        clock.UtcNow = Now.AddSeconds(30);
        var fifth = await ProcessAsync(app);
        Assert.Equal(1, fifth.SetAside);
        inbox = await InboxAsync(app);
        stuck = inbox.Single(e => e.ExternalKey == (string)poison["id"]!);
        Assert.Equal((true, ProcessWhatsAppInbox.MaxAttempts), (stuck.IsProcessed, stuck.Attempts));
        Assert.NotNull(stuck.LastError);
        waiting = inbox.Single(e => e.ExternalKey == (string)later["id"]!);
        Assert.True(waiting.IsProcessed || waiting.Attempts == 1, "A's later message was handed to the chatbot once its first was set aside");
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock) =>
        new(db, Settings, s => s.AddSingleton<TimeProvider>(clock));

    private static async Task<ProcessWhatsAppInbox.Result> ProcessAsync(ComplaintsApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ProcessWhatsAppInbox>().HandleAsync(new());
    }

    private static Task<List<WhatsAppInboxEntry>> InboxAsync(ComplaintsApp app) =>
        app.WithDbAsync(d => d.WhatsAppInbox.AsNoTracking().OrderBy(e => e.Id).ToListAsync());

    private static Task<OutboxMessage> OutboxAsync(ComplaintsApp app, long id) =>
        app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));

    /// <summary>A WhatsApp message the Cloud API accepted with this wamid.</summary>
    private static Task<long> SentWhatsAppAsync(ComplaintsApp app, string to, string wamid) =>
        app.WithDbAsync(async d =>
        {
            var message = OutboxMessage.Create(NotificationChannel.WhatsApp, to, "id", "whatsapp.reply", null, null, null, "Terima kasih, pengaduan Anda kami terima.", null, true, OutboxAttachment.None, Now);
            message.MarkSent(wamid, Now);
            d.OutboxMessages.Add(message);
            await d.SaveChangesAsync();
            return message.Id;
        });

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, byte[] body, string signature, bool chunked = false)
    {
        using HttpContent content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = content };
        request.Headers.Add("X-Hub-Signature-256", signature);
        return await client.SendAsync(request);
    }

    /// <summary>A body without a Content-Length, as a chunked upload arrives.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
