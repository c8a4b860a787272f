using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Institutions;

namespace Complaints.Core.Domain.Cases;

/// <summary>
/// The case aggregate. Every change of state goes through <see cref="Fire"/>, which follows
/// <see cref="CaseLifecycle"/>: it checks the party and the guard, moves the deadline clocks and appends a
/// hash-chained <see cref="CaseEvent"/>.
/// </summary>
public sealed class Case
{
    private readonly List<CaseEvent> _events = [];

    public Guid Id { get; private set; }

    /// <summary>Public, unguessable, with a check symbol (<see cref="Cases.TrackingNumber"/>).</summary>
    public string TrackingNumber { get; private set; } = "";

    public string PinHash { get; private set; } = "";

    /// <summary>When the PIN stops working: set at closure, cleared on reopening; the expired-PIN job then
    /// erases the hash.</summary>
    public DateTime? PinExpiresAtUtc { get; private set; }

    public CaseKind Kind { get; private set; }

    public ComplaintType? ComplaintType { get; private set; }

    public Channel Channel { get; private set; }

    public CaseState State { get; private set; }

    /// <summary>The escalation tier handling the case: 1 agent, 2 specialist, 3 supervisor.</summary>
    public int Tier { get; private set; } = 1;

    public bool IsRestricted { get; private set; }

    /// <summary>Set for good when the institution misses its deadline.</summary>
    public bool IsUntimely { get; private set; }

    public bool InstitutionExtended { get; private set; }

    public bool FacilitationExtended { get; private set; }

    public Guid ConsumerId { get; private set; }

    public Consumers.Consumer? Consumer { get; private set; }

    public int? InstitutionId { get; private set; }

    public Institution? Institution { get; private set; }

    /// <summary>What the consumer typed when the institution was not found in the registry.</summary>
    public string? InstitutionNameAsTyped { get; private set; }

    public Sector? Sector { get; private set; }

    public string? Product { get; private set; }

    public string? IssueCategory { get; private set; }

    public string Description { get; private set; } = "";

    /// <summary>Whole rupiah.</summary>
    public long? LossAmount { get; private set; }

    public string? RequestedResolution { get; private set; }

    public DateOnly? ComplainedToInstitutionOn { get; private set; }

    public DateOnly? InstitutionAnsweredOn { get; private set; }

    public string? InstitutionAnswer { get; private set; }

    public DateTime SubmittedAtUtc { get; private set; }

