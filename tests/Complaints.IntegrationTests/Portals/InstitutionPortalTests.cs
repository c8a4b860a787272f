using System.Net;
using System.Text;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using static Complaints.IntegrationTests.Infrastructure.TestCases;
using static Complaints.IntegrationTests.Portals.InstitutionTestCases;

namespace Complaints.IntegrationTests.Portals;

public sealed class InstitutionPortalTests(SharedApps apps)
{
    private static HttpClient Officer(ComplaintsApp app, int institutionId) =>
        app.As(ActorRole.InstitutionOfficer, institutionId: institutionId, userId: $"officer-{institutionId}");

    private static HttpClient Admin(ComplaintsApp app, int institutionId) =>
        app.As(ActorRole.InstitutionAdmin, institutionId: institutionId, userId: $"admin-{institutionId}");

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string number, Trigger trigger, int version, params (string Name, string Value)[] fields) =>
        Forms.PostAsync(client, $"/institution/cases/{number}", $"/institution/cases/{number}/actions/{trigger}",
            [new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);

    private static Task<int> VersionOfAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Cases.Where(c => c.TrackingNumber == number).Select(c => c.Version)));

    [Fact]
    public void Every_label_the_institution_portal_builds_from_a_value_exists_in_both_languages()
    {
        var keys = new List<string>();
        keys.AddRange(Enum.GetNames<CaseState>().Select(n => $"institution.state.{n}"));
        keys.AddRange(Enum.GetNames<ActorRole>().Select(n => $"institution.actor.{n}"));
        keys.AddRange(Enum.GetNames<ActorRole>().Select(n => $"institution.role.{n}"));
        keys.AddRange(Enum.GetNames<Complaints.Core.Domain.Calendar.ClockKind>().Select(n => $"institution.clock.{n}"));
        keys.AddRange(Enum.GetNames<ResponseOutcome>().Select(n => $"institution.outcome.{n}"));
        keys.AddRange(Enum.GetNames<EligibilityRule>().Select(n => $"institution.rule.{n}"));
        keys.AddRange(Enum.GetNames<MeetingKind>().Select(n => $"institution.meeting.{n}"));
        foreach (var trigger in Complaints.Web.Areas.Institution.Controllers.CasesController.InstitutionTriggers)
        {
            keys.AddRange(new[] { "", ".hint", ".note", ".submit" }.Select(s => $"institution.action.{trigger}{s}"));
            keys.Add($"institution.done.{trigger}");
        }

        foreach (var language in Complaints.Web.Localization.JsonStringLocalizerFactory.Languages)
        {
            var table = Complaints.Web.Localization.JsonStringLocalizerFactory.Load(language);
            var missing = keys.Where(k => !table.ContainsKey(k)).ToList();
            Assert.True(missing.Count == 0, $"Missing in institution.{language}.json: {string.Join(", ", missing)}");
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Officer_sees_a_forwarded_dispute_on_the_dashboard_with_working_days_left_and_masked_personal_data(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);

        var html = await Officer(app, institution).GetStringAsync("/institution");

        Assert.Contains(filed.Number, html, StringComparison.Ordinal);
        Assert.Contains(ConsumerName, html, StringComparison.Ordinal);
        Assert.Contains("sisa 10 hari kerja", html, StringComparison.Ordinal);
        Assert.Contains("32**********0001", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Nik, html, StringComparison.Ordinal);
        Assert.DoesNotContain("6281234567890", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Another_institutions_officer_cannot_see_or_act_on_the_case_or_export_it(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var owner = await NewInstitutionAsync(app);
        var other = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, owner);
        var stranger = Officer(app, other);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/institution/cases/{filed.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/institution/traces/{filed.Number}")).StatusCode);
        var act = await Forms.PostAsync(stranger, "/institution", $"/institution/cases/{filed.Number}/actions/ExtendDeadline",
            [new("Version", "0"), new("Note", "Kami perlu waktu tambahan.")]);
        Assert.Equal(HttpStatusCode.NotFound, act.StatusCode);
        Assert.DoesNotContain(filed.Number, await stranger.GetStringAsync("/institution/cases.csv?state=all"), StringComparison.Ordinal);
        Assert.DoesNotContain(filed.Number, await stranger.GetStringAsync("/institution?state=all"), StringComparison.Ordinal);
        Assert.Equal(CaseState.WithInstitution, await StateOfAsync(app, filed.Number));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Monetary_relief_without_an_amount_shows_the_error_and_keeps_the_typed_message(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var officer = Officer(app, institution);

        var response = await ActAsync(officer, filed.Number, Trigger.Respond, await VersionOfAsync(app, filed.Number),
            ("Outcome", "MonetaryRelief"), ("Amount", ""), ("Note", "Kami akan mengembalikan dana Ibu dalam tujuh hari."));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Isi jumlah ganti rugi uang.", html, StringComparison.Ordinal);
        Assert.Contains("Kami akan mengembalikan dana Ibu dalam tujuh hari.", html, StringComparison.Ordinal);
        Assert.Matches("value=\"MonetaryRelief\"[^>]*checked", html);
        Assert.Equal(CaseState.WithInstitution, await StateOfAsync(app, filed.Number));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_amount_that_is_not_rupiah_is_refused_next_to_the_field(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);

        var response = await ActAsync(Officer(app, institution), filed.Number, Trigger.Respond, await VersionOfAsync(app, filed.Number),
            ("Outcome", "MonetaryRelief"), ("Amount", "1.5"), ("Note", "Pengembalian dana."));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Respond-Amount-error", html, StringComparison.Ordinal);
        Assert.Contains("value=\"1.5\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Responding_moves_the_case_to_the_consumers_decision_which_the_consumer_sees_when_tracking(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var officer = Officer(app, institution);

        var response = await Forms.PostAsync(officer, $"/institution/cases/{filed.Number}", $"/institution/cases/{filed.Number}/actions/Respond",
            [new("Version", (await VersionOfAsync(app, filed.Number)).ToString(System.Globalization.CultureInfo.InvariantCulture)),
             new("Outcome", "MonetaryRelief"), new("Amount", "Rp 2.500.000"), new("Note", "Dana Ibu dikembalikan penuh.")],
            ("Attachments", "bukti.pdf", TestFiles.Pdf()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Jawaban terkirim kepada konsumen.", page, StringComparison.Ordinal);
        Assert.Contains("Rp2.500.000", page, StringComparison.Ordinal);
        Assert.Contains("bukti.pdf", page, StringComparison.Ordinal);

        var track = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{filed.Number}");
        track.Headers.Add("X-Case-Pin", filed.Pin);
        var tracked = await app.CreateClient().SendAsync(track);
        var body = JsonDocument.Parse(await tracked.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ConsumerReview", body.GetProperty("state").GetString());
        Assert.Contains(body.GetProperty("events").EnumerateArray(), e => e.GetProperty("note").GetString() == "Dana Ibu dikembalikan penuh.");
        Assert.Contains(body.GetProperty("attachments").EnumerateArray(), a => a.GetProperty("fileName").GetString() == "bukti.pdf");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_deadline_can_be_extended_once_and_then_the_extension_is_refused(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var officer = Officer(app, institution);

        var first = await ActAsync(officer, filed.Number, Trigger.ExtendDeadline, await VersionOfAsync(app, filed.Number), ("Note", "Menunggu hasil investigasi internal."));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var page = await first.Content.ReadAsStringAsync();
        Assert.Contains("Batas waktu diperpanjang.", page, StringComparison.Ordinal);
        Assert.Contains("sisa 20 hari kerja", page, StringComparison.Ordinal);
        Assert.DoesNotContain("/actions/ExtendDeadline", page, StringComparison.Ordinal);

        var second = await ActAsync(officer, filed.Number, Trigger.ExtendDeadline, await VersionOfAsync(app, filed.Number), ("Note", "Sekali lagi."));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        Assert.Contains("hanya dapat diperpanjang sekali", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_stale_version_shows_the_current_case_with_a_conflict_message_and_keeps_the_typed_reason(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var stale = await VersionOfAsync(app, filed.Number);
        await TestCases.ActAsync(app, filed.Number, Trigger.ExtendDeadline, new Actor(ActorRole.InstitutionOfficer, "colleague", InstitutionId: institution), note: "Rekan memperpanjang.");

        var response = await ActAsync(Officer(app, institution), filed.Number, Trigger.RequestDocuments, stale, ("Note", "Mohon kirim mutasi rekening bulan Oktober."));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Orang lain baru saja mengubah pengaduan ini", html, StringComparison.Ordinal);
        Assert.Contains("Mohon kirim mutasi rekening bulan Oktober.", html, StringComparison.Ordinal);
        Assert.Contains("Rekan memperpanjang.", html, StringComparison.Ordinal);
        Assert.Equal(CaseState.WithInstitution, await StateOfAsync(app, filed.Number));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_CSV_export_holds_the_institutions_cases_with_their_deadline(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var other = await ForwardedDisputeAsync(app, institution, product: "credit-card");

        var response = await Officer(app, institution).GetAsync("/institution/cases.csv?product=savings");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("tracking_number,submitted_at_utc,state,deadline_date,working_days_left,untimely,outcome,relief_amount", lines[0]);
        var row = Assert.Single(lines.Skip(1)).Split(',');
        Assert.Equal(filed.Number, row[0]);
        Assert.Equal("WithInstitution", row[2]);
        Assert.Matches("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", row[3]);
        Assert.Equal("10", row[4]);
        Assert.Equal("false", row[5]);
        Assert.DoesNotContain(other.Number, string.Join('\n', lines), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_officer_can_write_to_the_regulator_on_a_case(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var officer = Officer(app, institution);

        var empty = await Forms.PostAsync(officer, $"/institution/cases/{filed.Number}", $"/institution/cases/{filed.Number}/messages", [new("Body", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);

        var sent = await Forms.PostAsync(officer, $"/institution/cases/{filed.Number}", $"/institution/cases/{filed.Number}/messages",
            [new("Body", "Nasabah sudah kami hubungi lewat telepon.")]);
        var html = await sent.Content.ReadAsStringAsync();
        Assert.Contains("Pesan terkirim ke OJK.", html, StringComparison.Ordinal);
        Assert.Contains("Nasabah sudah kami hubungi lewat telepon.", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_institution_admin_gets_no_case_content(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await EscalatedDisputeAsync(app, institution);
        var admin = Admin(app, institution);

        var home = await admin.GetStringAsync("/institution");
        Assert.DoesNotContain(filed.Number, home, StringComparison.Ordinal);
        Assert.Contains("/institution/admin/users", home, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/institution/cases/{filed.Number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/institution/cases.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/institution/traces")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/institution/traces/{filed.Number}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Traces_follow_an_escalated_case_to_the_regulators_eligibility_review(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var escalated = await EscalatedDisputeAsync(app, institution);
        var answeredOnly = await ForwardedDisputeAsync(app, institution);
        var officer = Officer(app, institution);

        var list = await officer.GetStringAsync("/institution/traces");
        Assert.Contains(escalated.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain(answeredOnly.Number, list, StringComparison.Ordinal);

        var trace = await officer.GetStringAsync($"/institution/traces/{escalated.Number}");
        Assert.Equal("Ditelaah OJK", Forms.TextOf(trace, "trace-state"));
        Assert.Contains("Ditelaah kelayakannya.", trace, StringComparison.Ordinal);
        Assert.Contains("Penjelasan", trace, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/institution/traces/{answeredOnly.Number}")).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_officer_created_by_the_admin_signs_in_through_the_form_and_lands_on_the_institution_portal(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var admin = Admin(app, institution);
        var email = $"petugas-{Guid.NewGuid():N}@bank-uji.example";

        var weak = await Forms.PostAsync(admin, "/institution/admin/users", "/institution/admin/users",
            [new("Form.Email", email), new("Form.DisplayName", "Petugas Baru"), new("Form.Password", "pendek")]);
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        var weakHtml = await weak.Content.ReadAsStringAsync();
        Assert.Contains("Kata sandi terlalu lemah", weakHtml, StringComparison.Ordinal);
        Assert.Contains(email, weakHtml, StringComparison.Ordinal);

        var created = await Forms.PostAsync(admin, "/institution/admin/users", "/institution/admin/users",
            [new("Form.Email", email), new("Form.DisplayName", "Petugas Baru"), new("Form.Password", "Petugas-Baru-2026")]);
        var list = await created.Content.ReadAsStringAsync();
        Assert.Contains("Akun petugas dibuat.", list, StringComparison.Ordinal);
        Assert.Contains(email, list, StringComparison.Ordinal);

        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await Forms.PostAsync(browser, "/account/signin", "/account/signin", [new("Email", email), new("Password", "Petugas-Baru-2026")]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/institution", signIn.Headers.Location?.OriginalString);
        var dashboard = await browser.GetAsync("/institution");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Contains(filed.Number, await dashboard.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_locked_officer_cannot_sign_in_and_an_admin_cannot_lock_another_institutions_user(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var other = await NewInstitutionAsync(app);
        var admin = Admin(app, institution);
        var email = $"petugas-{Guid.NewGuid():N}@bank-uji.example";
        await Forms.PostAsync(admin, "/institution/admin/users", "/institution/admin/users",
            [new("Form.Email", email), new("Form.DisplayName", "Petugas Dikunci"), new("Form.Password", "Petugas-Baru-2026")]);
        var userId = await app.WithDbAsync(d => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(d.Users.Where(u => u.Email == email).Select(u => u.Id)));

        var foreign = await Forms.PostAsync(Admin(app, other), "/institution/admin/users", $"/institution/admin/users/{userId}/lock", []);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain(email, await Admin(app, other).GetStringAsync("/institution/admin/users"), StringComparison.Ordinal);

        var locked = await Forms.PostAsync(admin, "/institution/admin/users", $"/institution/admin/users/{userId}/lock", []);
        Assert.Contains("Akun dikunci.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var browser = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var signIn = await Forms.PostAsync(browser, "/account/signin", "/account/signin", [new("Email", email), new("Password", "Petugas-Baru-2026")]);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);

        await Forms.PostAsync(admin, "/institution/admin/users", $"/institution/admin/users/{userId}/unlock", []);
        var again = await Forms.PostAsync(browser, "/account/signin", "/account/signin", [new("Email", email), new("Password", "Petugas-Baru-2026")]);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_admin_edits_the_complaint_units_contacts_and_keeps_input_on_an_error(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var admin = Admin(app, institution);

        var invalid = await Forms.PostAsync(admin, "/institution/admin/contacts", "/institution/admin/contacts",
            [new("Form.ContactEmail", "pengaduan@"), new("Form.ContactPhone", "021 5150 5150")]);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var html = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("value=\"021 5150 5150\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"pengaduan@\"", html, StringComparison.Ordinal);

        var saved = await Forms.PostAsync(admin, "/institution/admin/contacts", "/institution/admin/contacts",
            [new("Form.ContactEmail", "pengaduan@bank-uji.example"), new("Form.ContactPhone", "021 5150 5150")]);
        Assert.Contains("Kontak disimpan.", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await app.WithDbAsync(async d => await d.Institutions.FindAsync(institution));
        Assert.Equal("pengaduan@bank-uji.example", stored!.ContactEmail);
        Assert.Equal("021 5150 5150", stored.ContactPhone);

        var officerTries = await Officer(app, institution).GetAsync("/institution/admin/contacts");
        Assert.NotEqual(HttpStatusCode.OK, officerTries.StatusCode);
    }
}
