using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Administration;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Portals;

/// <summary>
/// The Administrator's deadline durations, working-day calendar and change log. A test that changes a duration
/// or the calendar starts its own app (with its own clock): those settings hold for every case of the app.
/// 17 March 2026 is the last working day before Nyepi and Idul Fitri (18-24 March off); Good Friday is 3 April.
/// </summary>
public sealed class SettingsTests(SharedApps apps)
{
    private const string DeadlinesUrl = "/regulator/admin/deadlines";
    private const string CalendarUrl = "/regulator/admin/calendar";
    private const string AuditUrl = "/regulator/admin/audit";

    /// <summary>Tuesday 17 March 2026, 10:00 in Jakarta.</summary>
    private static readonly DateTime BeforeIdulFitri = new(2026, 3, 17, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_shorter_answer_deadline_applies_to_cases_forwarded_afterwards_and_the_change_log_shows_it(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(BeforeIdulFitri));
        var admin = await NamedAdministratorAsync(app, "Rina Administrator");
        var institution = await TestCases.NewInstitutionAsync(app);
        var (before, beforePin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, before, institution);

        var saved = await SaveDeadlinesAsync(admin, new() { ["InstitutionWrittenDays"] = "5" });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var page = await HtmlAsync(saved);
        Assert.Contains("Tenggat waktu disimpan.", page, StringComparison.Ordinal);
        Assert.Contains("id=\"Values-InstitutionWrittenDays\" name=\"Values[InstitutionWrittenDays]\"", page, StringComparison.Ordinal);
        Assert.Matches("id=\"Values-InstitutionWrittenDays\"[^>]*value=\"5\"", page);
        Assert.Contains("Bawaan: 10 hari kerja", page, StringComparison.Ordinal);

        // Forwarded after the change: 5 working days from 17 March, across the holidays: 25, 26, 27, 30, 31 March.
        var (after, afterPin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, after, institution);
        Assert.Equal("2026-03-31", await DueDateAsync(app, after, afterPin));

        // Forwarded before: its clock was already running with 10 working days and keeps its date.
        Assert.Equal("2026-04-08", await DueDateAsync(app, before, beforePin));

        var audit = await HtmlAsync(await admin.GetAsync($"{AuditUrl}?area=policy"));
        Assert.Contains("Jawaban lembaga atas pengaduan tertulis", audit, StringComparison.Ordinal);
        Assert.Contains("<span class=\"audit-before\">10</span>", audit, StringComparison.Ordinal);
        Assert.Contains("<span class=\"audit-after\">5</span>", audit, StringComparison.Ordinal);
        Assert.Contains("Oleh Rina Administrator, 17 Maret 2026 10.00 WIB", audit, StringComparison.Ordinal);
        Assert.Contains("1 perubahan", audit, StringComparison.Ordinal);

        // Saving the same values again changes nothing and records nothing.
        var again = await SaveDeadlinesAsync(admin, new() { ["InstitutionWrittenDays"] = "5" });
        Assert.Contains("Tidak ada yang berubah", await HtmlAsync(again), StringComparison.Ordinal);
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_duration_that_is_not_a_whole_number_of_days_in_range_is_refused_with_what_was_typed_kept_and_nothing_saved(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var admin = app.As(ActorRole.Administrator);

        var refused = await SaveDeadlinesAsync(admin, new()
        {
            ["InstitutionWrittenDays"] = "0",
            ["InstitutionVerbalDays"] = "abc",
            ["ReopenWindowDays"] = "4000",
            ["ConsumerDocumentsDays"] = "15",
        });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await HtmlAsync(refused);
        Assert.Contains("Isi angka dari 1 sampai 365.", html, StringComparison.Ordinal);
        Assert.Contains("Isi jumlah hari dengan bilangan bulat, hanya angka.", html, StringComparison.Ordinal);
        Assert.Contains("Isi angka dari 1 sampai 3650.", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#Values-InstitutionVerbalDays\"", html, StringComparison.Ordinal);
        Assert.Matches("id=\"Values-InstitutionWrittenDays\"[^>]*value=\"0\"", html);
        Assert.Matches("id=\"Values-InstitutionVerbalDays\"[^>]*value=\"abc\"", html);
        Assert.Matches("id=\"Values-ReopenWindowDays\"[^>]*value=\"4000\"", html);
        Assert.Matches("id=\"Values-ConsumerDocumentsDays\"[^>]*value=\"15\"", html);

        Assert.False(await app.WithDbAsync(d => d.PolicySettings.AnyAsync()));
        Assert.Matches("id=\"Values-ConsumerDocumentsDays\"[^>]*value=\"20\"", await admin.GetStringAsync(DeadlinesUrl));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Supervisors_and_institution_officers_cannot_open_or_change_the_settings(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await TestCases.NewInstitutionAsync(app);
        var outsiders = new[] { app.As(ActorRole.Supervisor), app.As(ActorRole.InstitutionOfficer, institution), app.As(ActorRole.InstitutionAdmin, institution) };

        foreach (var client in outsiders)
        {
            foreach (var url in new[] { DeadlinesUrl, CalendarUrl, $"{CalendarUrl}?year=2026", AuditUrl, $"{AuditUrl}?area=policy&page=2" })
            {
                var response = await client.GetAsync(url);
                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"{url}: {(int)response.StatusCode}");
            }

            var added = await Forms.PostAsync(client, "/", CalendarUrl, [new("Form.Date", "2026-12-01"), new("Form.Name", "Bukan libur")]);
            Assert.True(added.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"add: {(int)added.StatusCode}");
            var saved = await Forms.PostAsync(client, "/", DeadlinesUrl, [new("Values[InstitutionWrittenDays]", "1")]);
            Assert.True(saved.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"save: {(int)saved.StatusCode}");
        }

        Assert.False(await app.WithDbAsync(d => d.Holidays.AnyAsync(h => h.Date == new DateOnly(2026, 12, 1))));
        Assert.False(await app.WithDbAsync(d => d.PolicySettings.AnyAsync()));
        Assert.Equal(HttpStatusCode.OK, (await app.As(ActorRole.Administrator).GetAsync(DeadlinesUrl)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_one_off_day_off_on_the_due_date_moves_only_the_cases_forwarded_afterwards_and_can_be_removed(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(BeforeIdulFitri));
        var admin = app.As(ActorRole.Administrator);
        var institution = await TestCases.NewInstitutionAsync(app);
        var (running, runningPin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, running, institution);
        Assert.Equal("2026-04-08", await DueDateAsync(app, running, runningPin));

        var added = await AddDayAsync(admin, "2026-04-08", "Pemungutan Suara Uji");

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var calendar = await HtmlAsync(added);
        Assert.Contains("Hari libur ditambahkan.", calendar, StringComparison.Ordinal);
        Assert.Contains("Rabu, 8 April 2026", calendar, StringComparison.Ordinal);
        Assert.Contains("Pemungutan Suara Uji", calendar, StringComparison.Ordinal);
        Assert.Contains("Libur khusus", calendar, StringComparison.Ordinal);

        var (later, laterPin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, later, institution);
        Assert.Equal("2026-04-09", await DueDateAsync(app, later, laterPin));
        Assert.Equal("2026-04-08", await DueDateAsync(app, running, runningPin));

        // The same day twice is refused with what was typed kept.
        var twice = await AddDayAsync(admin, "2026-04-08", "Nama lain");
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
        var refused = await HtmlAsync(twice);
        Assert.Contains("Tanggal ini sudah hari libur (Pemungutan Suara Uji).", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"Nama lain\"", refused, StringComparison.Ordinal);

        var removed = await Forms.PostAsync(admin, CalendarUrl, $"{CalendarUrl}/2026-04-08/remove", []);
        var afterRemoval = await HtmlAsync(removed);
        Assert.Contains("Hari libur dihapus.", afterRemoval, StringComparison.Ordinal);
        Assert.DoesNotContain("Pemungutan Suara Uji", afterRemoval, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await Forms.PostAsync(admin, CalendarUrl, $"{CalendarUrl}/2026-04-08/remove", [])).StatusCode);

        var (last, lastPin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, last, institution);
        Assert.Equal("2026-04-08", await DueDateAsync(app, last, lastPin));
        Assert.Equal("2026-04-09", await DueDateAsync(app, later, laterPin));

        var audit = await HtmlAsync(await admin.GetAsync($"{AuditUrl}?area=calendar"));
        Assert.Contains("2 perubahan", audit, StringComparison.Ordinal);
        Assert.Contains("<span class=\"audit-after\">Pemungutan Suara Uji (Special)</span>", audit, StringComparison.Ordinal);
        Assert.Contains("<span class=\"audit-before\">Pemungutan Suara Uji (Special)</span>", audit, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Importing_a_year_replaces_its_days_and_a_file_with_a_bad_line_imports_nothing(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(BeforeIdulFitri));
        var admin = app.As(ActorRole.Administrator);
        const string header = "date,year,name,type,type_id,falls_on_weekend,amended_by";

        var imported = await ImportAsync(admin, "2028", "libur-2028.csv",
            header,
            "2028-01-01,2028,Tahun Baru 2028 Masehi,national_holiday,libur_nasional,True,",
            "2028-08-17,2028,Hari Kemerdekaan Republik Indonesia,national_holiday,libur_nasional,False,",
            "",
            "2028-12-25,2028,Kelahiran Yesus Kristus,national_holiday,libur_nasional,False,",
            "2028-12-26,2028,Kelahiran Yesus Kristus,joint_leave,cuti_bersama,False,");

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        var page = await HtmlAsync(imported);
        Assert.Contains("Kalender 2028 diimpor: 4 hari libur (4 ditambahkan, 0 diubah, 0 dihapus).", page, StringComparison.Ordinal);
        Assert.Contains("Kamis, 17 Agustus 2028", page, StringComparison.Ordinal);
        Assert.Contains("Cuti bersama", page, StringComparison.Ordinal);
        Assert.Contains("menggantikan semua hari libur pada tahun itu", page, StringComparison.Ordinal);
        Assert.Equal(4, await CountAsync(app, 2028));

        // Line 3 has a month 13: nothing of the file is imported, and the line is named.
        var bad = await ImportAsync(admin, "2028", "libur-2028.csv",
            header,
            "2028-05-01,2028,Hari Buruh Internasional,national_holiday,libur_nasional,False,",
            "2028-13-01,2028,Tanggal salah,national_holiday,libur_nasional,False,");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Baris 3: baris ini tidak dapat dibaca.", await HtmlAsync(bad), StringComparison.Ordinal);
        Assert.Equal(4, await CountAsync(app, 2028));
        Assert.False(await app.WithDbAsync(d => d.Holidays.AnyAsync(h => h.Date == new DateOnly(2028, 5, 1))));

        // A day of another year is named by its line too.
        var otherYear = await ImportAsync(admin, "2028", "libur-2028.csv",
            header,
            "2028-05-01,2028,Hari Buruh Internasional,national_holiday,libur_nasional,False,",
            "2029-01-01,2029,Tahun Baru 2029 Masehi,national_holiday,libur_nasional,False,");
        Assert.Equal(HttpStatusCode.BadRequest, otherYear.StatusCode);
        Assert.Contains("Baris 3: 2029-01-01 tidak berada di tahun 2028.", await HtmlAsync(otherYear), StringComparison.Ordinal);

        var notCsv = await ImportAsync(admin, "2028", "libur-2028.txt", header);
        Assert.Contains("Hanya berkas .csv yang dapat diimpor.", await HtmlAsync(notCsv), StringComparison.Ordinal);
        Assert.Equal(4, await CountAsync(app, 2028));

        // A second file for the year is the whole list: a day it no longer has goes, the others stay.
        var replaced = await ImportAsync(admin, "2028", "libur-2028-revisi.csv",
            header,
            "2028-01-01,2028,Tahun Baru 2028 Masehi,national_holiday,libur_nasional,True,",
            "2028-08-17,2028,Hari Kemerdekaan Republik Indonesia,national_holiday,libur_nasional,False,",
            "2028-12-25,2028,Kelahiran Yesus Kristus,national_holiday,libur_nasional,False,");
        Assert.Contains("Kalender 2028 diimpor: 3 hari libur (0 ditambahkan, 0 diubah, 1 dihapus).", await HtmlAsync(replaced), StringComparison.Ordinal);
        Assert.Equal(3, await CountAsync(app, 2028));
        Assert.True(await app.WithDbAsync(d => d.Holidays.AnyAsync(h => h.Date == new DateOnly(2026, 4, 3))));

        var audit = await HtmlAsync(await admin.GetAsync($"{AuditUrl}?area=calendar"));
        Assert.Contains("import 2028", audit, StringComparison.Ordinal);
        Assert.Contains("<span class=\"audit-after\">3 days (0 added, 0 changed, 1 removed)</span>", audit, StringComparison.Ordinal);
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock) =>
        new(db, services: s => s.AddSingleton<TimeProvider>(clock));

    /// <summary>An administrator with an account, so the change log can name them.</summary>
    private static async Task<HttpClient> NamedAdministratorAsync(ComplaintsApp app, string name)
    {
        var id = Guid.NewGuid().ToString();
        await app.WithDbAsync(d =>
        {
            d.Users.Add(new ApplicationUser { Id = id, UserName = $"{id}@ojk-uji.example", Email = $"{id}@ojk-uji.example", DisplayName = name });
            return d.SaveChangesAsync();
        });
        return app.As(ActorRole.Administrator, userId: id);
    }

    /// <summary>Posts the deadlines form as the browser does: every duration, the given ones changed.</summary>
    private static async Task<HttpResponseMessage> SaveDeadlinesAsync(HttpClient admin, Dictionary<string, string> changes)
    {
        var fields = DeadlinePolicies.Durations
            .Select(d => new KeyValuePair<string, string>($"Values[{d.Key}]", changes.TryGetValue(d.Key, out var v) ? v : d.Get(DeadlinePolicy.Default).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return await Forms.PostAsync(admin, DeadlinesUrl, DeadlinesUrl, fields);
    }

    private static Task<HttpResponseMessage> AddDayAsync(HttpClient admin, string date, string name) =>
        Forms.PostAsync(admin, CalendarUrl, CalendarUrl, [new("Form.Date", date), new("Form.Name", name)]);

    private static Task<HttpResponseMessage> ImportAsync(HttpClient admin, string year, string fileName, params string[] lines) =>
        Forms.PostAsync(admin, CalendarUrl, $"{CalendarUrl}/import", [new("year", year)],
            ("file", fileName, Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n")));

    private static Task<int> CountAsync(ComplaintsApp app, int year) =>
        app.WithDbAsync(d => d.Holidays.CountAsync(h => h.Date >= new DateOnly(year, 1, 1) && h.Date <= new DateOnly(year, 12, 31)));

    /// <summary>The page as a person reads it: entities decoded.</summary>
    private static async Task<string> HtmlAsync(HttpResponseMessage response) =>
        WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    /// <summary>The due date the consumer sees through the public tracking API.</summary>
    private static async Task<string?> DueDateAsync(ComplaintsApp app, string number, string pin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{number}");
        request.Headers.Add("X-Case-Pin", pin);
        using var response = await app.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deadline").GetProperty("dueDate").GetString();
    }
}
