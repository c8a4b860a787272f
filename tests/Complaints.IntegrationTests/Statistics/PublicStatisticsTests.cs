using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Deadlines;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Statistics;

/// <summary>
/// The public statistics page and open-data API, on an app of each test's own (exact counts) with its own clock
/// to place cases in months, and thresholds of 3 so a handful of cases shows both published and suppressed cells.
/// </summary>
public sealed class PublicStatisticsTests
{
    private static readonly Actor Agent = new(ActorRole.Agent, "test-agent");

    /// <summary>Known personal data and narrative of the consumers filing, which must never come out.</summary>
    private const string Name = "Rahmawati Puspitasari";
    private const string Nik = "3201011207900417";
    private const string Email = "rahmawati.puspita@example.org";
    private const string Phone = "0812-7766-5544";
    private const string PhoneDigits = "81277665544";
    private const string Description = "Kartu ATM saya tertelan mesin di Cibinong lalu saldo terkuras habis.";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Volumes_by_month_sector_product_and_issue_are_counted_and_small_cells_are_suppressed_in_json_csv_and_page(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(JakartaNoon(2026, 1, 15));
        await using var app = NewApp(db, clock);
        var bank = await TestCases.NewInstitutionAsync(app);
        var client = app.CreateClient();

        // January: 3 savings complaints. February: 4 more, 1 credit card, 3 e-money, and a question (not a complaint).
        // March: 1 savings complaint. 12 complaints, all Banking (the institution's sector).
        await FileAsync(client, bank, "savings", "unauthorized-transaction", 3);
        clock.UtcNow = JakartaNoon(2026, 2, 10);
        await FileAsync(client, bank, "savings", "unauthorized-transaction", 4);
        await FileAsync(client, bank, "credit-card", "fees-interest", 1);
        await FileAsync(client, bank, "e-wallet", "fees-interest", 3);
        await PublicCasesApiTests.FileAsync(client, Body(bank, "savings", "unauthorized-transaction", kind: "Question"));
        clock.UtcNow = JakartaNoon(2026, 3, 31).AddHours(11); // 23:00 on 31 March in Jakarta, 16:00 UTC: still March
        await FileAsync(client, bank, "savings", "unauthorized-transaction", 1);
        clock.UtcNow = JakartaNoon(2026, 4, 2);

        var json = await GetJsonAsync(client, "/api/v1/statistics?from=2026-01&to=2026-03");
        Assert.Equal("2026-01", json.GetProperty("from").GetString());
        Assert.Equal(3, json.GetProperty("minCellCount").GetInt32());
        Assert.Equal(12, json.GetProperty("total").GetInt32());

        // Months: March's 1 is suppressed, and January's 3 too, or 12 - 8 would give March away.
        Assert.Equal([("2026-01", null), ("2026-02", 8), ("2026-03", null)], Cells(json, "byMonth"));
        Assert.All(json.GetProperty("byMonth").EnumerateArray().Where(c => c.GetProperty("count").ValueKind == JsonValueKind.Null),
            c => Assert.True(c.GetProperty("suppressed").GetBoolean()));
        Assert.Equal([("Banking", 12)], Cells(json, "bySector"));
        // Products: credit card's 1 is suppressed; e-money's 3, the smallest published, goes with it.
        Assert.Equal([("savings", 8), ("credit-card", null), ("e-wallet", null)], Cells(json, "byProduct"));
        Assert.Equal([("fees-interest", 4), ("unauthorized-transaction", 8)], Cells(json, "byIssue").OrderBy(c => c.Key).ToList());
        Assert.Equal("Perbankan", json.GetProperty("bySector")[0].GetProperty("label").GetString());

        // CSV: the same numbers, a suppressed one empty with "<3" in the note.
        var csv = await GetCsvAsync(client, "/api/v1/statistics?from=2026-01&to=2026-03&format=csv");
        Assert.Equal("table,key,label,count,concluded,on_time_percent,note", csv[0]);
        Assert.Contains("month,2026-02,Februari 2026,8,,,", csv);
        Assert.Contains("month,2026-03,Maret 2026,,,,<3", csv);
        Assert.Contains("product,credit-card,Kartu kredit,,,,<3", csv);
        Assert.Contains("product,e-wallet,Uang elektronik / transfer,,,,<3", csv);
        Assert.Contains("product,savings,Tabungan / giro / deposito,8,,,", csv);
        Assert.Contains("total,,Jumlah pengaduan,12,,,", csv);
        // Accept: text/csv gives CSV too.
        var accepted = new HttpRequestMessage(HttpMethod.Get, "/api/v1/statistics?from=2026-01&to=2026-03");
        accepted.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var byAccept = await client.SendAsync(accepted);
        Assert.Equal("text/csv", byAccept.Content.Headers.ContentType?.MediaType);

        // The page: the published counts, "<3" for the suppressed ones, nothing else.
        var page = await client.GetStringAsync("/statistik?from=2026-01&to=2026-03");
        Assert.Contains("Statistik pengaduan", page, StringComparison.Ordinal);
        Assert.Contains("<caption class=\"caption-top\">Pengaduan menurut produk</caption>", page, StringComparison.Ordinal);
        var products = Section(page, "statistics-product");
        Assert.Contains("Kartu kredit</th>", products, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(products, "&lt;3</td>"));
        Assert.Contains(">8</td>", products, StringComparison.Ordinal);
        Assert.Equal(2, Occurrences(Section(page, "statistics-month"), "&lt;3</td>"));

        // In English, after the header's language switch.
        var switched = await Forms.PostAsync(client, "/statistik?from=2026-01&to=2026-03", "/culture",
            [new("culture", "en"), new("returnUrl", "/statistik?from=2026-01&to=2026-03")]);
        Assert.True(switched.IsSuccessStatusCode, switched.StatusCode.ToString());
        var englishPage = await client.GetStringAsync("/statistik?from=2026-01&to=2026-03");
        Assert.Contains("Complaints by product", englishPage, StringComparison.Ordinal);
        Assert.Contains("Credit card</th>", englishPage, StringComparison.Ordinal);
        Assert.Contains("March 2026", englishPage, StringComparison.Ordinal);

        AssertNoPersonalData(json.GetRawText(), string.Join('\n', csv), page);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Institutions_show_forwarded_complaints_and_on_time_share_only_above_the_minimum(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        // Monday 5 January 2026: the institutions' 10 working days end on 19 January.
        var clock = new SettableClock(JakartaNoon(2026, 1, 5));
        await using var app = NewApp(db, clock);
        var client = app.CreateClient();
        var busy = await TestCases.NewInstitutionAsync(app);
        var few = await TestCases.NewInstitutionAsync(app);
        var slow = await TestCases.NewInstitutionAsync(app);
        var unlicensed = await NewInstitutionAsync(app, InstitutionStatus.Registered);
        var names = await app.WithDbAsync(d => d.Institutions.ToDictionaryAsync(i => i.Id, i => i.LegalName));

        // Busy: 5 forwarded; 3 answered the next day, 1 left past its deadline (marked untimely by the sweep), 1
        // forwarded later and still within it.
        var busyCases = await FileAsync(client, busy, "savings", "unauthorized-transaction", 5);
        foreach (var number in busyCases.Take(4))
        {
            await TestCases.ForwardAsync(app, number, busy);
        }

        clock.UtcNow = JakartaNoon(2026, 1, 6);
        foreach (var number in busyCases.Take(3))
        {
            await AnswerAsync(app, number, busy);
        }

        // Few: 2 forwarded, under the minimum of 3, so absent. Slow: 3 forwarded, only 1 answered: its share rests on
        // one case and is suppressed. The registered (not licensed) institution is absent whatever its count.
        foreach (var number in await FileAsync(client, few, "savings", "collection", 2))
        {
            await TestCases.ForwardAsync(app, number, few);
        }

        var slowCases = await FileAsync(client, slow, "savings", "collection", 3);
        foreach (var number in slowCases)
        {
            await TestCases.ForwardAsync(app, number, slow);
        }

        await AnswerAsync(app, slowCases[0], slow);
        foreach (var number in await FileAsync(client, unlicensed, "savings", "collection", 3))
        {
            await TestCases.ForwardAsync(app, number, unlicensed);
        }

        // Before their deadline ran out, slow had 1 concluded case: under the threshold, so no share.
        var early = await GetJsonAsync(client, "/api/v1/statistics?from=2026-01&to=2026-01");
        var earlySlow = early.GetProperty("institutions").EnumerateArray().Single(i => i.GetProperty("name").GetString() == names[slow]);
        Assert.Equal(3, earlySlow.GetProperty("cases").GetInt32());
        Assert.Equal(JsonValueKind.Null, earlySlow.GetProperty("concluded").ValueKind);
        Assert.Equal(JsonValueKind.Null, earlySlow.GetProperty("onTimePercent").ValueKind);
        Assert.True(earlySlow.GetProperty("suppressed").GetBoolean());

        clock.UtcNow = JakartaNoon(2026, 1, 28);
        await TestCases.ForwardAsync(app, busyCases[4], busy);
        clock.UtcNow = JakartaNoon(2026, 2, 2);
        await SweepAsync(app);

        var json = await GetJsonAsync(client, "/api/v1/statistics?from=2026-01&to=2026-01");
        var institutions = json.GetProperty("institutions").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        Assert.Equal(2, institutions.Count);
        Assert.DoesNotContain(names[few], institutions.Keys);
        Assert.DoesNotContain(names[unlicensed], institutions.Keys);

        var busyRow = institutions[names[busy]];
        Assert.Equal(5, busyRow.GetProperty("cases").GetInt32());
        Assert.Equal(4, busyRow.GetProperty("concluded").GetInt32());
        Assert.Equal(75, busyRow.GetProperty("onTimePercent").GetInt32());
        Assert.False(busyRow.GetProperty("suppressed").GetBoolean());

        // Slow: 3 forwarded; by 2 February the 2 unanswered are late too, so 3 concluded, 1 on time: 33%.
        var slowRow = institutions[names[slow]];
        Assert.Equal(3, slowRow.GetProperty("cases").GetInt32());
        Assert.Equal(33, slowRow.GetProperty("onTimePercent").GetInt32());

        var csv = await GetCsvAsync(client, "/api/v1/statistics?from=2026-01&to=2026-01&format=csv");
        Assert.Contains($"institution,,{names[busy]},5,4,75,", csv);
        Assert.DoesNotContain(csv, line => line.Contains(names[few], StringComparison.Ordinal));
        var page = await client.GetStringAsync("/statistik?from=2026-01&to=2026-01");
        var table = Section(page, "statistics-institutions");
        Assert.Contains(names[busy], table, StringComparison.Ordinal);
        Assert.Contains("75%", table, StringComparison.Ordinal);
        Assert.DoesNotContain(names[few], page, StringComparison.Ordinal);
        Assert.DoesNotContain(names[unlicensed], page, StringComparison.Ordinal);
        AssertNoPersonalData(json.GetRawText(), string.Join('\n', csv), page);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_period_under_the_threshold_publishes_no_count_and_bad_periods_are_refused(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(JakartaNoon(2026, 5, 12));
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient();
        var bank = await TestCases.NewInstitutionAsync(app);
        await FileAsync(client, bank, "savings", "unauthorized-transaction", 4);
        clock.UtcNow = JakartaNoon(2026, 6, 3);

        // The default threshold is 10 and the default period the last 12 full months (June 2025 - May 2026).
        var json = await GetJsonAsync(client, "/api/v1/statistics");
        Assert.Equal(10, json.GetProperty("minCellCount").GetInt32());
        Assert.Equal("2025-06", json.GetProperty("from").GetString());
        Assert.Equal("2026-05", json.GetProperty("to").GetString());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("total").ValueKind);
        Assert.True(json.GetProperty("totalSuppressed").GetBoolean());
        Assert.All(new[] { "bySector", "byProduct", "byIssue" }, table =>
            Assert.All(json.GetProperty(table).EnumerateArray(), c => Assert.True(c.GetProperty("suppressed").GetBoolean())));
        var may = json.GetProperty("byMonth").EnumerateArray().Single(c => c.GetProperty("key").GetString() == "2026-05");
        Assert.True(may.GetProperty("suppressed").GetBoolean());
        Assert.Equal(0, json.GetProperty("byMonth")[0].GetProperty("count").GetInt32());

        var year = await GetJsonAsync(client, "/api/v1/statistics?year=2026");
        Assert.Equal("2026-01", year.GetProperty("from").GetString());
        Assert.Equal("2026-06", year.GetProperty("to").GetString());

        foreach (var bad in new[] { "from=2026-13", "from=2026-07", "from=2026-03&to=2026-01", "from=2022-01&to=2026-01", "year=20x6" })
        {
            var response = await client.GetAsync("/api/v1/statistics?" + bad);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        // The page falls back to the default period and says why.
        var page = await client.GetStringAsync("/statistik?from=2026-03&to=2026-01");
        Assert.Contains("Bulan awal harus sebelum bulan akhir.", page, StringComparison.Ordinal);

        // The API is described in the OpenAPI document.
        var openApi = await client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/api/v1/statistics", openApi, StringComparison.Ordinal);
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock) => new(
        db,
        new Dictionary<string, string?> { ["Statistics:MinCellCount"] = "3", ["Statistics:MinInstitutionCases"] = "3" },
        s => s.AddSingleton<TimeProvider>(clock));

    private static DateTime JakartaNoon(int year, int month, int day) =>
        WorkingDayCalendar.EndOfJakartaDayUtc(new DateOnly(year, month, day).AddDays(-1)).AddHours(12);

    private static object Body(int institution, string product, string issue, string kind = "Complaint") => new
    {
        kind,
        institutionId = institution,
        product,
        issueCategory = issue,
        description = Description,
        lossAmount = 1_750_000,
        requestedResolution = "Dana dikembalikan",
        consumer = new { name = Name, email = Email, whatsApp = Phone, nik = Nik },
        consentGiven = true,
    };

    private static async Task<List<string>> FileAsync(HttpClient client, int institution, string product, string issue, int count)
    {
        var numbers = new List<string>();
        for (var i = 0; i < count; i++)
        {
            numbers.Add((await PublicCasesApiTests.FileAsync(client, Body(institution, product, issue))).Number);
        }

        return numbers;
    }

    private static Task AnswerAsync(ComplaintsApp app, string number, int institution) =>
        TestCases.ActAsync(app, number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institution),
            note: "Dana telah kami kembalikan.", outcome: ResponseOutcome.Explanation);

    private static async Task SweepAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SweepDeadlines>().HandleAsync(new() { BatchSize = 200 });
    }

