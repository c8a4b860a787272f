using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Deadlines;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Statistics;

public sealed partial class DashboardTests
{
    /// <summary>
    /// The consumer's documents and signature stages count a missed deadline only when the deadline closed the case:
    /// D1 asked for documents and the deadline passed (missed), D2 withdrew while asked (not a deadline); S1 let the
    /// signature deadline pass (missed), S2 signed (met), S3 reached no agreement at the meeting (neither).
    /// </summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Missed_documents_and_signature_deadlines_count_only_cases_their_deadline_closed_and_drill_down_to_them(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Start);
        await using var app = NewApp(db, clock);
        var lender = await InstitutionAsync(app, "PT Tenggat Konsumen", Sector.FintechLending);
        var client = app.CreateClient();
        var n = new Dictionary<string, string>();
        foreach (var key in new[] { "D1", "D2" })
        {
            n[key] = await FileAsync(client, "Complaint", lender, "Web", null);
            await ActAsync(app, n[key], Trigger.StartScreening, Agent);
            await ActAsync(app, n[key], Trigger.RequestDocuments, Agent);
        }

        await TestCases.AsConsumerAsync(app, n["D2"], Trigger.Withdraw, "Sudah selesai sendiri.");
        var officer = new Actor(ActorRole.InstitutionOfficer, "officer-t", InstitutionId: lender);
        foreach (var key in new[] { "S1", "S2", "S3" })
        {
            n[key] = await FileAsync(client, "Complaint", lender, "Web", null);
            await TestCases.ForwardAsync(app, n[key], lender);
            await ActAsync(app, n[key], Trigger.Respond, officer, outcome: ResponseOutcome.Explanation);
            await TestCases.AsConsumerAsync(app, n[key], Trigger.Reject, "Jawaban tidak menyelesaikan masalah.");
            await ActAsync(app, n[key], Trigger.StartEligibilityReview, Specialist);
            await ActAsync(app, n[key], Trigger.ScheduleClarificationMeeting, Specialist);
        }

        await ActAsync(app, n["S1"], Trigger.ProposeFacilitation, Specialist);
        await ActAsync(app, n["S2"], Trigger.ProposeFacilitation, Specialist);
        await TestCases.AsConsumerAsync(app, n["S2"], Trigger.SignFacilitationAgreement, null);
        await ActAsync(app, n["S3"], Trigger.RecordNoAgreement, Specialist);

        // Past D1's documents deadline and S1's signature deadline: the sweep closes both.
        var due = await app.WithDbAsync(d => d.Cases.Where(c => c.TrackingNumber == n["D1"] || c.TrackingNumber == n["S1"]).MaxAsync(c => c.Deadline!.DueAtUtc));
        clock.UtcNow = due!.Value.AddMinutes(1);
        using (var scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepDeadlines>().HandleAsync(new());
        }

        Assert.Equal(
            [CaseState.ClosedWithdrawn, CaseState.ClosedWithdrawn, CaseState.ClosedNoAgreement, CaseState.Facilitation, CaseState.ClosedNoAgreement],
            await app.WithDbAsync(async d =>
            {
                var states = await d.Cases.Where(c => n.Values.Contains(c.TrackingNumber)).ToDictionaryAsync(c => c.TrackingNumber, c => c.State);
                return new[] { "D1", "D2", "S1", "S2", "S3" }.Select(k => states[n[k]]).ToList();
            }));

        var specialist = app.As(ActorRole.Specialist);
        var deadlines = (await TableAsync(specialist, $"tab=Deadlines&{February}", "deadlines")).ToDictionary(r => r[0], r => r[1..]);
        // met, missed: documents have no "kept" mark on the case, only a missed one.
        Assert.Equal("1", deadlines["Dokumen konsumen"][1]);
        Assert.Equal(["1", "1"], deadlines["Persetujuan fasilitasi"][..2]);
        var html = await specialist.GetStringAsync($"/regulator/statistics?tab=Deadlines&{February}");
        Assert.Equal([n["D1"]], await DrillAsync(specialist, Link(html, "measure=StageMissed", "stage=ConsumerDocuments")));
        Assert.Equal([n["S1"]], await DrillAsync(specialist, Link(html, "measure=StageMissed", "stage=FacilitationSignature")));
        Assert.Equal([n["S2"]], await DrillAsync(specialist, Link(html, "measure=StageMet", "stage=FacilitationSignature")));
    }
}
