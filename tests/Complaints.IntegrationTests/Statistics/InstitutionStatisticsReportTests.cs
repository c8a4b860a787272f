using System.Net;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Complaints.IntegrationTests.Portals;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Statistics;

/// <summary>The institution's statistics report: the dashboard's own figures beside the sector's average, as a PDF
/// with a verification code, for the institution's own people only.</summary>
public sealed class InstitutionStatisticsReportTests
{
    private static readonly DateTime Now = new(2026, 3, 25, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_institution_downloads_its_figures_beside_its_sectors_average_as_a_verifiable_pdf_naming_no_other_institution(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var own = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Laporan Sendiri", Sector.FintechLending);
        var rival = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Pesaing Laporan", Sector.FintechLending);
        var bank = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Bank Sektor Lain", Sector.Banking);

        // Own: Rp1,000,000 relief answered on time, and one open case. Rival: an explanation the consumer rejected.
        await InstitutionTestCases.AnsweredDisputeAsync(app, own, ResponseOutcome.MonetaryRelief, 1_000_000);
        await InstitutionTestCases.ForwardedDisputeAsync(app, own);
        var rejected = await InstitutionTestCases.AnsweredDisputeAsync(app, rival, ResponseOutcome.Explanation, null);
        await TestCases.ActAsync(app, rejected.Number, Trigger.Reject, Actor.ForConsumer(rejected.ConsumerId), note: "Penjelasan tidak menjawab keluhan saya.");
        await InstitutionTestCases.AnsweredDisputeAsync(app, bank, ResponseOutcome.MonetaryRelief, 90_000_000);

        var officer = app.As(ActorRole.InstitutionOfficer, institutionId: own, userId: "own-officer");
        var page = await officer.GetStringAsync("/institution/statistics?from=2026-03-01&to=2026-03-31");
        Assert.Contains("href=\"/institution/statistics/report.pdf?from=2026-03-01&amp;to=2026-03-31\"", page, StringComparison.Ordinal);
        var response = await officer.GetAsync("/institution/statistics/report.pdf?from=2026-03-01&to=2026-03-31");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        // The table's cells come out of the PDF one per line: compare with single spaces.
        var flat = Regex.Replace(text, @"\s+", " ");

        Assert.Contains("Laporan statistik lembaga", text, StringComparison.Ordinal);
        Assert.Contains("PT Laporan Sendiri", text, StringComparison.Ordinal);
        Assert.Contains("1 Maret 2026 – 31 Maret 2026", text, StringComparison.Ordinal);
        // Own | sector mean over the two lenders (the bank is another sector).
        Assert.Contains("Kasus diterima 2 1,5 ", flat, StringComparison.Ordinal);
        Assert.Contains("Total ganti rugi dibayar Rp1.000.000 Rp500.000 ", flat, StringComparison.Ordinal);
        Assert.Contains("Dieskalasi ke regulator 0,0% 50,0% ", flat, StringComparison.Ordinal);
        Assert.Contains("Ketepatan waktu dan eskalasi (persen)", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PT Pesaing Laporan", text, StringComparison.Ordinal);
        Assert.DoesNotContain("PT Bank Sektor Lain", text, StringComparison.Ordinal);

        // Anyone can check the printed code: the kind, the institution and the period.
        var (shortCode, token) = PdfText.VerificationCode(text);
        var verified = await app.CreateClient().GetStringAsync("/documents/verify?code=" + Uri.EscapeDataString(token));
        Assert.Contains("Sah: laporan statistik PT Laporan Sendiri untuk periode 1 Maret 2026 – 31 Maret 2026", WebUtility.HtmlDecode(verified), StringComparison.Ordinal);
        Assert.Contains(shortCode, verified, StringComparison.Ordinal);

        // The rival's report is its own; regulator staff and consumers have no institution report here.
        var rivalText = await PdfText.ExtractAsync(await app.As(ActorRole.InstitutionOfficer, institutionId: rival, userId: "rival-officer")
            .GetByteArrayAsync("/institution/statistics/report.pdf?from=2026-03-01&to=2026-03-31"));
        Assert.Contains("PT Pesaing Laporan", rivalText, StringComparison.Ordinal);
        Assert.DoesNotContain("PT Laporan Sendiri", rivalText, StringComparison.Ordinal);
        foreach (var role in new[] { ActorRole.Supervisor, ActorRole.Consumer })
        {
            var refused = await app.As(role, consumerId: role == ActorRole.Consumer ? rejected.ConsumerId : null).GetAsync("/institution/statistics/report.pdf");
            Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_dashboard_period_longer_than_a_year_is_cut_to_the_last_366_days(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var own = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Setahun Penuh", Sector.FintechLending);
        await InstitutionTestCases.AnsweredDisputeAsync(app, own, ResponseOutcome.Explanation, null);

        var officer = app.As(ActorRole.InstitutionOfficer, institutionId: own, userId: "year-officer");
        var html = WebUtility.HtmlDecode(await officer.GetStringAsync("/institution/statistics?from=2024-01-01&to=2026-03-31"));
        Assert.Contains("Periode: 31 Maret 2025 sampai 31 Maret 2026.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"2025-03-31\"", html, StringComparison.Ordinal);
        var text = await PdfText.ExtractAsync(await officer.GetByteArrayAsync("/institution/statistics/report.pdf?from=2024-01-01&to=2026-03-31"));
        Assert.Contains("31 Maret 2025 – 31 Maret 2026", text, StringComparison.Ordinal);
    }
}
