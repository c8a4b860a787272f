using System.Globalization;
using System.Text;
using Complaints.Core.Domain.Calendar;

namespace Complaints.Core.Domain.Cases;

/// <summary>What a state means to the people who see it.</summary>
/// <param name="Step">Consumer progress step 1-6; null means "the step of the state the case returns to".</param>
/// <param name="Clock">The deadline clock that runs while the case is in this state.</param>
public sealed record StateInfo(CaseState State, LocalizedText Label, int? Step, bool IsTerminal, ClockKind? Clock);

/// <summary>A named condition a row needs; <see cref="Code"/> is the error key when it fails.</summary>
public sealed record Guard(string Name, string Code, Func<Case, TransitionContext, bool> Holds);

/// <summary>One row of the lifecycle: from a state, a trigger moves the case to a state, if the party may
/// fire it and the guard holds.</summary>
public sealed record Transition(
    CaseState From,
    Trigger Trigger,
    CaseState To,
    Parties Who,
    Visibility Visibility,
    Guard? Guard = null,
    bool NeedsReason = false,
    Action<Case, TransitionContext>? Effect = null);

/// <summary>
/// The case lifecycle of DOMAIN.md as one declarative table. <see cref="Case.Fire"/> looks rows up here; the
/// same table answers which actions a user may take now and draws the README diagram.
/// </summary>
public static class CaseLifecycle
{
    public static readonly IReadOnlyList<StateInfo> States =
    [
        new(CaseState.Submitted, new("Diterima", "Received"), 1, false, null),
        new(CaseState.Screening, new("Diverifikasi", "Under review"), 2, false, null),
        new(CaseState.AwaitingConsumerDocuments, new("Menunggu dokumen Anda", "Waiting for your documents"), null, false, ClockKind.ConsumerDocuments),
        new(CaseState.WithInstitution, new("Ditangani PUJK", "With the institution"), 3, false, ClockKind.InstitutionResponse),
        new(CaseState.ConsumerReview, new("Menunggu konfirmasi Anda", "Your decision"), 4, false, ClockKind.ConsumerDecision),
        new(CaseState.EscalationRequested, new("Eskalasi diajukan", "Escalation requested"), 5, false, null),
        new(CaseState.EligibilityReview, new("Ditelaah OJK", "Reviewed by the regulator"), 5, false, null),
        new(CaseState.ClarificationMeeting, new("Pertemuan klarifikasi", "Clarification meeting"), 5, false, null),
        new(CaseState.FacilitationAgreementPending, new("Menunggu persetujuan fasilitasi", "Facilitation agreement pending"), 5, false, ClockKind.FacilitationSignature),
        new(CaseState.Facilitation, new("Fasilitasi", "Facilitation"), 5, false, ClockKind.Facilitation),
        new(CaseState.ViolationReview, new("Ditelaah OJK", "Reviewed by the regulator"), 5, false, null),
        new(CaseState.Answered, new("Selesai – terjawab", "Closed – answered"), 6, true, null),
        new(CaseState.ReferredExternal, new("Selesai – dirujuk ke lembaga lain", "Closed – referred elsewhere"), 6, true, null),
        new(CaseState.ReferredToLaps, new("Selesai – dirujuk ke LAPS SJK", "Closed – referred to LAPS SJK"), 6, true, null),
        new(CaseState.ClosedResolved, new("Selesai – jawaban diterima", "Closed – answer accepted"), 6, true, null),
        new(CaseState.ClosedNoFeedback, new("Selesai – tanpa konfirmasi", "Closed – no decision received"), 6, true, null),
        new(CaseState.ClosedAgreement, new("Selesai – tercapai kesepakatan", "Closed – agreement reached"), 6, true, null),
        new(CaseState.ClosedNoAgreement, new("Selesai – tidak tercapai kesepakatan", "Closed – no agreement"), 6, true, null),
        new(CaseState.ClosedIneligible, new("Selesai – tidak memenuhi syarat", "Closed – not eligible"), 6, true, null),
        new(CaseState.ClosedDuplicate, new("Selesai – pengaduan ganda", "Closed – duplicate"), 6, true, null),
        new(CaseState.ClosedWithdrawn, new("Selesai – dicabut", "Closed – withdrawn"), 6, true, null),
        // The consumer learns only that a violation report was reviewed, not its outcome.
        new(CaseState.ClosedSanctioned, new("Selesai ditelaah", "Review completed"), 6, true, null),
        new(CaseState.ClosedNotSubstantiated, new("Selesai ditelaah", "Review completed"), 6, true, null),
    ];

