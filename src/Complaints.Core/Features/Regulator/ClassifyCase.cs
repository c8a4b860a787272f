using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Regulator;

/// <summary>Screening: sets what kind of case this really is, and marks it restricted when it must be.</summary>
public sealed class ClassifyCase(ComplaintsDbContext db, TimeProvider clock)
{
    public sealed record Input
    {
        public required string TrackingNumber { get; init; }
        public int? ExpectedVersion { get; init; }
        public CaseKind? Kind { get; init; }
        public ComplaintType? ComplaintType { get; init; }
        public Sector? Sector { get; init; }
        public string? Product { get; init; }
        public string? IssueCategory { get; init; }

        /// <summary>Restriction is one-way: once restricted, a case stays restricted.</summary>
        public bool Restricted { get; init; }
    }

    /// <summary>Classification belongs to screening, by staff of the case's tier or above.</summary>
    public static bool MayClassify(Case @case, Actor actor) =>
        @case.State is CaseState.Submitted or CaseState.Screening
        && actor.IsStaff && actor.Tier >= @case.Tier && (!@case.IsRestricted || actor.Tier >= 2);

    public async Task<CaseChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (!TrackingNumber.TryNormalize(input.TrackingNumber, out var number))
        {
            return CaseChange.NotFound;
        }

        var @case = await db.Cases.VisibleTo(actor).FirstOrDefaultAsync(c => c.TrackingNumber == number, ct);
        if (@case is null)
        {
            return CaseChange.NotFound;
        }

        if (input.ExpectedVersion is { } expected && expected != @case.Version)
        {
            return CaseChange.Conflict;
        }

        var errors = Validate(input, @case, actor).ToList();
        if (errors.Count > 0)
        {
            return CaseChange.Invalid(errors);
        }

        var by = (actor, clock.GetUtcNow().UtcDateTime);
        @case.Classify(input.Kind!.Value, input.ComplaintType, input.Sector, input.Product, input.IssueCategory, by);
        if (input.Restricted && !@case.IsRestricted)
        {
            @case.MarkRestricted(by);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return CaseChange.Conflict;
        }

        return CaseChange.Done;
    }

    private static IEnumerable<FieldError> Validate(Input input, Case @case, Actor actor)
    {
        if (!MayClassify(@case, actor))
        {
            yield return new FieldError("", "classify.notNow");
            yield break;
        }

        if (input.Kind is null)
        {
            yield return new FieldError("kind", "classify.kindRequired");
        }

        if (input.Kind == CaseKind.Complaint && input.ComplaintType is null)
        {
            yield return new FieldError("complaintType", "classify.complaintTypeRequired");
        }

        if (input.Product is not null && !CaseTaxonomy.IsProduct(input.Product))
        {
            yield return new FieldError("product", "invalidChoice");
        }

        if (input.IssueCategory is not null && !CaseTaxonomy.IsIssueCategory(input.IssueCategory))
        {
            yield return new FieldError("issueCategory", "invalidChoice");
        }
    }
}
