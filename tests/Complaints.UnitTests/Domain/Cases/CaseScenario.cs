using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;

namespace Complaints.UnitTests.Domain.Cases;

/// <summary>
/// One case, its parties and a controllable clock. <see cref="DriveTo"/> moves the case to any state through real
/// <see cref="Case.Fire"/> calls, doing what each row's guard needs on the way (classifying, letting a deadline
/// pass), so the tests exercise the table rather than a back door.
/// </summary>
internal sealed class CaseScenario
{
    public static readonly WorkingDayCalendar WorkingDays = new(HolidayCsv.LoadShipped().Select(h => h.Date));

    public const int InstitutionId = 42;

    public static readonly Actor Agent = new(ActorRole.Agent, "agent-1");
    public static readonly Actor Specialist = new(ActorRole.Specialist, "specialist-1");
    public static readonly Actor Supervisor = new(ActorRole.Supervisor, "supervisor-1");
    public static readonly Actor Administrator = new(ActorRole.Administrator, "admin-1");
    public static readonly Actor Officer = new(ActorRole.InstitutionOfficer, "officer-1", InstitutionId: InstitutionId);
    public static readonly Actor OtherInstitutionsOfficer = new(ActorRole.InstitutionOfficer, "officer-9", InstitutionId: InstitutionId + 1);

    /// <summary>Mon 9 March 2026, 09:00 WIB.</summary>
    public static readonly DateTime DefaultStart = JakartaMorning(2026, 3, 9);

    private CaseScenario(Case @case, Consumer consumer, DateTime now)
    {
        Case = @case;
        Consumer = consumer;
        Now = now;
    }

    public Case Case { get; }

    public Consumer Consumer { get; }

    public Actor ConsumerActor => Actor.ForConsumer(Consumer.Id);

    /// <summary>The time every following <see cref="Fire"/> happens at; tests move it forward.</summary>
    public DateTime Now { get; set; }

    public static DateTime JakartaMorning(int year, int month, int day) => new(year, month, day, 2, 0, 0, DateTimeKind.Utc);

    public static Institution NewInstitution() => new()
    {
        Id = InstitutionId,
        LegalName = "PT Bank Contoh Indonesia Tbk",
        Sector = Sector.Banking,
        Status = InstitutionStatus.Licensed,
    };

    /// <summary>A complaint against a registered institution, just submitted by its consumer.</summary>
    public static CaseScenario Submitted(Channel channel = Channel.Web, DateTime? at = null, CaseKind kind = CaseKind.Complaint, bool withInstitution = true)
    {
        var now = at ?? DefaultStart;
        var consumer = new Consumer { Name = "Siti Rahayu", WhatsApp = "6281234567890", CreatedAtUtc = now, ConsentGivenAtUtc = now };
        var details = new Case.Details(
            kind, channel, withInstitution ? NewInstitution() : null, withInstitution ? null : "Koperasi Tak Dikenal", null, "Kartu kredit", "Tagihan",
            "Tagihan kartu kredit saya ditagih dua kali untuk transaksi yang sama.", 1_500_000, "Pengembalian dana", null, null, null);
        var @case = Case.Submit(details, consumer, "CPL-TEST-0001", "pin-hash", new TransitionContext(Actor.ForConsumer(consumer.Id), now, WorkingDays, DeadlinePolicy.Default));
        return new CaseScenario(@case, consumer, now);
    }

    /// <summary>Submits a case and drives it to <paramref name="state"/>. For
    /// <see cref="CaseState.AwaitingConsumerDocuments"/>, <paramref name="askedFrom"/> is the stage that asks
    /// (Screening by default).</summary>
    public static CaseScenario In(CaseState state, CaseState? askedFrom = null, Channel channel = Channel.Web, DateTime? at = null)
    {
        var scenario = Submitted(channel, at);
        scenario.DriveTo(state, askedFrom);
        return scenario;
    }

    public TransitionContext As(Actor actor) => new(actor, Now, WorkingDays, DeadlinePolicy.Default);

    public CaseEvent Fire(Trigger trigger, Actor actor, string? note = null) => Case.Fire(trigger, As(actor), note);

    public void DriveTo(CaseState state, CaseState? askedFrom = null)
    {
        foreach (var trigger in PathTo(state, askedFrom))
        {
            Step(trigger);
        }

        if (Case.State != state)
        {
            throw new InvalidOperationException($"The path to {state} ended in {Case.State}.");
        }
    }

