using System.Net;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Complaints.IntegrationTests.Portals;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Statistics;

/// <summary>The regulator's monthly and quarterly report: generated on demand, stored under the data folder,
/// listed and downloaded by supervisors, its numbers beside the previous period's, its code verifiable.</summary>
public sealed class RegulatorReportTests
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_supervisor_generates_last_months_report_with_the_previous_month_beside_it_and_anyone_can_verify_it(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(new DateTime(2026, 2, 10, 3, 0, 0, DateTimeKind.Utc));
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var institution = await TestCases.NewInstitutionAsync(app);
        // February: two cases. March: four, one answered and then rejected by the consumer (an escalation).
        for (var i = 0; i < 2; i++)
        {
            await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        }

        clock.UtcNow = new DateTime(2026, 3, 5, 3, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 3; i++)
        {
            await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        }

        var escalated = await InstitutionTestCases.ForwardedDisputeAsync(app, institution);
        await TestCases.ActAsync(app, escalated.Number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "officer", InstitutionId: institution),
            note: "Kami telah memeriksa transaksi tersebut.", outcome: ResponseOutcome.Explanation);
        await TestCases.ActAsync(app, escalated.Number, Trigger.Reject, Actor.ForConsumer(escalated.ConsumerId), note: "Penjelasan tidak menjawab keluhan saya.");

        clock.UtcNow = new DateTime(2026, 4, 2, 3, 0, 0, DateTimeKind.Utc);
        var supervisor = app.As(ActorRole.Supervisor, userId: "supervisor-1");
        var generated = await Forms.PostAsync(supervisor, "/regulator/statistics/reports", "/regulator/statistics/reports",
            [new("span", "Month"), new("period", "2026-03")]);
        Assert.Equal(HttpStatusCode.OK, generated.StatusCode);
        var list = await generated.Content.ReadAsStringAsync();
        Assert.Contains("href=\"/regulator/statistics/reports/2026-03-id.pdf\"", list, StringComparison.Ordinal);
        Assert.Contains("href=\"/regulator/statistics/reports/2026-03-en.pdf\"", list, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(app.DataPath, "reports", "2026-03-id.pdf")));

        var download = await supervisor.GetAsync("/regulator/statistics/reports/2026-03-id.pdf");
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await download.Content.ReadAsByteArrayAsync());
        Assert.Contains("Laporan Bulanan Regulator", text, StringComparison.Ordinal);
        Assert.Contains("Maret 2026", text, StringComparison.Ordinal);
        Assert.Contains("Februari 2026", text, StringComparison.Ordinal);
        // Cases received: 4 against 2, +100%; escalations 1 against 0 (no percentage from zero).
        Assert.Matches(@"Kasus diterima\s+4\s+2\s+\+100,0%", text);
        Assert.Matches(@"Eskalasi ke regulator\s+1\s+0\s+–", text);
        Assert.Contains("Kasus menurut kanal, Maret 2026", text, StringComparison.Ordinal);

        var english = await PdfText.ExtractAsync(await supervisor.GetByteArrayAsync("/regulator/statistics/reports/2026-03-en.pdf"));
        Assert.Contains("Monthly Regulator Report", english, StringComparison.Ordinal);
        Assert.Contains("February 2026", english, StringComparison.Ordinal);

        var (_, token) = PdfText.VerificationCode(text);
        var verified = await app.CreateClient().GetStringAsync("/documents/verify?code=" + Uri.EscapeDataString(token));
        Assert.Contains("Sah: laporan regulator untuk Maret 2026", verified, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_quarterly_report_replaces_its_earlier_file_and_only_supervisors_reach_the_reports(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(new DateTime(2026, 4, 1, 3, 0, 0, DateTimeKind.Utc));
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var supervisor = app.As(ActorRole.Supervisor, userId: "supervisor-1");
        var path = Path.Combine(app.DataPath, "reports", "2026-Q1-id.pdf");

        await Forms.PostAsync(supervisor, "/regulator/statistics/reports", "/regulator/statistics/reports", [new("span", "Quarter"), new("period", "2026-02")]);
        var first = File.GetLastWriteTimeUtc(path);
        var firstText = await PdfText.ExtractAsync(await File.ReadAllBytesAsync(path));
        Assert.Contains("Laporan Triwulanan Regulator", firstText, StringComparison.Ordinal);
        Assert.Contains("Triwulan 1 2026", firstText, StringComparison.Ordinal);
        Assert.Contains("Triwulan 4 2025", firstText, StringComparison.Ordinal);

        await Task.Delay(20);
        var again = await Forms.PostAsync(supervisor, "/regulator/statistics/reports", "/regulator/statistics/reports", [new("span", "Quarter"), new("period", "2026-03")]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(File.GetLastWriteTimeUtc(path) >= first);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(app.DataPath, "reports")).Length);

        var future = await Forms.PostAsync(supervisor, "/regulator/statistics/reports", "/regulator/statistics/reports", [new("span", "Month"), new("period", "2026-05")]);
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        // A refused request keeps what was asked for: the quarter and the month typed.
        var futureQuarter = await Forms.PostAsync(supervisor, "/regulator/statistics/reports", "/regulator/statistics/reports", [new("span", "Quarter"), new("period", "2026-07")]);
        Assert.Equal(HttpStatusCode.BadRequest, futureQuarter.StatusCode);
        var refused = await futureQuarter.Content.ReadAsStringAsync();
        Assert.Matches("<option value=\"Quarter\" selected=\"selected\">", refused);
        Assert.DoesNotMatch("<option value=\"Month\" selected", refused);
        Assert.Contains("value=\"2026-07\"", refused, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await supervisor.GetAsync("/regulator/statistics/reports/..%2Fkeys.pdf")).StatusCode);

        var institution = await TestCases.NewInstitutionAsync(app);
        foreach (var (role, institutionId) in new[] { (ActorRole.InstitutionOfficer, (int?)institution), (ActorRole.Agent, null), (ActorRole.Administrator, null) })
        {
            var other = app.As(role, institutionId: institutionId, userId: "someone-" + role);
            Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync("/regulator/statistics/reports")).StatusCode);
            var file = await other.GetAsync("/regulator/statistics/reports/2026-Q1-id.pdf");
            Assert.NotEqual(HttpStatusCode.OK, file.StatusCode);
            Assert.NotEqual("application/pdf", file.Content.Headers.ContentType?.MediaType);
        }
    }
}