    /// <summary>The consumer's progress bar.</summary>
    public static readonly IReadOnlyList<LocalizedText> Steps =
    [
        new("Diterima", "Received"),
        new("Diverifikasi", "Under review"),
        new("Ditangani PUJK", "With the institution"),
        new("Konfirmasi Anda", "Your decision"),
        new("Ditelaah OJK", "Reviewed by the regulator"),
        new("Selesai", "Closed"),
    ];

    private static readonly Dictionary<CaseState, StateInfo> InfoByState = States.ToDictionary(s => s.State);

    public static StateInfo Info(CaseState state) => InfoByState[state];

    // Guards: named so the diagram and the error messages can say which rule stopped a move.
    private static readonly Guard IsQuestionOrInformation = new(
        "question or information", "case.notQuestion", (c, _) => c.Kind is CaseKind.Question or CaseKind.Information);

    private static readonly Guard IsDisputeWithKnownInstitution = new(
        "dispute with a registered institution", "case.notDisputeWithInstitution",
        (c, _) => c.Kind == CaseKind.Complaint && c.ComplaintType == ComplaintType.Dispute && c.InstitutionId is not null);

    private static readonly Guard IsViolation = new(
        "violation complaint", "case.notViolation", (c, _) => c.Kind == CaseKind.Complaint && c.ComplaintType == ComplaintType.Violation);

    private static readonly Guard ClockOverdue = new(
        "deadline passed", "case.deadlineNotPassed", (c, ctx) => c.Deadline?.IsOverdue(ctx.NowUtc) == true);

    private static readonly Guard InstitutionClockOverdue = new(
        "deadline passed", "case.deadlineNotPassed", (c, ctx) => !c.IsUntimely && c.Deadline?.IsOverdue(ctx.NowUtc) == true);

    private static readonly Guard NotExtendedAndInTime = new(
        "not extended before, deadline not passed", "case.extensionNotAllowed",
        // An untimely institution missed its first period for good, even when a documents pause left its clock a day.
        (c, ctx) => !c.InstitutionExtended && !c.IsUntimely && c.Deadline?.IsOverdue(ctx.NowUtc) == false);

    private static readonly Guard Untimely = new(
        "institution missed its deadline", "case.institutionNotLate", (c, _) => c.IsUntimely);

    private static readonly Guard FacilitationNotExtended = new(
        "not extended before", "case.extensionNotAllowed", (c, _) => !c.FacilitationExtended);

    private static readonly Guard BelowTopTier = new(
        "below tier 3", "case.alreadyTopTier", (c, _) => c.Tier < 3);

    private static readonly Guard WithinReopenWindow = new(
        "closed within the reopen window", "case.reopenWindowPassed",
        (c, ctx) => c.ClosedAtUtc is { } closed && ctx.NowUtc <= closed.AddDays(ctx.Policy.ReopenWindowDays));

    private static Guard ReturnsTo(CaseState state) => new(
        $"asked from {state}", "case.documentsNotAskedFromHere", (c, _) => c.ReturnState == state);

    private static readonly CaseState[] DocumentRequesters =
        [CaseState.Screening, CaseState.WithInstitution, CaseState.EligibilityReview];

    public static readonly IReadOnlyList<Transition> Transitions = Build();