    /// <summary>The triggers that take a new case to a state, the shortest sensible way.</summary>
    public static IReadOnlyList<Trigger> PathTo(CaseState state, CaseState? askedFrom = null) => state switch
    {
        CaseState.Submitted => [],
        CaseState.Screening => [Trigger.StartScreening],
        CaseState.AwaitingConsumerDocuments => [.. PathTo(askedFrom ?? CaseState.Screening), Trigger.RequestDocuments],
        CaseState.WithInstitution => [.. PathTo(CaseState.Screening), Trigger.ForwardToInstitution],
        CaseState.ConsumerReview => [.. PathTo(CaseState.WithInstitution), Trigger.Respond],
        CaseState.EscalationRequested => [.. PathTo(CaseState.ConsumerReview), Trigger.Reject],
        CaseState.EligibilityReview => [.. PathTo(CaseState.EscalationRequested), Trigger.StartEligibilityReview],
        CaseState.ClarificationMeeting => [.. PathTo(CaseState.EligibilityReview), Trigger.ScheduleClarificationMeeting],
        CaseState.FacilitationAgreementPending => [.. PathTo(CaseState.ClarificationMeeting), Trigger.ProposeFacilitation],
        CaseState.Facilitation => [.. PathTo(CaseState.FacilitationAgreementPending), Trigger.SignFacilitationAgreement],
        CaseState.ViolationReview => [.. PathTo(CaseState.Screening), Trigger.StartViolationReview],
        CaseState.Answered => [.. PathTo(CaseState.Screening), Trigger.AnswerQuestion],
        CaseState.ReferredExternal => [.. PathTo(CaseState.Screening), Trigger.ReferExternal],
        CaseState.ReferredToLaps => [.. PathTo(CaseState.EligibilityReview), Trigger.ReferToLaps],
        CaseState.ClosedResolved => [.. PathTo(CaseState.ConsumerReview), Trigger.Accept],
        CaseState.ClosedNoFeedback => [.. PathTo(CaseState.ConsumerReview), Trigger.DecisionDeadlinePassed],
        CaseState.ClosedAgreement => [.. PathTo(CaseState.ClarificationMeeting), Trigger.RecordAgreement],
        CaseState.ClosedNoAgreement => [.. PathTo(CaseState.ClarificationMeeting), Trigger.RecordNoAgreement],
        CaseState.ClosedIneligible => [.. PathTo(CaseState.Screening), Trigger.CloseIneligible],
        CaseState.ClosedDuplicate => [.. PathTo(CaseState.Screening), Trigger.MarkDuplicate],
        CaseState.ClosedWithdrawn => [Trigger.Withdraw],
        CaseState.ClosedSanctioned => [.. PathTo(CaseState.ViolationReview), Trigger.Sanction],
        CaseState.ClosedNotSubstantiated => [.. PathTo(CaseState.ViolationReview), Trigger.DismissViolation],
    };

    /// <summary>Fires the row for the current state and <paramref name="trigger"/> with a party it allows, after
    /// arranging what its guard needs.</summary>
    public CaseEvent Step(Trigger trigger)
    {
        var row = RowFor(trigger);
        Arrange(row);
        return Fire(row.Trigger, ActorFor(row), row.NeedsReason ? $"Reason for {trigger}" : null);
    }

    /// <summary>The row <see cref="Case.Fire"/> will take: the only one, or the one its documents guard picks.</summary>
    public Transition RowFor(Trigger trigger)
    {
        var rows = CaseLifecycle.RowsFor(Case.State, trigger).ToList();
        return rows.Count == 1 ? rows[0] : rows.Single(r => r.To == Case.ReturnState);
    }

    /// <summary>Makes the row's guard hold the way the real world would: screening classifies the case, time
    /// passes, the institution misses its deadline.</summary>
    public void Arrange(Transition row)
    {
        switch (row.Guard?.Code)
        {
            case "case.notQuestion":
                Case.Classify(CaseKind.Question, null, Sector.Banking, null, null);
                break;
            case "case.notDisputeWithInstitution":
                Case.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, "Kartu kredit", "Tagihan");
                break;
            case "case.notViolation":
                Case.Classify(CaseKind.Complaint, ComplaintType.Violation, Sector.Banking, "Kartu kredit", "Penagihan");
                break;
            case "case.deadlineNotPassed":
                LetDeadlinePass();
                break;
            case "case.institutionNotLate":
                if (!Case.IsUntimely)
                {
                    Step(Trigger.InstitutionDeadlinePassed);
                }

                break;
            case "case.documentsNotAskedFromHere" when Case.ReturnState != row.To:
                throw new InvalidOperationException($"Documents were asked from {Case.ReturnState}, not {row.To}.");
        }
    }

    /// <summary>Moves <see cref="Now"/> to the first moment the running deadline counts as missed.</summary>
    public void LetDeadlinePass()
    {
        var due = Case.Deadline?.DueAtUtc ?? throw new InvalidOperationException($"No running deadline in {Case.State}.");
        if (Now < due)
        {
            Now = due;
        }
    }

    /// <summary>A party the row allows, with the identity this case needs (its consumer, its institution, a tier
    /// high enough).</summary>
    public Actor ActorFor(Transition row)
    {
        var who = row.Who;
        if (who.HasFlag(Parties.Agent) && Case.Tier <= 1 && !Case.IsRestricted)
        {
            return Agent;
        }

        if (who.HasFlag(Parties.Specialist) && Case.Tier <= 2)
        {
            return Specialist;
        }

        if (who.HasFlag(Parties.Supervisor))
        {
            return Supervisor;
        }

        if (who.HasFlag(Parties.Consumer))
        {
            return ConsumerActor;
        }

        if (who.HasFlag(Parties.Institution))
        {
            return Officer;
        }

        if (who.HasFlag(Parties.System))
        {
            return Actor.System;
        }

        throw new InvalidOperationException($"No actor for {who}.");
    }

    /// <summary>An actor of <paramref name="role"/> who is the right party for this case (its consumer, its
    /// institution).</summary>
    public Actor ActorOfRole(ActorRole role) => role switch
    {
        ActorRole.Consumer => ConsumerActor,
        ActorRole.InstitutionOfficer => Officer,
        ActorRole.InstitutionAdmin => new Actor(ActorRole.InstitutionAdmin, "inst-admin-1", InstitutionId: InstitutionId),
        ActorRole.Agent => Agent,
        ActorRole.Specialist => Specialist,
        ActorRole.Supervisor => Supervisor,
        ActorRole.Administrator => Administrator,
        ActorRole.System => Actor.System,
    };
}
