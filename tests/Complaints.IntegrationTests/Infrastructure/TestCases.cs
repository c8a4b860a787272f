using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>Arranges cases the way they really arise: through <see cref="PerformCaseAction"/> and the aggregate.</summary>
public static class TestCases
{
    /// <summary>A registry institution of its own, so a test's lists hold only its cases.</summary>
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

    /// <summary>A complaint naming the institution by its registry id, as a partner app would file it through POST /api/v1/cases.</summary>
    public static object DisputeAgainst(int institution) => new
    {
        kind = "Complaint",
        institutionId = institution,
        product = "savings",
        issueCategory = "unauthorized-transaction",
        description = "Saldo tabungan saya berkurang karena transaksi yang tidak pernah saya lakukan.",
        lossAmount = 2_500_000,
        requestedResolution = "Dana dikembalikan",
        consumer = new { name = "Siti Aminah", email = "siti@example.org", whatsApp = "0812-3456-7890" },
        consentGiven = true,
    };

    /// <summary>
    /// A filed case screened, classified as a dispute and forwarded to the institution by regulator staff (an agent
    /// unless <paramref name="staff"/> says otherwise): WithInstitution, its clock running. <paramref name="classify"/>
    /// defaults to a dispute keeping what was filed; screening classifies after StartScreening unless
    /// <paramref name="classifyBeforeScreening"/>.
    /// </summary>
    public static async Task<(Guid CaseId, Guid ConsumerId)> ForwardAsync(
        ComplaintsApp app,
        string number,
        int institutionId,
        Actor? staff = null,
        Action<Case>? classify = null,
        bool classifyBeforeScreening = false)
    {
        staff ??= new Actor(ActorRole.Agent, "test-agent");
        classify ??= c => c.Classify(CaseKind.Complaint, ComplaintType.Dispute, c.Sector, c.Product, c.IssueCategory);
        if (classifyBeforeScreening)
        {
            await ClassifyAsync(app, number, classify);
            await ActAsync(app, number, Trigger.StartScreening, staff);
        }
        else
        {
            await ActAsync(app, number, Trigger.StartScreening, staff);
            await ClassifyAsync(app, number, classify);
        }

        await ActAsync(app, number, Trigger.ForwardToInstitution, staff, institutionId: institutionId);
        var ids = await app.WithDbAsync(db => db.Cases.Where(c => c.TrackingNumber == number).Select(c => new { c.Id, c.ConsumerId }).SingleAsync());
        return (ids.Id, ids.ConsumerId);
    }

    /// <summary>The consumer's own move, through the same use case as the portal's button.</summary>
    public static async Task AsConsumerAsync(ComplaintsApp app, string number, Trigger trigger, string? note)
    {
        var consumerId = await app.WithDbAsync(db => db.Cases.Where(c => c.TrackingNumber == number).Select(c => c.ConsumerId).SingleAsync());
        await ActAsync(app, number, trigger, Actor.ForConsumer(consumerId), note);
    }

    public static Task<int> VersionAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(db => db.Cases.Where(c => c.TrackingNumber == number).Select(c => c.Version).SingleAsync());

    /// <summary>Fires one trigger through the use case every portal button calls; it must succeed.</summary>
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

    /// <summary>Screening's classification, done on the aggregate.</summary>
    public static Task ClassifyAsync(ComplaintsApp app, string number, Action<Case> classify) => app.WithDbAsync(async db =>
    {
        var @case = await db.Cases.SingleAsync(c => c.TrackingNumber == number);
        classify(@case);
        return await db.SaveChangesAsync();
    });
}