    private static List<Transition> Build()
    {
        const Visibility Everyone = Visibility.Public;
        const Visibility ConsumerSide = Visibility.ConsumerAndRegulator;
        var rows = new List<Transition>
        {
            new(CaseState.Submitted, Trigger.StartScreening, CaseState.Screening, Parties.Staff, ConsumerSide),

            // Screening outcomes.
            new(CaseState.Screening, Trigger.AnswerQuestion, CaseState.Answered, Parties.Staff, ConsumerSide, IsQuestionOrInformation),
            new(CaseState.Screening, Trigger.ReferExternal, CaseState.ReferredExternal, Parties.Staff, ConsumerSide, NeedsReason: true),
            new(CaseState.Screening, Trigger.RequestDocuments, CaseState.AwaitingConsumerDocuments, Parties.Staff, ConsumerSide, NeedsReason: true),
            new(CaseState.Screening, Trigger.ForwardToInstitution, CaseState.WithInstitution, Parties.Staff, Everyone, IsDisputeWithKnownInstitution,
                Effect: (c, ctx) => c.MarkForwarded(ctx)),
            new(CaseState.Screening, Trigger.StartViolationReview, CaseState.ViolationReview, Parties.Staff, ConsumerSide, IsViolation),
            new(CaseState.Screening, Trigger.MarkDuplicate, CaseState.ClosedDuplicate, Parties.Staff, ConsumerSide, NeedsReason: true),
            new(CaseState.Screening, Trigger.CloseIneligible, CaseState.ClosedIneligible, Parties.Staff, ConsumerSide, NeedsReason: true),

            // The consumer's documents; the stage that asked keeps its working days.
            new(CaseState.AwaitingConsumerDocuments, Trigger.DocumentsDeadlinePassed, CaseState.ClosedWithdrawn, Parties.System, Everyone, ClockOverdue),

            // With the institution.
            new(CaseState.WithInstitution, Trigger.Respond, CaseState.ConsumerReview, Parties.Institution, Everyone),
            new(CaseState.WithInstitution, Trigger.ExtendDeadline, CaseState.WithInstitution, Parties.Institution, Everyone, NotExtendedAndInTime, NeedsReason: true,
                Effect: (c, ctx) => c.ExtendInstitutionDeadline(ctx)),
            new(CaseState.WithInstitution, Trigger.RequestDocuments, CaseState.AwaitingConsumerDocuments, Parties.Institution, Everyone, NeedsReason: true),
            new(CaseState.WithInstitution, Trigger.ReportWrongInstitution, CaseState.Screening, Parties.Institution, Everyone, NeedsReason: true,
                Effect: (c, _) => c.DetachInstitution()),
            new(CaseState.WithInstitution, Trigger.InstitutionDeadlinePassed, CaseState.WithInstitution, Parties.System, Everyone, InstitutionClockOverdue,
                Effect: (c, _) => c.MarkUntimely()),
            new(CaseState.WithInstitution, Trigger.RequestEscalation, CaseState.EscalationRequested, Parties.Consumer, Everyone, Untimely),

            // The consumer's decision on the institution's answer.
            new(CaseState.ConsumerReview, Trigger.Accept, CaseState.ClosedResolved, Parties.Consumer, Everyone),
            new(CaseState.ConsumerReview, Trigger.Reject, CaseState.EscalationRequested, Parties.Consumer, Everyone, NeedsReason: true),
            new(CaseState.ConsumerReview, Trigger.DecisionDeadlinePassed, CaseState.ClosedNoFeedback, Parties.System, Everyone, ClockOverdue),

            // Dispute resolution by the regulator.
            new(CaseState.EscalationRequested, Trigger.StartEligibilityReview, CaseState.EligibilityReview, Parties.SeniorStaff, Everyone),
            new(CaseState.EligibilityReview, Trigger.CloseIneligible, CaseState.ClosedIneligible, Parties.SeniorStaff, Everyone, NeedsReason: true),
            new(CaseState.EligibilityReview, Trigger.ReferToLaps, CaseState.ReferredToLaps, Parties.SeniorStaff, Everyone),
            new(CaseState.EligibilityReview, Trigger.RequestDocuments, CaseState.AwaitingConsumerDocuments, Parties.SeniorStaff, Everyone, NeedsReason: true),
            new(CaseState.EligibilityReview, Trigger.ScheduleClarificationMeeting, CaseState.ClarificationMeeting, Parties.SeniorStaff, Everyone),
            new(CaseState.ClarificationMeeting, Trigger.RecordAgreement, CaseState.ClosedAgreement, Parties.SeniorStaff, Everyone),
            new(CaseState.ClarificationMeeting, Trigger.ProposeFacilitation, CaseState.FacilitationAgreementPending, Parties.SeniorStaff, Everyone),
            new(CaseState.ClarificationMeeting, Trigger.RecordNoAgreement, CaseState.ClosedNoAgreement, Parties.SeniorStaff, Everyone),
            new(CaseState.FacilitationAgreementPending, Trigger.SignFacilitationAgreement, CaseState.Facilitation, Parties.Consumer, Everyone),
            new(CaseState.FacilitationAgreementPending, Trigger.SignatureDeadlinePassed, CaseState.ClosedNoAgreement, Parties.System, Everyone, ClockOverdue),
            new(CaseState.Facilitation, Trigger.ExtendFacilitation, CaseState.Facilitation, Parties.SeniorStaff, Everyone, FacilitationNotExtended, NeedsReason: true,
                Effect: (c, ctx) => c.ExtendFacilitationDeadline(ctx)),
            new(CaseState.Facilitation, Trigger.RecordAgreement, CaseState.ClosedAgreement, Parties.SeniorStaff, Everyone),
            new(CaseState.Facilitation, Trigger.RecordNoAgreement, CaseState.ClosedNoAgreement, Parties.SeniorStaff, Everyone),

            // Violations: the consumer learns only that the report was reviewed.
            new(CaseState.ViolationReview, Trigger.Sanction, CaseState.ClosedSanctioned, Parties.SeniorStaff, Visibility.RegulatorOnly),
            new(CaseState.ViolationReview, Trigger.DismissViolation, CaseState.ClosedNotSubstantiated, Parties.SeniorStaff, Visibility.RegulatorOnly),
        };

        foreach (var from in DocumentRequesters)
        {
            rows.Add(new(CaseState.AwaitingConsumerDocuments, Trigger.SupplyDocuments, from, Parties.Consumer,
                // The institution follows its case from the moment it is forwarded (traceable).
                from == CaseState.Screening ? ConsumerSide : Everyone, ReturnsTo(from)));
        }

        foreach (var state in States)
        {
            if (state.IsTerminal)
            {
                rows.Add(new(state.State, Trigger.Reopen, CaseState.Screening, Parties.Supervisor, ConsumerSide, WithinReopenWindow, NeedsReason: true,
                    Effect: (c, _) => c.MarkReopened()));
                continue;
            }

            rows.Add(new(state.State, Trigger.Withdraw, CaseState.ClosedWithdrawn, Parties.Consumer, Everyone));
            if (state.State is CaseState.Submitted or CaseState.Screening)
            {
                rows.Add(new(state.State, Trigger.HandOver, state.State, Parties.Staff, Visibility.RegulatorOnly, BelowTopTier, NeedsReason: true,
                    Effect: (c, _) => c.RaiseTier()));
            }
        }

        return rows;
    }

