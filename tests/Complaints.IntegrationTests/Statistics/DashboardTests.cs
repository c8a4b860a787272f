using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Consumers;
using Complaints.Core.Features.Deadlines;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Statistics;

/// <summary>
/// The regulator's dashboards against cases whose answers are known: filed through the API, moved through the
/// same use case as the portals' buttons, on the test's own clock and app, so every figure is exact.
/// </summary>
public sealed partial class DashboardTests
{
    private static readonly Actor Agent = new(ActorRole.Agent, "test-agent");
    private static readonly Actor Specialist = new(ActorRole.Specialist, "test-specialist");

    /// <summary>Tuesday 3 February 2026, 10:00 in Jakarta.</summary>
    private static readonly DateTime Start = new(2026, 2, 3, 3, 0, 0, DateTimeKind.Utc);

    private const string February = "preset=Custom&from=2026-02-01&to=2026-02-28";

    private sealed record Arranged(int BankA, int FinanceB, Dictionary<string, string> Numbers);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Volume_counts_cases_by_kind_channel_province_and_period_and_each_number_lists_its_cases(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Start);
        await using var app = NewApp(db, clock);
        var arranged = await ArrangeAsync(app, clock);
        var supervisor = app.As(ActorRole.Supervisor);

        var kinds = Counts(await TableAsync(supervisor, $"tab=Volume&by=Kind&{February}", "dimension"));
        Assert.Equal(1, kinds["Pertanyaan"]);
        Assert.Equal(1, kinds["Penyampaian informasi"]);
        Assert.Equal(6, kinds["Pengaduan · Berindikasi sengketa"]);
        Assert.Equal(8, kinds["Jumlah"]);

        var channels = Counts(await TableAsync(supervisor, $"tab=Volume&by=Channel&{February}", "dimension"));
        Assert.Equal(3, channels["Web"]);
        Assert.Equal(2, channels["WhatsApp"]);
        Assert.Equal(1, channels["Email"]);
        Assert.Equal(2, channels["Telepon"]);

        var provinces = Counts(await TableAsync(supervisor, $"tab=Volume&by=Province&{February}", "dimension"));
        Assert.Equal(3, provinces["32 Jawa Barat"]);
        Assert.Equal(2, provinces["31 Daerah Khusus Ibukota Jakarta"]);
        Assert.Equal(3, provinces["(tanpa NIK)"]);

        // Days: everything was filed on 3 February; the table runs over the whole month.
        var days = await TableAsync(supervisor, $"tab=Volume&granularity=Day&{February}", "period");
        Assert.Equal(28, days.Count);
        Assert.Equal("8", days[2][1]);
        Assert.All(days.Where((_, i) => i != 2), d => Assert.Equal("0", d[1]));

        // The WhatsApp count drills down to exactly those cases, with the same filters.
        var html = await supervisor.GetStringAsync($"/regulator/statistics?tab=Volume&by=Channel&{February}");
        var link = Link(html, "channel=WhatsApp");
        Assert.Equal(new[] { arranged.Numbers["Q1"], arranged.Numbers["C3"] }.Order(), (await DrillAsync(supervisor, link)).Order());

        // A filter narrows every figure: province 31 only.
        var jakarta = Counts(await TableAsync(supervisor, $"tab=Volume&by=Channel&{February}&province=31", "dimension"));
        Assert.Equal(2, jakarta["Jumlah"]);
        Assert.Equal(1, jakarta["WhatsApp"]);
        Assert.Equal(1, jakarta["Telepon"]);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Institutions_escalations_and_deadlines_show_known_answers_and_drill_down_to_the_cases_behind_them(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Start);
        await using var app = NewApp(db, clock);
        var (bankA, financeB, n) = await ArrangeAsync(app, clock);
        var specialist = app.As(ActorRole.Specialist);

        var institutions = await TableAsync(specialist, $"tab=Institutions&{February}", "institutions");
        var a = institutions.Single(r => r[0].StartsWith("PT Bank Statistik", StringComparison.Ordinal));
        var b = institutions.Single(r => r[0].StartsWith("PT Pembiayaan Statistik", StringComparison.Ordinal));
        // received, on time, missed, answered late, % on time, extended, monetary, relief, non-monetary, explanation,
        // resolved, escalated, % resolved, rated, rating
        Assert.Equal(["3", "1", "2", "1", "33.3", "1", "1", "1000000", "0", "1", "1", "1", "50", "1", "4"], a[1..]);
        Assert.Equal(["3", "3", "0", "0", "100", "0", "0", "0", "1", "2", "0", "3", "0", "0", ""], b[1..]);
        Assert.Equal(["6", "4", "2", "1"], institutions.Single(r => r[0] == "Jumlah")[1..5]);

