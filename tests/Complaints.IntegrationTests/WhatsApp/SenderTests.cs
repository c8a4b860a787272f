using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Notifications;
using Complaints.Core.Features.Notifications.Channels;
using Complaints.Core.Features.WhatsApp;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.WhatsApp;

/// <summary>
/// The WhatsApp sender against a loopback Graph API: chatbot replies inside the 24-hour window, the receipt as an
/// uploaded document, templates for case notifications, Graph refusals and outages, and media downloads.
/// </summary>
public sealed class SenderTests
{
    private const string PhoneNumberId = "106540352242922";
    private const string Token = "test-graph-token";
    private const string Consumer = "6281299990001";

    private static readonly DateTime Now = new(2026, 5, 12, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Chatbot_text_buttons_and_list_reach_the_graph_api_with_the_token_and_the_outbox_keeps_each_wamid(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock, graph);
        var conversation = await ConversationAsync(app, Consumer, lastInbound: Now);

        await ReplyAsync(app, conversation, (replies, c) =>
        {
            replies.Text(c, "Terima kasih, Siti. Ada yang bisa kami bantu?");
            replies.Buttons(c, "Apa yang ingin Anda lakukan?",
                [new("buat_pengaduan", "Buat pengaduan"), new("cek_legalitas", "Cek legalitas"), new("cek_status", "Status tiket")]);
            replies.List(c, "Pilih sektor pelaku usaha yang Anda adukan.", "Pilih sektor",
                [new("Perbankan", [new("sektor_bank", "Bank umum / BPR")]), new("IKNB", [new("sektor_p2p", "Fintech lending", "Pinjaman online berizin")])],
                header: "Sektor jasa keuangan");
        });
        var result = await DispatchAsync(app);

        Assert.Equal(3, result.Sent);
        Assert.Equal(3, graph.Messages.Count);
        Assert.All(graph.Messages, m =>
        {
            Assert.Equal("Bearer " + Token, m.Authorization);
            Assert.Equal($"/v23.0/{PhoneNumberId}/messages", m.Path);
            Assert.Equal("whatsapp", m.Body.GetProperty("messaging_product").GetString());
            Assert.Equal("individual", m.Body.GetProperty("recipient_type").GetString());
            Assert.Equal(Consumer, m.Body.GetProperty("to").GetString());
        });

        var text = graph.Messages[0].Body;
        Assert.Equal("text", text.GetProperty("type").GetString());
        Assert.Equal("Terima kasih, Siti. Ada yang bisa kami bantu?", text.GetProperty("text").GetProperty("body").GetString());
        Assert.False(text.GetProperty("text").GetProperty("preview_url").GetBoolean());

        var buttons = graph.Messages[1].Body.GetProperty("interactive");
        Assert.Equal("interactive", graph.Messages[1].Body.GetProperty("type").GetString());
        Assert.Equal("button", buttons.GetProperty("type").GetString());
        Assert.Equal("Apa yang ingin Anda lakukan?", buttons.GetProperty("body").GetProperty("text").GetString());
        Assert.Equal(["buat_pengaduan", "cek_legalitas", "cek_status"],
            buttons.GetProperty("action").GetProperty("buttons").EnumerateArray().Select(b =>
            {
                Assert.Equal("reply", b.GetProperty("type").GetString());
                return b.GetProperty("reply").GetProperty("id").GetString();
            }));

        var list = graph.Messages[2].Body.GetProperty("interactive");
        Assert.Equal("list", list.GetProperty("type").GetString());
        Assert.Equal("Sektor jasa keuangan", list.GetProperty("header").GetProperty("text").GetString());
        Assert.Equal("Pilih sektor", list.GetProperty("action").GetProperty("button").GetString());
        var sections = list.GetProperty("action").GetProperty("sections").EnumerateArray().ToList();
        Assert.Equal(["Perbankan", "IKNB"], sections.Select(s => s.GetProperty("title").GetString()));
        var p2p = sections[1].GetProperty("rows")[0];
        Assert.Equal(("sektor_p2p", "Fintech lending", "Pinjaman online berizin"),
            (p2p.GetProperty("id").GetString(), p2p.GetProperty("title").GetString(), p2p.GetProperty("description").GetString()));

        // Each outbox row keeps the wamid WhatsApp gave it: delivery statuses find their row by it.
        var rows = await RepliesAsync(app, conversation);
        Assert.Equal(["wamid.LOOPBACK0001", "wamid.LOOPBACK0002", "wamid.LOOPBACK0003"], rows.Select(r => r.ProviderMessageId));
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_receipt_is_uploaded_as_a_pdf_and_sent_as_a_document_by_its_media_id(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock, graph);
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, _) = await Api.PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        var caseId = await app.WithDbAsync(d => d.Cases.Where(c => c.TrackingNumber == number).Select(c => c.Id).SingleAsync());
        const string waId = "6281234567890"; // the case's WhatsApp number, 0812-3456-7890
        var conversation = await ConversationAsync(app, waId, lastInbound: Now.AddMinutes(-3));