    /// <summary>The consumer's province (the first two digits of the NIK's region code), kept on the case so the
    /// regulator's statistics group by province without reading personal data; null without a NIK.</summary>
    public string? ProvinceCode { get; private set; }

    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>The move that closed the case (a consumer's withdrawal or a passed deadline, say); null while open.
    /// With <see cref="EscalatedAtUtc"/> and <see cref="FacilitationSignedAtUtc"/>, facts of the history kept on the
    /// case so the statistics read them without the history (millions of events).</summary>
    public Trigger? ClosedBy { get; private set; }

    /// <summary>When the consumer last asked the regulator to step in (a rejection, or a request after a missed deadline).</summary>
    public DateTime? EscalatedAtUtc { get; private set; }

    /// <summary>When the consumer signed the facilitation agreement.</summary>
    public DateTime? FacilitationSignedAtUtc { get; private set; }

    /// <summary>The running clock of the current state, if any.</summary>
    public DeadlineClock? Deadline { get; private set; }

    /// <summary>The clock of the stage that asked for documents, paused until they arrive.</summary>
    public DeadlineClock? SuspendedDeadline { get; private set; }

    /// <summary>Where the case goes back to when the consumer supplies the documents asked for.</summary>
    public CaseState? ReturnState { get; private set; }

    /// <summary>When the case was last sent to an institution; the institution sees it from then on.</summary>
    public DateTime? ForwardedAtUtc { get; private set; }

    public ResponseOutcome? Outcome { get; private set; }

    /// <summary>Whole rupiah the institution offered, for monetary relief.</summary>
    public long? ReliefAmount { get; private set; }

    public Guid? DuplicateOfId { get; private set; }

    /// <summary>The body a case was referred to (Satgas PASTI, the police, another authority).</summary>
    public string? ReferredTo { get; private set; }

    /// <summary>The eligibility rule a dispute failed, when it was closed as ineligible at review.</summary>
    public EligibilityRule? FailedRule { get; private set; }

    public bool LimitedFacilitation { get; private set; }

    public string? AgreementTerms { get; private set; }

    public long? AgreementAmount { get; private set; }

    /// <summary>The regulator staff member working the case.</summary>
    public string? AssignedToUserId { get; private set; }

    /// <summary>The consumer's rating of the service after closure, 1-5.</summary>
    public int? Rating { get; private set; }

    public string? RatingComment { get; private set; }

    public int EventCount { get; private set; }

    public string LastEventHash { get; private set; } = "";

    /// <summary>Optimistic concurrency token, incremented by every change.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<CaseEvent> Events => _events;

    public StateInfo StateInfo => CaseLifecycle.Info(State);

    /// <summary>Progress step for the consumer; a documents request shows the step of the stage that asked.</summary>
    public int Step => StateInfo.Step ?? CaseLifecycle.Info(ReturnState ?? CaseState.Screening).Step ?? 2;

    private Case()
    {
    }

    public sealed record Details(
        CaseKind Kind,
        Channel Channel,
        Institution? Institution,
        string? InstitutionNameAsTyped,
        Sector? Sector,
        string? Product,
        string? IssueCategory,
        string Description,
        long? LossAmount,
        string? RequestedResolution,
        DateOnly? ComplainedToInstitutionOn,
        DateOnly? InstitutionAnsweredOn,
        string? InstitutionAnswer);

    /// <summary>A new case in <see cref="CaseState.Submitted"/>, with its first event.</summary>
    public static Case Submit(Details details, Consumers.Consumer consumer, string trackingNumber, string pinHash, TransitionContext context)
    {
        var @case = new Case
        {
            Id = Guid.CreateVersion7(context.NowUtc),
            TrackingNumber = trackingNumber,
            PinHash = pinHash,
            Kind = details.Kind,
            Channel = details.Channel,
            State = CaseState.Submitted,
            Consumer = consumer,
            ConsumerId = consumer.Id,
            Institution = details.Institution,
            InstitutionId = details.Institution?.Id,
            InstitutionNameAsTyped = details.Institution is null ? details.InstitutionNameAsTyped : null,
            Sector = details.Sector ?? details.Institution?.Sector,
            Product = details.Product,
            IssueCategory = details.IssueCategory,
            Description = details.Description,
            LossAmount = details.LossAmount,
            RequestedResolution = details.RequestedResolution,
            ComplainedToInstitutionOn = details.ComplainedToInstitutionOn,
            InstitutionAnsweredOn = details.InstitutionAnsweredOn,
            ProvinceCode = consumer.Nik is { Length: >= 2 } nik ? nik[..2] : null,
            InstitutionAnswer = details.InstitutionAnswer,
            SubmittedAtUtc = context.NowUtc,
        };
        @case.Append(Trigger.Submit, null, CaseState.Submitted, context.Actor, context.NowUtc, null, Visibility.Public);
        return @case;
    }

    /// <summary>Screening sets what kind of case this really is. With <paramref name="by"/> the change goes
    /// into the history (regulator only); portals and the API always pass it, seeders may not.</summary>
    public void Classify(CaseKind kind, ComplaintType? complaintType, Sector? sector, string? product, string? issueCategory, (Actor Actor, DateTime AtUtc)? by = null)
    {
        Kind = kind;
        ComplaintType = kind == CaseKind.Complaint ? complaintType : null;
        Sector = sector;
        Product = product;
        IssueCategory = issueCategory;
        Record(Trigger.Classify, by, string.Join(", ", new object?[] { kind, ComplaintType, sector, product, issueCategory }.Where(v => v is not null)));
    }

    /// <summary>Moves the case by one row of the lifecycle table, or throws <see cref="CaseRuleException"/>.</summary>
    public CaseEvent Fire(Trigger trigger, TransitionContext context, string? note = null)
    {
        var rows = CaseLifecycle.RowsFor(State, trigger).ToList();
        if (rows.Count == 0)
        {
            throw new CaseRuleException("case.triggerNotAllowedInState", $"{trigger} is not possible while the case is {State}.");
        }

        if (!rows.Any(r => MayAct(r, context.Actor)))
        {
            throw new CaseRuleException("case.notYourMove", $"{context.Actor.Role} may not {trigger} this case.");
        }

        var row = rows.FirstOrDefault(r => MayAct(r, context.Actor) && (r.Guard?.Holds(this, context) ?? true));
        if (row is null)
        {
            var failed = rows.First(r => r.Guard is not null).Guard!;
            throw new CaseRuleException(failed.Code, $"{trigger} needs: {failed.Name}.");
        }

        if (row.NeedsReason && string.IsNullOrWhiteSpace(note))
        {
            throw new CaseRuleException("case.reasonRequired", $"{trigger} needs a reason.");
        }

        var from = State;
        MoveClocks(from, row.To, context);
        State = row.To;
        if (row.To == CaseState.EscalationRequested)
        {
            EscalatedAtUtc = context.NowUtc;
        }

        if (trigger == Trigger.SignFacilitationAgreement)
        {
            FacilitationSignedAtUtc = context.NowUtc;
        }

        if (CaseLifecycle.Info(row.To).IsTerminal && !CaseLifecycle.Info(from).IsTerminal)
        {
            ClosedAtUtc = context.NowUtc;
            ClosedBy = trigger;
            PinExpiresAtUtc = PinHash.Length > 0 ? context.NowUtc.AddDays(context.Policy.PinValidityDaysAfterClosure) : null;
        }

        row.Effect?.Invoke(this, context);
        return Append(trigger, from, row.To, context.Actor, context.NowUtc, note, row.Visibility);
    }

    /// <summary>Whether the actor is a party the row allows and may act on this particular case.</summary>
    public bool MayAct(Transition row, Actor actor)
    {
        if (!row.Who.HasFlag(actor.Role.AsParty()) || actor.Role.AsParty() == Parties.None)
        {
            return false;
        }

        return actor.Role switch
        {
            ActorRole.Consumer => actor.ConsumerId == ConsumerId,
            // An institution acts on its case only once the case has been sent to it.
            ActorRole.InstitutionOfficer or ActorRole.InstitutionAdmin => InstitutionId is not null && actor.InstitutionId == InstitutionId && ForwardedAtUtc is not null,
            ActorRole.Agent or ActorRole.Specialist or ActorRole.Supervisor => actor.Tier >= Tier && (!IsRestricted || actor.Tier >= 2),
            ActorRole.System => true,
            ActorRole.Administrator => false,
        };
    }

    /// <summary>Sends the case to an institution (screening may correct the one the consumer named).</summary>
    public CaseEvent ForwardTo(Institution institution, TransitionContext context, string? note)
    {
        if (InstitutionId != institution.Id)
        {
            Institution = institution;
            InstitutionId = institution.Id;
            InstitutionNameAsTyped = null;
            InstitutionExtended = false;
        }

        return Fire(Trigger.ForwardToInstitution, context, note);
    }

    /// <summary>The institution's answer, with what it gives the consumer.</summary>
    public CaseEvent Respond(ResponseOutcome outcome, long? reliefAmount, TransitionContext context, string? note)
    {
        if (outcome == ResponseOutcome.MonetaryRelief && reliefAmount is not > 0)
        {
            throw new CaseRuleException("case.reliefAmountRequired", "Monetary relief needs an amount.");
        }

        if (string.IsNullOrWhiteSpace(note))
        {
            throw new CaseRuleException("case.reasonRequired", "The answer needs a message to the consumer.");
        }

        var e = Fire(Trigger.Respond, context, note);
        Outcome = outcome;
        ReliefAmount = outcome == ResponseOutcome.MonetaryRelief ? reliefAmount : null;
        InstitutionAnsweredOn = WorkingDayCalendar.JakartaDate(context.NowUtc);
        return e;
    }

    public CaseEvent MarkDuplicateOf(Case original, TransitionContext context, string? note)
    {
        if (original.Id == Id)
        {
            throw new CaseRuleException("case.duplicateOfItself", "A case cannot duplicate itself.");
        }

        var e = Fire(Trigger.MarkDuplicate, context, note);
        DuplicateOfId = original.Id;
        return e;
    }

    public CaseEvent ReferTo(string body, TransitionContext context, string? note)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            throw new CaseRuleException("case.referredToRequired", "Say where the case is referred to.");
        }