        var html = await specialist.GetStringAsync($"/regulator/statistics?tab=Institutions&{February}");
        Assert.Equal(new[] { n["C2"], n["C5"] }.Order(), (await DrillAsync(specialist, Link(html, "measure=Untimely", $"institution={bankA}"))).Order());
        Assert.Equal(new[] { n["C3"], n["C4"], n["C6"] }.Order(), (await DrillAsync(specialist, Link(html, "measure=Escalated", $"institution={financeB}"))).Order());

        var escalations = Counts(await TableAsync(specialist, $"tab=Escalations&{February}", "escalations"));
        Assert.Equal(4, escalations["Eskalasi diminta"]);
        Assert.Equal(0, escalations["Menunggu penelaahan"]);
        Assert.Equal(1, escalations["Tidak memenuhi syarat"]);
        Assert.Equal(1, escalations["Dirujuk ke LAPS SJK"]);
        Assert.Equal(1, escalations["Sepakat"]);
        Assert.Equal(1, escalations["Tidak sepakat"]);
        Assert.Equal(750_000, escalations["Jumlah nilai kesepakatan"]);
        var rules = await TableAsync(specialist, $"tab=Escalations&{February}", "rules");
        Assert.Equal(["1", "0", "0", "0", "0"], rules.Select(r => r[1]).ToArray());
        var durations = (await TableAsync(specialist, $"tab=Escalations&{February}", "durations")).ToDictionary(r => r[0], r => r[1..]);
        Assert.Equal(["1", "2", "2"], durations["Sepakat"]);
        Assert.Equal(["1", "3", "3"], durations["Tidak sepakat"]);
        Assert.Equal(["1", "2", "2"], durations["Dirujuk ke LAPS SJK"]);

        html = await specialist.GetStringAsync($"/regulator/statistics?tab=Escalations&{February}");
        Assert.Equal([n["C2"]], await DrillAsync(specialist, Link(html, "measure=Ineligible", "rule=LossWithinCap")));
        Assert.Equal([n["C3"]], await DrillAsync(specialist, Link(html, "measure=Agreement")));

        var deadlines = (await TableAsync(specialist, $"tab=Deadlines&{February}", "deadlines")).ToDictionary(r => r[0], r => r[1..]);
        // met, missed, % met, running now, overdue now
        Assert.Equal(["4", "2", "66.7", "1", "1"], deadlines["Jawaban PUJK"]);
        Assert.Equal(["5", "0", "100", "0", "0"], deadlines["Keputusan konsumen"]);
        html = await specialist.GetStringAsync($"/regulator/statistics?tab=Deadlines&{February}");
        Assert.Equal([n["C5"]], await DrillAsync(specialist, Link(html, "measure=StageOverdue", "stage=InstitutionResponse")));

