using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Cases;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Portals;

/// <summary>Arranges institution-portal cases the way they really arise: filed through the public API, classified
/// at screening and forwarded by a regulator agent through <see cref="PerformCaseAction"/>.</summary>
public static class InstitutionTestCases
{
    public const string Nik = "3201011506900001";
    public const string ConsumerName = "Siti Aminah";

    public sealed record FiledCase(string Number, string Pin, Guid CaseId, Guid ConsumerId);

    /// <summary>A registry institution of its own, so a test's dashboard holds only its cases.</summary>
    public static Task<int> NewInstitutionAsync(ComplaintsApp app) => app.WithDbAsync(async db =>
    {
        var institution = new Institution
        {
            LegalName = "PT Bank Uji " + Guid.NewGuid().ToString("N")[..8],
            Sector = Sector.Banking,
            Status = InstitutionStatus.Licensed,
        };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();
        return institution.Id;
    });

    /// <summary>A dispute against the institution, forwarded to it: WithInstitution, its clock running.</summary>
    public static async Task<FiledCase> ForwardedDisputeAsync(ComplaintsApp app, int institutionId, string product = "savings")
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/cases", new
        {
            kind = "Complaint",
            institutionId,
            sector = "Banking",
            product,
            issueCategory = "unauthorized-transaction",
            description = "Saldo tabungan saya berkurang karena transaksi yang tidak pernah saya lakukan.",
            lossAmount = 2_500_000,
            requestedResolution = "Dana dikembalikan",
            consumer = new { name = ConsumerName, email = "siti@example.org", whatsApp = "0812-3456-7890", nik = Nik },
            consentGiven = true,
        });
        response.EnsureSuccessStatusCode();
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var number = created.GetProperty("trackingNumber").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;

        var agent = new Actor(ActorRole.Agent, "test-agent");
        await ActAsync(app, number, Trigger.StartScreening, agent);
        var (caseId, consumerId) = await app.WithDbAsync(async db =>
        {
            var @case = await db.Cases.SingleAsync(c => c.TrackingNumber == number);
            @case.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, product, "unauthorized-transaction");
            await db.SaveChangesAsync();
            return (@case.Id, @case.ConsumerId);
        });
        await ActAsync(app, number, Trigger.ForwardToInstitution, agent, institutionId: institutionId);
        return new(number, pin, caseId, consumerId);
    }

    /// <summary>A forwarded dispute answered by the institution, rejected by the consumer and taken up for
    /// eligibility review by a specialist.</summary>
    public static async Task<FiledCase> EscalatedDisputeAsync(ComplaintsApp app, int institutionId)
    {
        var filed = await ForwardedDisputeAsync(app, institutionId);
        await ActAsync(app, filed.Number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institutionId),
            note: "Kami telah memeriksa transaksi tersebut.", outcome: ResponseOutcome.Explanation);
        await ActAsync(app, filed.Number, Trigger.Reject, Actor.ForConsumer(filed.ConsumerId), note: "Penjelasan tidak menjawab keluhan saya.");
        await ActAsync(app, filed.Number, Trigger.StartEligibilityReview, new Actor(ActorRole.Specialist, "test-specialist"), note: "Ditelaah kelayakannya.");
        return filed;
    }

    public static async Task ActAsync(
        ComplaintsApp app, string number, Trigger trigger, Actor actor,
        string? note = null, ResponseOutcome? outcome = null, long? amount = null, int? institutionId = null)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<PerformCaseAction>().HandleAsync(new PerformCaseAction.Input
        {
            TrackingNumber = number,
            Trigger = trigger,
            Note = note,
            Outcome = outcome,
            Amount = amount,
            InstitutionId = institutionId,
        }, actor);
        Assert.True(result.Outcome == PerformCaseAction.Outcome.Done, $"{trigger}: {result.Outcome} {result.ErrorCode} {result.ErrorMessage}");
    }

    public static Task<CaseState> StateOfAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.TrackingNumber == number).Select(c => c.State).SingleAsync());
}
