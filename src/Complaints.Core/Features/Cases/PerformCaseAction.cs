using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Cases;

/// <summary>
/// Fires one lifecycle trigger on a case for any party, from any portal, the API or a job: loads the case
/// through <see cref="CaseAccess.VisibleTo"/>, checks the version the actor saw, applies the trigger with its
/// input, and saves. Every portal action and its API twin call this class.
/// </summary>
public sealed class PerformCaseAction(
    ComplaintsDbContext db,
    CalendarCache calendars,
    DeadlinePolicies policies,
    TimeProvider clock,
    ILogger<PerformCaseAction> logger)
{
    /// <summary>What a trigger may carry besides the note. Unused fields are ignored.</summary>
    public sealed record Input
    {
        public required string TrackingNumber { get; init; }
        public required Trigger Trigger { get; init; }

        /// <summary>The case version the actor acted on; a different current version is a conflict.</summary>
        public int? ExpectedVersion { get; init; }

        public string? Note { get; init; }

        /// <summary>ForwardToInstitution: the institution, when screening corrects the consumer's choice.</summary>
        public int? InstitutionId { get; init; }

        /// <summary>Respond.</summary>
        public ResponseOutcome? Outcome { get; init; }

        /// <summary>Respond with monetary relief; RecordAgreement.</summary>
        public long? Amount { get; init; }

        /// <summary>MarkDuplicate: the original case.</summary>
        public string? DuplicateOf { get; init; }

        /// <summary>ReferExternal: where to.</summary>
        public string? ReferredTo { get; init; }

        /// <summary>CloseIneligible at eligibility review.</summary>
        public EligibilityRule? FailedRule { get; init; }

        /// <summary>ProposeFacilitation.</summary>
        public bool LimitedFacilitation { get; init; }

        /// <summary>RecordAgreement.</summary>
        public string? Terms { get; init; }
    }

    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        Refused,
    }

    /// <summary><see cref="ErrorCode"/> is a localizable key (error.&lt;code&gt;) when refused.</summary>
    public sealed record Result(Outcome Outcome, Case? Case = null, string? ErrorCode = null, string? ErrorMessage = null);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        var @case = await db.Cases.VisibleTo(actor).Include(c => c.Institution)
            .FirstOrDefaultAsync(c => c.TrackingNumber == input.TrackingNumber, ct);
        if (@case is null)
        {
            return new(Outcome.NotFound);
        }

        if (input.ExpectedVersion is { } expected && expected != @case.Version)
        {
            return new(Outcome.Conflict, @case);
        }

        var context = new TransitionContext(actor, clock.GetUtcNow().UtcDateTime, await calendars.GetAsync(db, ct), await policies.GetAsync(db, ct));
        try
        {
            await ApplyAsync(@case, input, context, ct);
            await db.SaveChangesAsync(ct);
        }
        catch (CaseRuleException e)
        {
            return new(Outcome.Refused, @case, e.Code, e.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(Outcome.Conflict, @case);
        }

        logger.LogInformation("Case {TrackingNumber}: {Trigger} by {Role} {User} -> {State}",
            @case.TrackingNumber, input.Trigger, actor.Role, actor.UserId ?? actor.ConsumerId?.ToString(), @case.State);
        return new(Outcome.Done, @case);
    }

    private async Task ApplyAsync(Case @case, Input input, TransitionContext context, CancellationToken ct)
    {
        switch (input.Trigger)
        {
            case Trigger.ForwardToInstitution:
                var institution = input.InstitutionId is { } id
                    ? await db.Institutions.FindAsync([id], ct) ?? throw new CaseRuleException("institution.unknown", "Unknown institution.")
                    : @case.Institution ?? throw new CaseRuleException("case.notDisputeWithInstitution", "Choose the institution first.");
                @case.ForwardTo(institution, context, input.Note);
                break;
            case Trigger.Respond:
                @case.Respond(input.Outcome ?? throw new CaseRuleException("case.outcomeRequired", "Choose the outcome."), input.Amount, context, input.Note);
                break;
            case Trigger.MarkDuplicate:
                var original = await db.Cases.FirstOrDefaultAsync(c => c.TrackingNumber == input.DuplicateOf, ct)
                    ?? throw new CaseRuleException("case.duplicateOfUnknown", "The original case was not found.");
                @case.MarkDuplicateOf(original, context, input.Note);
                break;
            case Trigger.ReferExternal:
                @case.ReferTo(input.ReferredTo ?? "", context, input.Note);
                break;
            case Trigger.CloseIneligible:
                @case.CloseIneligible(input.FailedRule, context, input.Note);
                break;
            case Trigger.ProposeFacilitation:
                @case.ProposeFacilitation(input.LimitedFacilitation, context, input.Note);
                break;
            case Trigger.RecordAgreement:
                @case.RecordAgreement(input.Terms ?? "", input.Amount, context, input.Note);
                break;
            case Trigger.Submit:
                throw new CaseRuleException("case.triggerNotAllowedInState", "A case is submitted through intake.");
            default:
                @case.Fire(input.Trigger, context, input.Note);
                break;
        }
    }
}