        // One row per case: the seven cases of institution A and B in submission order, no personal data.
        var csv = await specialist.GetStringAsync($"/regulator/statistics/cases.csv?{February}&measure=Forwarded");
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("tracking_number,kind,complaint_type,channel,sector,institution,product,issue,province,submitted_at_utc,state,deadline,deadline_due_date,untimely,outcome,relief_amount,closed_at_utc", lines[0]);
        Assert.Equal(6, lines.Length - 1);
        var c1 = lines.Single(l => l.StartsWith(n["C1"], StringComparison.Ordinal)).Split(',');
        Assert.Equal(["Complaint", "Dispute", "Web", "Banking"], c1[1..5]);
        Assert.Equal("32 Jawa Barat", c1[8]);
        Assert.Equal(["ClosedResolved", "", "", "false", "MonetaryRelief", "1000000"], c1[10..16]);
        var c5 = lines.Single(l => l.StartsWith(n["C5"], StringComparison.Ordinal)).Split(',');
        Assert.Equal(["WithInstitution", "InstitutionResponse"], c5[10..12]);
        Assert.Equal("true", c5[13]);
        Assert.DoesNotContain("Siti", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("3201011506900001", csv, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Dashboards_are_for_specialists_and_supervisors_only(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = new ComplaintsApp(db);
        Assert.Equal(HttpStatusCode.OK, (await app.As(ActorRole.Supervisor).GetAsync("/regulator/statistics")).StatusCode);
        foreach (var role in new[] { ActorRole.Agent, ActorRole.Administrator })
        {
            var response = await app.As(role).GetAsync("/regulator/statistics/cases.csv");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        }
    }

    /// <summary>
    /// Institution A (banking) and B (financing). Q1 question (WhatsApp, NIK 32), I1 information (phone, NIK 31);
    /// disputes: C1 to A answered on time with Rp1,000,000, accepted, rated 4 (Web, NIK 32); C2 to A extended, missed,
    /// answered late, rejected, ineligible for the loss cap (Email); C3 to B answered, rejected, agreement after 2 days
    /// (WhatsApp, NIK 31); C4 to B answered, rejected, no agreement after 3 days (Web, NIK 32); C5 to A never answered
    /// (Web); C6 to B answered, rejected, referred to LAPS after 2 days (phone).
    /// </summary>
    private static async Task<Arranged> ArrangeAsync(ComplaintsApp app, SettableClock clock)
    {
        var bankA = await InstitutionAsync(app, "PT Bank Statistik", Sector.Banking);
        var financeB = await InstitutionAsync(app, "PT Pembiayaan Statistik", Sector.Financing);
        var client = app.CreateClient();
        var n = new Dictionary<string, string>
        {
            ["Q1"] = await FileAsync(client, "Question", null, "WhatsApp", "3201011506900001"),
            ["I1"] = await FileAsync(client, "Information", null, "Phone", "3171011506900002"),
            ["C1"] = await FileAsync(client, "Complaint", bankA, "Web", "3201011506900003"),
            ["C2"] = await FileAsync(client, "Complaint", bankA, "Email", null),
            ["C3"] = await FileAsync(client, "Complaint", financeB, "WhatsApp", "3171011506900004"),
            ["C4"] = await FileAsync(client, "Complaint", financeB, "Web", "3201011506900005"),
            ["C5"] = await FileAsync(client, "Complaint", bankA, "Web", null),
            ["C6"] = await FileAsync(client, "Complaint", financeB, "Phone", null),
        };
        foreach (var (key, institution) in new[] { ("C1", bankA), ("C2", bankA), ("C3", financeB), ("C4", financeB), ("C5", bankA), ("C6", financeB) })
        {
            await TestCases.ForwardAsync(app, n[key], institution);
        }

        var officerA = new Actor(ActorRole.InstitutionOfficer, "officer-a", InstitutionId: bankA);
        var officerB = new Actor(ActorRole.InstitutionOfficer, "officer-b", InstitutionId: financeB);
        await ActAsync(app, n["C2"], Trigger.ExtendDeadline, officerA);
        clock.UtcNow = Start.AddHours(1);
        await ActAsync(app, n["C1"], Trigger.Respond, officerA, outcome: ResponseOutcome.MonetaryRelief, amount: 1_000_000);
        await ActAsync(app, n["C3"], Trigger.Respond, officerB, outcome: ResponseOutcome.NonMonetaryRelief);
        await ActAsync(app, n["C4"], Trigger.Respond, officerB, outcome: ResponseOutcome.Explanation);
        await ActAsync(app, n["C6"], Trigger.Respond, officerB, outcome: ResponseOutcome.Explanation);
        await TestCases.AsConsumerAsync(app, n["C1"], Trigger.Accept, null);
        await RateAsync(app, n["C1"], 4);

        clock.UtcNow = Start.AddDays(1);
        foreach (var key in new[] { "C3", "C4", "C6" })
        {
            await TestCases.AsConsumerAsync(app, n[key], Trigger.Reject, "Jawaban tidak menyelesaikan masalah.");
            await ActAsync(app, n[key], Trigger.StartEligibilityReview, Specialist);
        }

        await ActAsync(app, n["C3"], Trigger.ScheduleClarificationMeeting, Specialist);
        await ActAsync(app, n["C4"], Trigger.ScheduleClarificationMeeting, Specialist);
        clock.UtcNow = Start.AddDays(3);
        await ActAsync(app, n["C3"], Trigger.RecordAgreement, Specialist, amount: 750_000, terms: "PUJK mengembalikan Rp750.000.");
        await ActAsync(app, n["C6"], Trigger.ReferToLaps, Specialist);
        clock.UtcNow = Start.AddDays(4);
        await ActAsync(app, n["C4"], Trigger.RecordNoAgreement, Specialist);

        // Past both of A's open deadlines (C2's extended one is the later): the sweep marks them untimely.
        var due = await app.WithDbAsync(d => d.Cases.Where(c => c.TrackingNumber == n["C2"]).Select(c => c.Deadline!.DueAtUtc).SingleAsync());
        clock.UtcNow = due!.Value.AddMinutes(1);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepDeadlines>().HandleAsync(new());
        }

        await ActAsync(app, n["C2"], Trigger.Respond, officerA, outcome: ResponseOutcome.Explanation);
        await TestCases.AsConsumerAsync(app, n["C2"], Trigger.Reject, "Terlambat dan tidak memuaskan.");
        await ActAsync(app, n["C2"], Trigger.StartEligibilityReview, Specialist);
        await ActAsync(app, n["C2"], Trigger.CloseIneligible, Specialist, rule: EligibilityRule.LossWithinCap);
        return new Arranged(bankA, financeB, n);
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock) =>
        new(db, services: s => s.AddSingleton<TimeProvider>(clock));

    private static Task<int> InstitutionAsync(ComplaintsApp app, string name, Sector sector) => app.WithDbAsync(async db =>
    {
        var institution = new Institution { LegalName = $"{name} {Guid.NewGuid().ToString("N")[..6]}", Sector = sector, Status = InstitutionStatus.Licensed };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        return institution.Id;
    });

    private static async Task<string> FileAsync(HttpClient client, string kind, int? institution, string channel, string? nik)
    {
        var (number, _) = await PublicCasesApiTests.FileAsync(client, new
        {
            kind,
            institutionId = institution,
            channel,
            product = institution is null ? null : "savings",
            issueCategory = institution is null ? null : "unauthorized-transaction",
            description = "Saldo tabungan saya berkurang karena transaksi yang tidak pernah saya lakukan.",
            lossAmount = institution is null ? (long?)null : 2_500_000,
            consumer = new { name = "Siti Aminah", email = "siti@example.org", whatsApp = "0812-3456-7890", nik },
            consentGiven = true,
        });
        return number;
    }

    private static async Task ActAsync(
        ComplaintsApp app, string number, Trigger trigger, Actor actor,
        ResponseOutcome? outcome = null, long? amount = null, string? terms = null, EligibilityRule? rule = null)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<PerformCaseAction>().HandleAsync(new PerformCaseAction.Input
        {
            TrackingNumber = number,
            Trigger = trigger,
            Note = trigger is Trigger.Respond or Trigger.ExtendDeadline or Trigger.RecordNoAgreement or Trigger.CloseIneligible or Trigger.ReferToLaps or Trigger.RequestDocuments
                ? "Catatan uji." : null,
            Outcome = outcome,
            Amount = amount,
            Terms = terms,
            FailedRule = rule,
        }, actor);
        Assert.True(result.Outcome == PerformCaseAction.Outcome.Done, $"{trigger}: {result.Outcome} {result.ErrorCode} {result.ErrorMessage}");
    }

