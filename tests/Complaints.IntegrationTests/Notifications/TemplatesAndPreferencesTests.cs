using System.Net;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.Notifications;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Notifications;

/// <summary>Issue #4: administrators edit the notifications' wording; consumers choose channels and may stop
/// messages they need not act on.</summary>
public sealed class TemplatesAndPreferencesTests(SharedApps apps)
{
    private const string TemplatesUrl = "/regulator/admin/templates";
    private const string StatusUpdateId = TemplatesUrl + "/consumer.stateChanged/id";
    private static readonly Actor Agent = new(ActorRole.Agent, "test-agent");
    private static readonly string UnderReview = CaseLifecycle.Info(CaseState.Screening).Label.Id;

    private static Task<HttpResponseMessage> SaveTemplateAsync(HttpClient admin, string url, string subject, string body, string shortText, string intent = "save") =>
        Forms.PostAsync(admin, url, url,
            [new("Form.Subject", subject), new("Form.Body", body), new("Form.ShortText", shortText), new("intent", intent)]);

    private static Task<List<OutboxMessage>> OutboxAsync(ComplaintsApp app, string number, string templateKey) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.TrackingNumber == number && m.TemplateKey == templateKey)
            .OrderBy(m => m.Id)
            .ToListAsync());

    private static Task<Guid> ConsumerOfAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.TrackingNumber == number).Select(c => c.ConsumerId).SingleAsync());

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrators_wording_is_used_for_the_next_status_update_until_the_default_is_restored(DatabaseProvider db)
    {
        // Its own app: the wording is global, and other tests read the shipped one.
        Databases.EnsureAvailable(db);
        await using var app = new ComplaintsApp(db);
        var admin = app.As(ActorRole.Administrator, userId: "admin-templates");
        var body = app.Services.GetRequiredService<NotificationTemplates>().Default("consumer.stateChanged", "id").Body;
        Assert.Contains(body + "</textarea>", WebUtility.HtmlDecode(await admin.GetStringAsync(StatusUpdateId)), StringComparison.Ordinal);

        var saved = await SaveTemplateAsync(admin, StatusUpdateId, "Kabar terbaru {trackingNumber}: {state}", body, "Pengaduan {trackingNumber}: {state}. {trackingLink}");

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var savedPage = await saved.Content.ReadAsStringAsync();
        Assert.Equal("Templat disimpan. Pesan berikutnya memakai teks ini.", Forms.TextOf(savedPage, "done"));
        Assert.Contains("Kabar terbaru 7K3M", Forms.TextOf(savedPage, "preview-subject"), StringComparison.Ordinal);
        var state = Between(await admin.GetStringAsync(TemplatesUrl), "id=\"state-consumer-stateChanged-id\"", "</td>");
        Assert.Contains("Diubah", state, StringComparison.Ordinal);
        Assert.Contains("admin-templates", state, StringComparison.Ordinal);
        var audit = await app.WithDbAsync(d => d.AuditEntries.AsNoTracking().Where(a => a.Area == "template" && a.Subject == "consumer.stateChanged/id").ToListAsync());
        var entry = Assert.Single(audit);
        Assert.Equal("admin-templates", entry.UserId);
        Assert.Contains("Perkembangan pengaduan {trackingNumber}: {state}", entry.Before, StringComparison.Ordinal);
        Assert.Contains("Kabar terbaru {trackingNumber}: {state}", entry.After, StringComparison.Ordinal);

        var (edited, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        await TestCases.ActAsync(app, edited, Trigger.StartScreening, Agent);
        var email = Assert.Single(await OutboxAsync(app, edited, "consumer.stateChanged"), m => m.Channel == NotificationChannel.Email);
        Assert.Equal("id", email.Culture);
        Assert.Equal($"Kabar terbaru {edited}: {UnderReview}", email.Subject);

        var restored = await Forms.PostAsync(admin, StatusUpdateId, StatusUpdateId + "/reset", []);
        Assert.Equal("Teks bawaan dipakai lagi.", Forms.TextOf(await restored.Content.ReadAsStringAsync(), "done"));
        Assert.Equal(2, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Area == "template" && a.Subject == "consumer.stateChanged/id")));
        Assert.False(await app.WithDbAsync(d => d.NotificationTemplates.AnyAsync(t => t.Key == "consumer.stateChanged")));

        var (plain, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        await TestCases.ActAsync(app, plain, Trigger.StartScreening, Agent);
        var again = Assert.Single(await OutboxAsync(app, plain, "consumer.stateChanged"), m => m.Channel == NotificationChannel.Email);
        Assert.Equal($"Perkembangan pengaduan {plain}: {UnderReview}", again.Subject);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_misspelt_placeholder_is_refused_by_name_and_the_typed_text_stays(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var admin = app.As(ActorRole.Administrator);
        var url = TemplatesUrl + "/consumer.documentsRequested/en";

        var refused = await SaveTemplateAsync(admin, url, "Documents for {trackingNumbr}", "Send {note} by {dueDate}: {trackingLink}", "Send {note}: {trackingLink}");
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("{trackingNumbr} tidak dikenal; yang tersedia: {trackingNumber}, {dueDate}, {note}, {trackingLink}.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Documents for {trackingNumbr}\"", html, StringComparison.Ordinal);
        Assert.Contains("Send {note} by {dueDate}: {trackingLink}</textarea>", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(d => d.NotificationTemplates.AnyAsync(t => t.Key == "consumer.documentsRequested" && t.Culture == "en")));

        // The preview shows typed text on a sample case without saving it.
        var preview = await SaveTemplateAsync(admin, url, "Documents for {trackingNumber}", "Send {note} by {dueDate}: {trackingLink}", "Send {note}: {trackingLink}", "preview");
        var previewPage = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.StartsWith("Documents for 7K3M-", Forms.TextOf(previewPage, "preview-subject"), StringComparison.Ordinal);
        Assert.Contains("/track?number=7K3M-", Forms.TextOf(previewPage, "preview-body"), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(d => d.NotificationTemplates.AnyAsync(t => t.Key == "consumer.documentsRequested" && t.Culture == "en")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Only_the_administrator_opens_or_changes_the_templates(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await TestCases.NewInstitutionAsync(app);
        HttpClient[] others =
        [
            app.As(ActorRole.Supervisor),
            app.As(ActorRole.InstitutionOfficer, institution),
            app.As(ActorRole.Consumer, consumerId: Guid.NewGuid()),
        ];

        foreach (var client in others)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(TemplatesUrl)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(TemplatesUrl + "/staff.breach/id")).StatusCode);
            var posted = await Forms.PostAsync(client, "/", TemplatesUrl + "/staff.breach/id",
                [new("Form.Subject", "Diambil alih {trackingNumber}"), new("Form.Body", "{caseLink}"), new("Form.ShortText", "{caseLink}")]);
            Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        }

        Assert.False(await app.WithDbAsync(d => d.NotificationTemplates.AnyAsync(t => t.Key == "staff.breach")));
        var list = await app.As(ActorRole.Administrator).GetStringAsync(TemplatesUrl);
        Assert.Contains("Pelanggaran batas waktu", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/regulator/admin/templates\"", list, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_signed_in_consumer_who_turns_email_off_still_hears_by_WhatsApp(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        var consumer = app.As(ActorRole.Consumer, consumerId: await ConsumerOfAsync(app, number));

        var page = await consumer.GetStringAsync("/my/notifications");
        Assert.Contains("s***@example.org", page, StringComparison.Ordinal);
        Assert.Contains("*********7890", page, StringComparison.Ordinal);
        Assert.DoesNotContain("6281234567890", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/my/notifications\"", await consumer.GetStringAsync("/my/cases"), StringComparison.Ordinal);

        // Every channel off is refused: document requests and deadlines must reach the consumer somehow.
        var none = await Forms.PostAsync(consumer, "/my/notifications", "/my/notifications", [new("Culture", "id")]);
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Contains("Biarkan paling sedikit satu saluran aktif.", WebUtility.HtmlDecode(await none.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var saved = await Forms.PostAsync(consumer, "/my/notifications", "/my/notifications", [new("WhatsApp", "true"), new("EssentialOnly", "false"), new("Culture", "id")]);
        Assert.Equal("Pilihan Anda disimpan.", Forms.TextOf(await saved.Content.ReadAsStringAsync(), "prefs-done"));

        await TestCases.ActAsync(app, number, Trigger.StartScreening, Agent);
        var messages = await OutboxAsync(app, number, "consumer.stateChanged");
        Assert.Equal([NotificationChannel.WhatsApp], messages.Select(m => m.Channel));
        Assert.Contains(number, messages[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Essential_only_from_the_tracking_page_stops_progress_news_but_not_a_document_request(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        var tracked = await Forms.PostAsync(client, "/track", "/track", [new("TrackingNumber", number), new("Pin", pin)]);
        Assert.Contains("action=\"/track/notifications\"", await tracked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var opened = await Forms.PostAsync(client, "/track", "/track/notifications", [new("TrackingNumber", number), new("Pin", pin)]);
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);
        Assert.True(opened.Headers.CacheControl?.NoStore, "the page carries the PIN and is not cached");
        Assert.Contains("id=\"EssentialOnly\"", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var saved = await Forms.PostAsync(client, "/track", "/track/notifications/save",
        [
            new("TrackingNumber", number), new("Pin", pin), new("Email", "true"), new("WhatsApp", "true"), new("EssentialOnly", "true"), new("Culture", "id"),
        ]);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Equal("Pilihan Anda disimpan.", Forms.TextOf(await saved.Content.ReadAsStringAsync(), "prefs-done"));
        Assert.Equal("/track/notifications/save", saved.RequestMessage!.RequestUri!.AbsolutePath);

        await TestCases.ForwardAsync(app, number, institution);
        await TestCases.ActAsync(app, number, Trigger.RequestDocuments, new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institution),
            note: "Mohon kirim mutasi rekening bulan Oktober.");

        Assert.Empty(await OutboxAsync(app, number, "consumer.stateChanged"));
        var requests = await OutboxAsync(app, number, "consumer.documentsRequested");
        Assert.Equal([NotificationChannel.Email, NotificationChannel.WhatsApp], requests.Select(m => m.Channel).Order());
        Assert.Contains("Mohon kirim mutasi rekening bulan Oktober.", requests[0].Body, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_notification_choices_behind_a_wrong_PIN_are_a_plain_not_found(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        var wrong = pin == "000000" ? "111111" : "000000";

        var opened = await Forms.PostAsync(client, "/track", "/track/notifications", [new("TrackingNumber", number), new("Pin", wrong)]);
        var saved = await Forms.PostAsync(client, "/track", "/track/notifications/save",
            [new("TrackingNumber", number), new("Pin", wrong), new("WhatsApp", "true"), new("EssentialOnly", "true"), new("Culture", "en")]);

        Assert.Equal(HttpStatusCode.NotFound, opened.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, saved.StatusCode);
        Assert.DoesNotContain("example.org", await opened.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var consumerId = await ConsumerOfAsync(app, number);
        var unchanged = await app.WithDbAsync(d => d.Consumers.Where(c => c.Id == consumerId).Select(c => new { c.EmailMuted, c.EssentialOnly, c.PreferredCulture }).SingleAsync());
        Assert.Equal(new { EmailMuted = false, EssentialOnly = false, PreferredCulture = "id" }, unchanged);
    }

    private static string Between(string html, string start, string end)
    {
        var from = html.IndexOf(start, StringComparison.Ordinal);
        Assert.True(from >= 0, $"{start} not on the page");
        var to = html.IndexOf(end, from, StringComparison.Ordinal);
        return html[from..to];
    }
}