        var e = Fire(Trigger.ReferExternal, context, string.IsNullOrWhiteSpace(note) ? body.Trim() : $"{body.Trim()}: {note.Trim()}");
        ReferredTo = body.Trim();
        return e;
    }

    /// <summary>Closes as ineligible; at eligibility review the failed rule is required.</summary>
    public CaseEvent CloseIneligible(EligibilityRule? failedRule, TransitionContext context, string? note)
    {
        if (State == CaseState.EligibilityReview && failedRule is null)
        {
            throw new CaseRuleException("case.failedRuleRequired", "Say which eligibility rule failed.");
        }

        var e = Fire(Trigger.CloseIneligible, context, note);
        FailedRule = failedRule;
        return e;
    }

    public CaseEvent ProposeFacilitation(bool limited, TransitionContext context, string? note)
    {
        var e = Fire(Trigger.ProposeFacilitation, context, note);
        LimitedFacilitation = limited;
        return e;
    }

    public CaseEvent RecordAgreement(string terms, long? amount, TransitionContext context, string? note)
    {
        if (string.IsNullOrWhiteSpace(terms))
        {
            throw new CaseRuleException("case.termsRequired", "An agreement needs its terms.");
        }

        var e = Fire(Trigger.RecordAgreement, context, note ?? terms);
        AgreementTerms = terms.Trim();
        AgreementAmount = amount;
        return e;
    }

    /// <summary>The consumer rates the service once the case is closed.</summary>
    public void Rate(int stars, string? comment, Actor actor)
    {
        if (actor.Role != ActorRole.Consumer || actor.ConsumerId != ConsumerId)
        {
            throw new CaseRuleException("case.notYourMove", "Only the consumer rates the service.");
        }

        if (!StateInfo.IsTerminal || Rating is not null)
        {
            throw new CaseRuleException("case.ratingNotOpen", "The service can be rated once, after closure.");
        }

        if (stars is < 1 or > 5)
        {
            throw new CaseRuleException("case.ratingRange", "A rating is 1 to 5.");
        }

        Rating = stars;
        RatingComment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        Version++;
    }

    /// <summary>A consumer who registers claims a case filed without an account (proven by tracking number and
    /// PIN): the case moves to the account's consumer record.</summary>
    public void TransferTo(Guid consumerId)
    {
        ConsumerId = consumerId;
        Version++;
    }

    /// <summary>Supervisors assign and reassign regulator work; staff take cases themselves.</summary>
    public void AssignTo(string? userId, (Actor Actor, DateTime AtUtc)? by = null)
    {
        AssignedToUserId = userId;
        Record(Trigger.Assign, by, userId);
    }

    /// <summary>Only tier 2 and above, and the parties, see a restricted case from now on.</summary>
    public void MarkRestricted((Actor Actor, DateTime AtUtc)? by = null)
    {
        IsRestricted = true;
        Record(Trigger.Restrict, by, null);
    }

    /// <summary>A change that is not a move of the lifecycle: in the history when we know who made it.</summary>
    private void Record(Trigger what, (Actor Actor, DateTime AtUtc)? by, string? note)
    {
        if (by is { } change)
        {
            Append(what, State, State, change.Actor, change.AtUtc, note, Visibility.RegulatorOnly);
        }
        else
        {
            Version++;
        }
    }

    internal void ExtendInstitutionDeadline(TransitionContext context)
    {
        Deadline!.Extend(context.Policy.InstitutionExtensionDays, context.Calendar);
        InstitutionExtended = true;
    }

    internal void ExtendFacilitationDeadline(TransitionContext context)
    {
        Deadline!.Extend(context.Policy.FacilitationExtensionDays, context.Calendar);
        FacilitationExtended = true;
    }

    internal void MarkUntimely() => IsUntimely = true;

    internal void MarkForwarded(TransitionContext context) => ForwardedAtUtc = context.NowUtc;

    internal void MarkReopened()
    {
        ClosedAtUtc = null;
        ClosedBy = null;
        PinExpiresAtUtc = null;
    }

    /// <summary>The PIN's validity ran out: erase it, so number and PIN no longer open the case.</summary>
    public void ExpirePin()
    {
        PinHash = "";
        PinExpiresAtUtc = null;
    }

    internal void RaiseTier() => Tier++;

    /// <summary>The institution said the case is not theirs: screening picks the right one, which then gets a
    /// fresh period and its own one extension. The name stays visible to staff as typed.</summary>
    internal void DetachInstitution()
    {
        InstitutionNameAsTyped = Institution?.LegalName ?? InstitutionNameAsTyped;
        InstitutionId = null;
        Institution = null;
        InstitutionExtended = false;
        ForwardedAtUtc = null;
    }

    /// <summary>Stops, pauses, resumes or starts deadline clocks for a move between two states.</summary>
    private void MoveClocks(CaseState from, CaseState to, TransitionContext context)
    {
        if (from == to)
        {
            return;
        }

        if (to == CaseState.AwaitingConsumerDocuments)
        {
            // Asking for documents after the deadline does not undo being late.
            if (from == CaseState.WithInstitution && Deadline?.IsOverdue(context.NowUtc) == true)
            {
                IsUntimely = true;
            }

            if (Deadline is { IsRunning: true })
            {
                Deadline.Pause(context.NowUtc, context.Calendar);
            }

            SuspendedDeadline = Deadline;
            ReturnState = from;
            Deadline = DeadlineClock.Start(ClockKind.ConsumerDocuments, context.Policy.ConsumerDocumentsDays, context.NowUtc, context.Calendar);
            return;
        }

        var resumed = from == CaseState.AwaitingConsumerDocuments && to == ReturnState ? SuspendedDeadline : null;
        SuspendedDeadline = null;
        ReturnState = null;
        if (resumed is not null)
        {
            resumed.Resume(context.NowUtc, context.Calendar);
            Deadline = resumed;
            return;
        }

        Deadline = CaseLifecycle.Info(to).Clock is { } clock
            ? DeadlineClock.Start(clock, PeriodOf(clock, context.Policy), context.NowUtc, context.Calendar)
            : null;
    }

    private int PeriodOf(ClockKind clock, DeadlinePolicy policy) => clock switch
    {
        ClockKind.InstitutionResponse => Channel.IsVerbal() ? policy.InstitutionVerbalDays : policy.InstitutionWrittenDays,
        ClockKind.ConsumerDocuments => policy.ConsumerDocumentsDays,
        ClockKind.ConsumerDecision => policy.ConsumerDecisionDays,
        ClockKind.FacilitationSignature => policy.FacilitationSignatureDays,
        ClockKind.Facilitation => policy.FacilitationDays,
    };

    private CaseEvent Append(Trigger trigger, CaseState? from, CaseState to, Actor actor, DateTime atUtc, string? note, Visibility visibility)
    {
        var e = CaseEvent.Create(Id, EventCount + 1, LastEventHash, atUtc, actor, trigger, from, to, note, visibility);
        _events.Add(e);
        EventCount = e.Sequence;
        LastEventHash = e.Hash;
        Version++;
        return e;
    }

    /// <summary>The sequence of the first tampered event, or null when the history matches this case.</summary>
    public int? FindHistoryBreak(IEnumerable<CaseEvent> events)
    {
        var list = events.ToList();
        return CaseHistory.FindBreak(list)
            ?? (list.Count != EventCount || (list.Count > 0 && list.MaxBy(e => e.Sequence)!.Hash != LastEventHash)
                ? Math.Min(list.Count, EventCount) + 1
                : null);
    }
}