    private static readonly ILookup<(CaseState, Trigger), Transition> RowsByKey =
        Transitions.ToLookup(t => (t.From, t.Trigger));

    /// <summary>The rows for a state and trigger (several only when their guards tell them apart).</summary>
    public static IEnumerable<Transition> RowsFor(CaseState from, Trigger trigger) => RowsByKey[(from, trigger)];

    /// <summary>The triggers an actor may fire on this case now: party, tier and guard all pass.</summary>
    public static IReadOnlyList<Trigger> AvailableTriggers(Case @case, TransitionContext context) =>
        Transitions
            .Where(t => t.From == @case.State && @case.MayAct(t, context.Actor) && (t.Guard?.Holds(@case, context) ?? true))
            .Select(t => t.Trigger)
            .Distinct()
            .ToList();

    /// <summary>The table as a Mermaid state diagram; the README holds a copy that a test keeps fresh.</summary>
    public static string ToMermaid()
    {
        var text = new StringBuilder();
        text.Append("stateDiagram-v2\n");
        text.Append("    [*] --> Submitted: Submit\n");
        foreach (var row in Transitions)
        {
            var who = row.Who.ToString();
            // Mermaid ends a label at ';', so the guard follows a comma.
            var label = row.Guard is null ? $"{row.Trigger} ({who})" : $"{row.Trigger} ({who}, if {row.Guard.Name})";
            text.Append(CultureInfo.InvariantCulture, $"    {row.From} --> {row.To}: {label}\n");
        }

        foreach (var state in States.Where(s => s.IsTerminal))
        {
            text.Append(CultureInfo.InvariantCulture, $"    {state.State} --> [*]\n");
        }

        return text.ToString();
    }
}
