using System.Net;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;

namespace Complaints.IntegrationTests.Statistics;

public sealed partial class DashboardTests
{
    /// <summary>
    /// Days are Jakarta days (UTC+7) on both databases: a case filed at 00:00:00 WIB on 31 March (17:00 UTC the day
    /// before) and one at 23:59:59 WIB count on 31 March; one filed a second later, at 00:00:00 WIB on 1 April
    /// (still 31 March in UTC), counts on 1 April, in April, and in the institution's April figures.
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Cases_filed_either_side_of_midnight_in_Jakarta_count_on_their_Jakarta_day_in_every_dashboard(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var firstInstant = new DateTime(2026, 3, 30, 17, 0, 0, DateTimeKind.Utc);
        var clock = new SettableClock(firstInstant);
        await using var app = NewApp(db, clock);
        var lender = await InstitutionAsync(app, "PT Tengah Malam", Sector.FintechLending);
        var client = app.CreateClient();

        var numbers = new List<string>();
        foreach (var at in new[] { firstInstant, new DateTime(2026, 3, 31, 16, 59, 59, DateTimeKind.Utc), new DateTime(2026, 3, 31, 17, 0, 0, DateTimeKind.Utc) })
        {
            clock.UtcNow = at;
            var number = await FileAsync(client, "Complaint", lender, "Web", null);
            await TestCases.ForwardAsync(app, number, lender);
            numbers.Add(number);
        }

        clock.UtcNow = new DateTime(2026, 4, 2, 3, 0, 0, DateTimeKind.Utc);
        var supervisor = app.As(ActorRole.Supervisor);

        var days = await TableAsync(supervisor, "tab=Volume&granularity=Day&preset=Custom&from=2026-03-30&to=2026-04-01", "period");
        Assert.Equal(["0", "2", "1"], days.Select(d => d[1]));
        var months = await TableAsync(supervisor, "tab=Volume&granularity=Month&preset=Custom&from=2026-03-01&to=2026-04-30", "period");
        Assert.Equal(["2", "1"], months.Select(m => m[1]));
        Assert.Equal(2, Counts(await TableAsync(supervisor, "tab=Volume&by=Kind&preset=Custom&from=2026-03-31&to=2026-03-31", "dimension"))["Jumlah"]);
        Assert.Equal(1, Counts(await TableAsync(supervisor, "tab=Volume&by=Kind&preset=Custom&from=2026-04-01&to=2026-04-01", "dimension"))["Jumlah"]);

        // The drill-down's export for 31 March lists exactly the first two.
        var csv = await supervisor.GetStringAsync("/regulator/statistics/cases.csv?preset=Custom&from=2026-03-31&to=2026-03-31&measure=All");
        var listed = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => SplitCsv(line)[0]).Order().ToList();
        Assert.Equal(numbers.Take(2).Order(), listed);

        // The institution's own dashboard: two received on 31 March, one on 1 April.
        var officer = app.As(ActorRole.InstitutionOfficer, institutionId: lender, userId: "midnight-officer");
        Assert.Equal("2", Received(await officer.GetStringAsync("/institution/statistics?from=2026-03-31&to=2026-03-31")));
        Assert.Equal("1", Received(await officer.GetStringAsync("/institution/statistics?from=2026-04-01&to=2026-04-01")));
    }

    private static string Received(string html)
    {
        var row = Regex.Match(html, "id=\"row-received\">.*?<td[^>]*>(.*?)</td>", RegexOptions.Singleline);
        Assert.True(row.Success, "no received row");
        return WebUtility.HtmlDecode(row.Groups[1].Value).Trim();
    }
}