    private static Task<int> NewInstitutionAsync(ComplaintsApp app, InstitutionStatus status) => app.WithDbAsync(async db =>
    {
        var institution = new Institution { LegalName = "PT Fintech Terdaftar " + Guid.NewGuid().ToString("N")[..8], Sector = Sector.FintechLending, Status = status };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        return institution.Id;
    });

    private static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<List<string>> GetCsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
    }

    private static List<(string? Key, int? Count)> Cells(JsonElement json, string table) =>
        json.GetProperty(table).EnumerateArray()
            .Select(c => (c.GetProperty("key").GetString(), c.GetProperty("count").ValueKind == JsonValueKind.Null ? (int?)null : c.GetProperty("count").GetInt32()))
            .ToList();

    /// <summary>The table of the page with the given id, so counts are read where they are shown.</summary>
    private static string Section(string page, string id)
    {
        var start = page.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no table {id}");
        return page[start..page.IndexOf("</table>", start, StringComparison.Ordinal)];
    }

    private static int Occurrences(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    private static void AssertNoPersonalData(params string[] outputs)
    {
        foreach (var output in outputs)
        {
            foreach (var secret in new[] { Name, "Rahmawati", Nik, Email, Phone, PhoneDigits, Description, "Cibinong", "Dana dikembalikan", "Dana telah kami kembalikan" })
            {
                Assert.DoesNotContain(secret, output, StringComparison.OrdinalIgnoreCase);
            }
        }
    }
}