    private static async Task RateAsync(ComplaintsApp app, string number, int stars)
    {
        var consumerId = await app.WithDbAsync(d => d.Cases.Where(c => c.TrackingNumber == number).Select(c => c.ConsumerId).SingleAsync());
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<RateService>().HandleAsync(new RateService.Input { TrackingNumber = number, Stars = stars }, Actor.ForConsumer(consumerId));
        Assert.Equal(PerformCaseAction.Outcome.Done, result.Outcome);
    }

    /// <summary>A table of the dashboards as its CSV export gives it: raw numbers, one array per row, header dropped.</summary>
    private static async Task<List<string[]>> TableAsync(HttpClient client, string query, string table)
    {
        var response = await client.GetAsync($"/regulator/statistics?{query}&format=csv&table={table}");
        response.EnsureSuccessStatusCode();
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(SplitCsv).ToList();
    }

    private static Dictionary<string, long> Counts(List<string[]> rows) =>
        rows.ToDictionary(r => r[0], r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));

    private static string[] SplitCsv(string line)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"')
            {
                cell.Append('"');
                i++;
            }
            else if (ch == '"')
            {
                quoted = !quoted;
            }
            else if (ch == ',' && !quoted)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(ch);
            }
        }

        cells.Add(cell.ToString());
        return cells.ToArray();
    }

    /// <summary>The one drill-down link on the page carrying all of these query parts.</summary>
    private static string Link(string html, params string[] parts) =>
        Assert.Single(HrefPattern().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .Where(h => h.StartsWith("/regulator/statistics/cases?", StringComparison.Ordinal) && parts.All(p => h.Contains(p, StringComparison.Ordinal)))
            .Distinct());

    private static async Task<List<string>> DrillAsync(HttpClient client, string link)
    {
        var html = await client.GetStringAsync(link);
        return TrackingPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex HrefPattern();

    [GeneratedRegex("class=\"font-monospace tracking-number\" href=\"/regulator/cases/([A-Z0-9-]+)\"")]
    private static partial Regex TrackingPattern();
}