        await ReplyAsync(app, conversation, (replies, c) => replies.Receipt(c, caseId, number, "Tanda terima pengaduan " + number));
        await DispatchAsync(app);

        var upload = Assert.Single(graph.Uploads);
        Assert.Equal(("Bearer " + Token, "whatsapp", "application/pdf"), (upload.Authorization, upload.MessagingProduct, upload.Type));
        Assert.Equal($"tanda-terima-{number}.pdf", upload.FileName);
        Assert.Equal("application/pdf", upload.ContentType);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(upload.Content, 0, 4));

        var sent = Assert.Single(graph.Messages, m => m.Body.GetProperty("type").GetString() == "document");
        var document = sent.Body.GetProperty("document");
        Assert.Equal(waId, sent.Body.GetProperty("to").GetString());
        Assert.Equal("media-1", document.GetProperty("id").GetString());
        Assert.Equal($"tanda-terima-{number}.pdf", document.GetProperty("filename").GetString());
        Assert.Equal("Tanda terima pengaduan " + number, document.GetProperty("caption").GetString());
        Assert.False(document.TryGetProperty("link", out _));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await RepliesAsync(app, conversation)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_reply_25_hours_after_the_consumers_last_message_is_dead_lettered_with_the_reason_and_never_sent(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock, graph);
        var conversation = await ConversationAsync(app, Consumer, lastInbound: Now.AddHours(-25));

        await ReplyAsync(app, conversation, (replies, c) => replies.Text(c, "Maaf, agen kami baru bisa menjawab sekarang."));
        var result = await DispatchAsync(app);

        Assert.Equal(1, result.DeadLettered);
        Assert.Empty(graph.Messages);
        var row = Assert.Single(await RepliesAsync(app, conversation));
        Assert.Equal((OutboxStatus.DeadLetter, 1), (row.Status, row.Attempts));
        Assert.StartsWith(WhatsAppChannel.OutsideWindow, row.LastError);

        // Kept with its reason where administrators look for what was not sent.
        var outbox = await app.As(ActorRole.Administrator, userId: "test-admin").GetStringAsync("/regulator/admin/outbox?status=DeadLetter");
        Assert.Contains("24-hour window", outbox);
        Assert.Contains("whatsapp.reply", outbox);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_case_notification_goes_as_the_approved_template_with_its_parameters_in_order_and_the_language_code(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock, graph);
        var institution = await TestCases.NewInstitutionAsync(app);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.Add(new("en"));
        var (number, _) = await Api.PublicCasesApiTests.FileAsync(client, TestCases.DisputeAgainst(institution));

        // No conversation at all: templates are what WhatsApp allows outside the 24-hour window.
        await DispatchAsync(app);

        var sent = Assert.Single(graph.Messages);
        Assert.Equal("Bearer " + Token, sent.Authorization);
        Assert.Equal(("6281234567890", "template"), (sent.Body.GetProperty("to").GetString(), sent.Body.GetProperty("type").GetString()));
        var template = sent.Body.GetProperty("template");
        Assert.Equal("consumer_submitted", template.GetProperty("name").GetString());
        Assert.Equal("en", template.GetProperty("language").GetProperty("code").GetString());
        var component = Assert.Single(template.GetProperty("components").EnumerateArray());
        Assert.Equal("body", component.GetProperty("type").GetString());
        var row = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().SingleAsync(m => m.TrackingNumber == number && m.Channel == NotificationChannel.WhatsApp));
        var expected = JsonSerializer.Deserialize<List<string>>(row.TemplateParameters!)!;
        Assert.Equal(number, expected[0]);
        Assert.Equal(expected, component.GetProperty("parameters").EnumerateArray().Select(p =>
        {
            Assert.Equal("text", p.GetProperty("type").GetString());
            return p.GetProperty("text").GetString()!;
        }));
        Assert.Equal((OutboxStatus.Sent, "wamid.LOOPBACK0001"), (row.Status, row.ProviderMessageId));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_graph_refusal_is_dead_lettered_at_once_with_its_code_and_an_outage_is_retried(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock, graph);
        var conversation = await ConversationAsync(app, Consumer, lastInbound: Now);

        graph.Error = (HttpStatusCode.BadRequest, 131030, "(#131030) Recipient phone number not in allowed list");
        await ReplyAsync(app, conversation, (replies, c) => replies.Text(c, "Pesan pertama"));
        Assert.Equal(1, (await DispatchAsync(app)).DeadLettered);
        var refused = Assert.Single(await RepliesAsync(app, conversation));
        Assert.Equal((OutboxStatus.DeadLetter, 1), (refused.Status, refused.Attempts));
        Assert.Contains("(#131030) Recipient phone number not in allowed list", refused.LastError);

        // A 500 is Meta's outage, and a throttling code is "not now": both are retried, then sent.
        graph.Error = (HttpStatusCode.InternalServerError, 1, "(#1) An unknown error occurred");
        await ReplyAsync(app, conversation, (replies, c) => replies.Text(c, "Pesan kedua"));
        Assert.Equal(1, (await DispatchAsync(app)).Retrying);
        var outage = (await RepliesAsync(app, conversation))[^1];
        Assert.Equal((OutboxStatus.Pending, 1), (outage.Status, outage.Attempts));
        Assert.Contains("(#1)", outage.LastError);

        graph.Error = (HttpStatusCode.BadRequest, 131056, "(#131056) (Business Account, Consumer Account) pair rate limit hit");
        clock.UtcNow = clock.UtcNow.AddMinutes(1);
        Assert.Equal(1, (await DispatchAsync(app)).Retrying);
        Assert.Equal(OutboxStatus.Pending, (await RepliesAsync(app, conversation))[^1].Status);

        graph.Error = null;
        clock.UtcNow = clock.UtcNow.AddMinutes(2);
        Assert.Equal(1, (await DispatchAsync(app)).Sent);
        var sent = (await RepliesAsync(app, conversation))[^1];
        Assert.Equal((OutboxStatus.Sent, 3, "wamid.LOOPBACK0004"), (sent.Status, sent.Attempts, sent.ProviderMessageId));
        Assert.Equal(4, graph.Messages.Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_consumers_media_is_downloaded_by_id_and_refused_when_its_sha256_does_not_match(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        await using var app = NewApp(db, new SettableClock(Now), graph);
        var photo = RandomNumberGenerator.GetBytes(4_000);
        graph.AddMedia("1479537139650973", photo, "image/jpeg");
        graph.AddMedia("1479537139650974", photo, "image/jpeg", sha256: Convert.ToHexString(SHA256.HashData([1, 2, 3])));
        await using var scope = app.Services.CreateAsyncScope();
        var api = scope.ServiceProvider.GetRequiredService<WhatsAppCloudApi>();

        // The webhook's hash (base64) and the media endpoint's (hex) are both checked.
        var fromWebhook = await api.DownloadMediaAsync("1479537139650973", Convert.ToBase64String(SHA256.HashData(photo)), CancellationToken.None);
        Assert.True(fromWebhook.Succeeded, fromWebhook.Error);
        Assert.Equal(photo, fromWebhook.Content);
        Assert.Equal("image/jpeg", fromWebhook.MimeType);
        Assert.Equal(photo, (await api.DownloadMediaAsync("1479537139650973", null, CancellationToken.None)).Content);

        var tampered = await api.DownloadMediaAsync("1479537139650974", null, CancellationToken.None);
        Assert.False(tampered.Succeeded);
        Assert.Contains("SHA-256", tampered.Error);
        var wrongHash = await api.DownloadMediaAsync("1479537139650973", Convert.ToBase64String(SHA256.HashData([9])), CancellationToken.None);
        Assert.False(wrongHash.Succeeded);
        Assert.False((await api.DownloadMediaAsync("no-such-media", null, CancellationToken.None)).Succeeded);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_agents_pdf_goes_to_the_consumer_as_a_whatsapp_document_uploaded_from_the_store(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock, graph);
        const string waId = "6281234500077";
        var conversation = await ConversationAsync(app, waId, lastInbound: Now.AddMinutes(-2));
        await app.WithDbAsync(async d =>
        {
            var c = await d.Conversations.SingleAsync(x => x.Id == conversation);
            (c.State, c.AgentUserId, c.AssignedAtUtc, c.HadAgent) = (ConversationState.WithAgent, "test-agent", Now.AddMinutes(-1), true);
            c.Version++;
            return await d.SaveChangesAsync();
        });
        var pdf = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var send = scope.ServiceProvider.GetRequiredService<Complaints.Core.Features.WhatsApp.Agents.SendAgentMessage>();
            var result = await send.HandleAsync(new()
            {
                ConversationId = conversation,
                File = new Complaints.Core.Features.Attachments.UploadedFile("surat-penjelasan.pdf", pdf.Length, () => new MemoryStream(pdf)),
            }, new Actor(ActorRole.Agent, "test-agent"));
            Assert.Equal(Complaints.Core.Features.WhatsApp.Agents.AgentChange.Outcome.Done, result.Result);
        }

        await DispatchAsync(app);

        var upload = Assert.Single(graph.Uploads);
        Assert.Equal(("surat-penjelasan.pdf", "application/pdf"), (upload.FileName, upload.ContentType));
        Assert.Equal(pdf, upload.Content);
        var sent = Assert.Single(graph.Messages);
        Assert.Equal("document", sent.Body.GetProperty("type").GetString());
        Assert.Equal("media-1", sent.Body.GetProperty("document").GetProperty("id").GetString());
        Assert.Equal("surat-penjelasan.pdf", sent.Body.GetProperty("document").GetProperty("filename").GetString());
        Assert.False(sent.Body.TryGetProperty("_storedFile", out _));
        Assert.Equal(OutboxStatus.Sent, Assert.Single(await RepliesAsync(app, conversation)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_photo_the_consumer_sent_in_the_chat_goes_into_the_case_an_agent_makes_of_it(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock, graph);
        byte[] photo = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];
        graph.AddMedia("1479537139650999", photo, "image/jpeg");
        var conversation = await ConversationAsync(app, "6281234500088", lastInbound: Now.AddMinutes(-2));
        await app.WithDbAsync(async d =>
        {
            var c = await d.Conversations.SingleAsync(x => x.Id == conversation);
            (c.State, c.AgentUserId, c.AssignedAtUtc, c.HadAgent) = (ConversationState.WithAgent, "agent-media", Now.AddMinutes(-1), true);
            c.Version++;
            d.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = conversation, Direction = MessageDirection.Inbound, AtUtc = Now.AddMinutes(-2), Author = "consumer",
                Text = "Bukti transfer", MediaId = "1479537139650999", MediaType = "image/jpeg", ExternalId = "wamid.PHOTO",
            });
            return await d.SaveChangesAsync();
        });

        var agent = app.As(ActorRole.Agent, userId: "agent-media");
        var url = $"/regulator/agents/conversations/{conversation}";
        var version = await app.WithDbAsync(d => d.Conversations.Where(c => c.Id == conversation).Select(c => c.Version).SingleAsync());
        var response = await Forms.PostAsync(agent, url + "/case", url + "/case",
        [
            new("Form.Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Form.Kind", "Complaint"),
            new("Form.InstitutionName", "Bank Uji Coba"), new("Form.IssueCategory", "collection"),
            new("Form.Description", "Saya sudah transfer pelunasan tetapi tagihan masih terus datang."),
            new("Form.Name", "Siti Aminah"), new("Form.ConsentGiven", "true"),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var caseId = await app.WithDbAsync(d => d.Conversations.Where(c => c.Id == conversation).Select(c => c.CaseId).SingleAsync());
        var attachment = Assert.Single(await app.WithDbAsync(d => d.Attachments.Where(a => a.CaseId == caseId).ToListAsync()));
        Assert.Equal("image/jpeg", attachment.ContentType);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(photo)), attachment.Sha256);
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock, LoopbackGraphApi graph) => new(db, new Dictionary<string, string?>
    {
        ["WhatsApp:GraphBaseUrl"] = graph.BaseUrl,
        ["WhatsApp:ApiVersion"] = "v23.0",
        ["WhatsApp:PhoneNumberId"] = PhoneNumberId,
        ["WhatsApp:AccessToken"] = Token,
        ["Notifications:PublicBaseUrl"] = "https://pengaduan.example.go.id",
        // Email is not what these tests look at: written to the pickup folder.
        ["Notifications:Email:Host"] = "",
    }, s => s.AddSingleton<TimeProvider>(clock));

    /// <summary>A conversation as the chatbot has it after the consumer's last message at <paramref name="lastInbound"/>.</summary>
    private static Task<Guid> ConversationAsync(ComplaintsApp app, string waId, DateTime lastInbound) => app.WithDbAsync(async d =>
    {
        var conversation = new Conversation
        {
            WaId = waId,
            ContactName = "Siti",
            StartedAtUtc = lastInbound.AddMinutes(-5),
            LastInboundAtUtc = lastInbound,
            LastActivityAtUtc = lastInbound,
        };
        d.Conversations.Add(conversation);
        await d.SaveChangesAsync();
        return conversation.Id;
    });

    private static async Task ReplyAsync(ComplaintsApp app, Guid conversationId, Action<WhatsAppReplies, Conversation> reply)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var d = scope.ServiceProvider.GetRequiredService<ComplaintsDbContext>();
        var conversation = await d.Conversations.SingleAsync(c => c.Id == conversationId);
        reply(scope.ServiceProvider.GetRequiredService<WhatsAppReplies>(), conversation);
        conversation.Version++;
        await d.SaveChangesAsync();
    }

    private static async Task<DispatchOutbox.Result> DispatchAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DispatchOutbox>().HandleAsync(new());
    }

    private static Task<List<OutboxMessage>> RepliesAsync(ComplaintsApp app, Guid conversationId) =>
        app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.ConversationId == conversationId).OrderBy(m => m.Id).ToListAsync());
}
