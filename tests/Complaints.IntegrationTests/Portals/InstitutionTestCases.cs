using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Cases;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Complaints.IntegrationTests.Portals;

/// <summary>Arranges institution-portal cases the way they really arise: filed through the public API, classified
/// at screening and forwarded by a regulator agent through <see cref="PerformCaseAction"/>.</summary>
public static class InstitutionTestCases
{
    public const string Nik = "3201011506900001";
    public const string ConsumerName = "Siti Aminah";

    public sealed record FiledCase(string Number, string Pin, Guid CaseId, Guid ConsumerId);

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

        var (caseId, consumerId) = await TestCases.ForwardAsync(app, number, institutionId,
            classify: c => c.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, product, "unauthorized-transaction"));
        return new(number, pin, caseId, consumerId);
    }

    /// <summary>A forwarded dispute answered by the institution, rejected by the consumer and taken up for
    /// eligibility review by a specialist.</summary>
    public static async Task<FiledCase> EscalatedDisputeAsync(ComplaintsApp app, int institutionId)
    {
        var filed = await ForwardedDisputeAsync(app, institutionId);
        await TestCases.ActAsync(app, filed.Number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institutionId),
            note: "Kami telah memeriksa transaksi tersebut.", outcome: ResponseOutcome.Explanation);
        await TestCases.ActAsync(app, filed.Number, Trigger.Reject, Actor.ForConsumer(filed.ConsumerId), note: "Penjelasan tidak menjawab keluhan saya.");
        await TestCases.ActAsync(app, filed.Number, Trigger.StartEligibilityReview, new Actor(ActorRole.Specialist, "test-specialist"), note: "Ditelaah kelayakannya.");
        return filed;
    }

    /// <summary>A licensed institution of the registry with the given name and sector.</summary>
    public static Task<int> NamedInstitutionAsync(ComplaintsApp app, string name, Sector sector) => app.WithDbAsync(async d =>
    {
        var institution = new Institution { LegalName = name, Sector = sector, Status = InstitutionStatus.Licensed };
        d.Institutions.Add(institution);
        await d.SaveChangesAsync();
        return institution.Id;
    });

    /// <summary>A forwarded dispute the institution has answered: ConsumerReview.</summary>
    public static async Task<FiledCase> AnsweredDisputeAsync(ComplaintsApp app, int institutionId, ResponseOutcome outcome, long? relief)
    {
        var filed = await ForwardedDisputeAsync(app, institutionId);
        await TestCases.ActAsync(app, filed.Number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institutionId),
            note: "Kami telah memeriksa transaksi tersebut.", outcome: outcome, amount: relief);
        return filed;
    }

    public static Task<CaseState> StateOfAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.TrackingNumber == number).Select(c => c.State).SingleAsync());
}
