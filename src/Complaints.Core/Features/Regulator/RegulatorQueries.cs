using Complaints.Core.Data;
using Complaints.Core.Domain;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Regulator;

/// <summary>The back office's work queues.</summary>
public enum RegulatorQueue
{
    /// <summary>Submitted, nobody assigned.</summary>
    New,
    Mine,
    MyTier,
    WithInstitution,
    Overdue,
    Escalations,
    Facilitation,
    AllOpen,
}

public enum QueueSort
{
    SubmittedNewest,
    SubmittedOldest,
    DeadlineSoonest,
}

public sealed record QueueFilter
{
    public RegulatorQueue Queue { get; init; }
    public CaseKind? Kind { get; init; }
    public ComplaintType? ComplaintType { get; init; }
    public Sector? Sector { get; init; }
    public int? InstitutionId { get; init; }
    public Channel? Channel { get; init; }

    /// <summary>Jakarta dates, inclusive.</summary>
    public DateOnly? SubmittedFrom { get; init; }

    public DateOnly? SubmittedTo { get; init; }

    /// <summary>Tracking number, NIK, email, phone, or part of the consumer's name.</summary>
    public string? Search { get; init; }

    public QueueSort Sort { get; init; }
    public int Page { get; init; } = 1;
}

public sealed record QueueRow(
    string TrackingNumber,
    CaseKind Kind,
    ComplaintType? ComplaintType,
    CaseState State,
    LocalizedText StateLabel,
    Channel Channel,
    string? InstitutionName,
    DateTime SubmittedAtUtc,
    DateOnly? DueDate,
    int? WorkingDaysLeft,
    bool IsOverdue,
    int Tier,
    bool IsRestricted,
    string? AssigneeName);

public sealed record QueuePage(IReadOnlyList<QueueRow> Rows, int Page, int PageSize, int Total, bool MoreThanTotal = false)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record Choice(string Value, string Label);

public sealed record RegulatorEventView(
    int Sequence, DateTime OccurredAtUtc, ActorRole ActorRole, string? ActorName, Trigger Trigger,
    CaseState? From, CaseState To, string? Note, Visibility Visibility);

public sealed record RegulatorMessageView(DateTime SentAtUtc, ActorRole AuthorRole, string? AuthorName, string Body, Visibility Visibility);

public sealed record RegulatorAttachmentView(Guid Id, string FileName, long SizeBytes, DateTime UploadedAtUtc, ActorRole UploadedByRole, Visibility Visibility);

public sealed record MeetingView(Guid Id, MeetingKind Kind, DateTime ScheduledAtUtc, string? Location, string? VideoLink, string? Participants, string? Minutes);

public sealed record RegulatorDeadlineView(ClockKind Clock, DateOnly? DueDate, int WorkingDaysLeft, bool IsOverdue, bool IsPaused);

/// <summary>One row of the eligibility checklist. <see cref="Passes"/> null means a person has to check it.</summary>
public sealed record EligibilityCheck(EligibilityRule Rule, bool? Passes, string? Detail);

public sealed record RegulatorCaseView(
    Guid Id,
    string TrackingNumber,
    int Version,
    CaseKind Kind,
    ComplaintType? ComplaintType,
    Channel Channel,
    CaseState State,
    LocalizedText StateLabel,
    bool IsClosed,
    int Tier,
    bool IsRestricted,
    bool IsUntimely,
    string ConsumerName,
    string? ConsumerEmail,
    string? ConsumerPhone,
    string? ConsumerNik,
    int? InstitutionId,
    string? InstitutionName,
    string? InstitutionNameAsTyped,
    Sector? Sector,
    string? Product,
    string? IssueCategory,
    string Description,
    long? LossAmount,
    string? RequestedResolution,
    DateOnly? ComplainedToInstitutionOn,
    DateOnly? InstitutionAnsweredOn,
    string? InstitutionAnswer,
    ResponseOutcome? Outcome,
    long? ReliefAmount,
    string? ReferredTo,
    EligibilityRule? FailedRule,
    string? AgreementTerms,
    long? AgreementAmount,
    DateTime SubmittedAtUtc,
    string? AssignedToUserId,
    string? AssigneeName,
    RegulatorDeadlineView? Deadline,
    IReadOnlyList<RegulatorEventView> Events,
    IReadOnlyList<RegulatorMessageView> Messages,
    IReadOnlyList<RegulatorAttachmentView> Attachments,
    IReadOnlyList<MeetingView> Meetings,
    IReadOnlyList<Trigger> AvailableTriggers,
    IReadOnlyList<EligibilityCheck>? Eligibility,
    bool MayClassify,
    bool MayAssignOthers,
    bool MayScheduleMeeting)
{
    public bool IsForwarded => InstitutionId is not null && Events.Any(e => e.Trigger == Trigger.ForwardToInstitution);
}

/// <summary>Read models of the regulator back office. Every read goes through <see cref="CaseAccess.VisibleTo"/>.</summary>
public sealed class RegulatorQueries(
    ComplaintsDbContext db,
    CalendarCache calendars,
    DeadlinePolicies policies,
    IOptions<EligibilityPolicy> eligibility,
    TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Queues say "more than 10,000" rather than count further.</summary>
    public const int MaxCounted = 10_000;

    /// <summary>A name search matching more consumers than this is too broad to list; the first ones are used.</summary>
    public const int MaxConsumerMatches = 500;

    private static readonly CaseState[] OpenStates = CaseLifecycle.States.Where(s => !s.IsTerminal).Select(s => s.State).ToArray();

    private static readonly CaseState[] EscalationStates = [CaseState.EscalationRequested, CaseState.EligibilityReview];

    private static readonly CaseState[] FacilitationStates =
        [CaseState.ClarificationMeeting, CaseState.FacilitationAgreementPending, CaseState.Facilitation];

    private static readonly string[] StaffRoles = [nameof(ActorRole.Agent), nameof(ActorRole.Specialist), nameof(ActorRole.Supervisor)];

    /// <summary>The queue screen: filtered, sorted and paged in SQL.</summary>
    public async Task<QueuePage> QueueAsync(Actor actor, QueueFilter filter, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cases = await FilterAsync(db.Cases.AsNoTracking().VisibleTo(actor), db.Consumers, actor, filter, now, ct);
        // Counting half a million open cases costs a second; nobody pages past 200, so count up to a cap.
        var counted = await cases.Take(MaxCounted + 1).CountAsync(ct);
        var total = Math.Min(counted, MaxCounted);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));

        IOrderedQueryable<Case> sorted = filter.Sort switch
        {
            QueueSort.SubmittedOldest => cases.OrderBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id),
            // Paused and stopped clocks go last on both databases.
            QueueSort.DeadlineSoonest => cases.OrderBy(c => c.Deadline!.DueAtUtc == null).ThenBy(c => c.Deadline!.DueAtUtc).ThenBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id),
            // The tie-breaker runs the same way as the sort, so the (SubmittedAtUtc, Id) index serves the page.
            QueueSort.SubmittedNewest => cases.OrderByDescending(c => c.SubmittedAtUtc).ThenByDescending(c => c.Id),
        };

        var rows = await sorted
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new
            {
                c.TrackingNumber,
                c.Kind,
                c.ComplaintType,
                c.State,
                c.Channel,
                InstitutionName = c.Institution != null ? c.Institution.LegalName : c.InstitutionNameAsTyped,
                c.SubmittedAtUtc,
                DueAtUtc = c.Deadline != null ? c.Deadline.DueAtUtc : null,
                Total = c.Deadline != null ? c.Deadline.TotalWorkingDays : (int?)null,
                Spent = c.Deadline != null ? c.Deadline.SpentWorkingDays : (int?)null,
                c.Tier,
                c.IsRestricted,
                c.AssignedToUserId,
            })
            .ToListAsync(ct);

        var names = await UserNamesAsync(rows.Select(r => r.AssignedToUserId), ct);
        var calendar = await calendars.GetAsync(db, ct);
        var today = WorkingDayCalendar.JakartaDate(now);
        return new QueuePage(
            rows.Select(r =>
            {
                DateOnly? due = r.DueAtUtc is { } d ? WorkingDayCalendar.DueDateOf(d) : null;
                int? left = due is { } dd ? calendar.WorkingDaysLeft(today, dd) : r.Total is { } t ? t - (r.Spent ?? 0) : null;
                return new QueueRow(
                    r.TrackingNumber, r.Kind, r.ComplaintType, r.State, CaseLifecycle.Info(r.State).Label, r.Channel, r.InstitutionName,
                    r.SubmittedAtUtc, due, left, r.DueAtUtc is { } du && now >= du, r.Tier, r.IsRestricted,
                    r.AssignedToUserId is { } id ? names.GetValueOrDefault(id, id) : null);
            }).ToList(),
            page,
            PageSize,
            total,
            counted > MaxCounted);
    }

    private static async Task<IQueryable<Case>> FilterAsync(IQueryable<Case> cases, IQueryable<Consumer> consumers, Actor actor, QueueFilter filter, DateTime now, CancellationToken ct)
    {
        cases = filter.Queue switch
        {
            RegulatorQueue.New => cases.Where(c => c.State == CaseState.Submitted && c.AssignedToUserId == null),
            RegulatorQueue.Mine => cases.Where(c => c.AssignedToUserId == actor.UserId && OpenStates.Contains(c.State)),
            RegulatorQueue.MyTier => cases.Where(c => c.Tier == actor.Tier && OpenStates.Contains(c.State)),
            RegulatorQueue.WithInstitution => cases.Where(c => c.State == CaseState.WithInstitution),
            RegulatorQueue.Overdue => cases.Where(c => c.Deadline!.DueAtUtc < now && OpenStates.Contains(c.State)),
            RegulatorQueue.Escalations => cases.Where(c => EscalationStates.Contains(c.State)),
            RegulatorQueue.Facilitation => cases.Where(c => FacilitationStates.Contains(c.State)),
            RegulatorQueue.AllOpen => cases.Where(c => OpenStates.Contains(c.State)),
        };

        cases = cases.OfKind(filter.Kind);

        if (filter.ComplaintType is { } type)
        {
            cases = cases.Where(c => c.ComplaintType == type);
        }

        if (filter.Sector is { } sector)
        {
            cases = cases.Where(c => c.Sector == sector);
        }

        cases = cases.OfInstitution(filter.InstitutionId);

        if (filter.Channel is { } channel)
        {
            cases = cases.Where(c => c.Channel == channel);
        }

        cases = cases.SubmittedBetween(filter.SubmittedFrom, filter.SubmittedTo);

        return await SearchAsync(cases, consumers, filter.Search, ct);
    }

    /// <summary>One box for every way people identify a case: the kind of term decides the column.</summary>
    private static async Task<IQueryable<Case>> SearchAsync(IQueryable<Case> cases, IQueryable<Consumer> consumers, string? term, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(term))
        {
            return cases;
        }

        term = term.Trim();
        if (TrackingNumber.TryNormalize(term, out var number))
        {
            return cases.Where(c => c.TrackingNumber == number);
        }

        var compact = term.Replace(" ", "", StringComparison.Ordinal).Replace(".", "", StringComparison.Ordinal);
        if (compact.Length == 16 && compact.All(char.IsAsciiDigit))
        {
            return await ByConsumerAsync(cases, consumers.Where(x => x.Nik == compact), ct);
        }

        if (term.Contains('@', StringComparison.Ordinal))
        {
            // Stored as typed; most addresses are typed in lower case. Equality keeps the index usable.
            var lower = term.ToLowerInvariant();
            return await ByConsumerAsync(cases, consumers.Where(x => x.Email == term || x.Email == lower), ct);
        }

        if (PhoneNumber.Normalize(term) is { } phone)
        {
            return await ByConsumerAsync(cases, consumers.Where(x => x.WhatsApp == phone), ct);
        }

        // Names match from their start on the folded, indexed search name: a range scan on both databases.
        var from = Consumer.SearchKey(term);
        if (from.Length == 0)
        {
            return cases.Where(_ => false);
        }

        var to = from + '\uffff';
        return await ByConsumerAsync(cases, consumers.Where(x => string.Compare(x.SearchName, from) >= 0 && string.Compare(x.SearchName, to) < 0), ct);
    }

    /// <summary>Cases of the consumers found by an indexed lookup. Resolved in steps (consumers, then their cases,
    /// then the page) because a planner given "these consumers, newest first" walks the whole date index.</summary>
    private static async Task<IQueryable<Case>> ByConsumerAsync(IQueryable<Case> cases, IQueryable<Consumer> found, CancellationToken ct)
    {
        var consumerIds = await found.Select(x => x.Id).Take(MaxConsumerMatches).ToListAsync(ct);
        var caseIds = await cases.Where(c => consumerIds.Contains(c.ConsumerId)).Select(c => c.Id).Take(MaxConsumerMatches * 4).ToListAsync(ct);
        return cases.Where(c => caseIds.Contains(c.Id));
    }

    /// <summary>The case page, or null when the actor may not see the case.</summary>
    public async Task<RegulatorCaseView?> CaseAsync(Actor actor, string trackingNumber, CancellationToken ct = default)
    {
        if (!TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return null;
        }

        var @case = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Include(c => c.Institution)
            .Include(c => c.Consumer)
            .FirstOrDefaultAsync(c => c.TrackingNumber == number, ct);
        if (@case is null)
        {
            return null;
        }

        var visible = CaseAccess.VisibilitiesFor(actor);
        var events = await db.CaseEvents.AsNoTracking()
            .OfCase(@case.Id, visible)
            .ToListAsync(ct);
        var messages = await db.CaseMessages.AsNoTracking()
            .OfCase(@case.Id, visible)
            .ToListAsync(ct);
        var attachments = await db.Attachments.AsNoTracking()
            .OfCase(@case.Id, visible)
            .Select(a => new RegulatorAttachmentView(a.Id, a.FileName, a.SizeBytes, a.UploadedAtUtc, a.UploadedByRole, a.Visibility))
            .ToListAsync(ct);
        var meetings = await db.CaseMeetings.AsNoTracking()
            .Where(m => m.CaseId == @case.Id)
            .OrderBy(m => m.ScheduledAtUtc)
            .Select(m => new MeetingView(m.Id, m.Kind, m.ScheduledAtUtc, m.Location, m.VideoLink, m.Participants, m.Minutes))
            .ToListAsync(ct);

        var names = await UserNamesAsync(
            events.Select(e => e.ActorId).Concat(messages.Select(m => m.AuthorId)).Append(@case.AssignedToUserId), ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        RegulatorDeadlineView? deadline = @case.Deadline is { } d
            ? new(d.Kind, d.DueDate, d.WorkingDaysLeft(now, calendar), d.IsOverdue(now), !d.IsRunning)
            : null;
        var triggers = CaseLifecycle.AvailableTriggers(@case, new TransitionContext(actor, now, calendar, await policies.GetAsync(db, ct)));
        var eligibility = @case.State is CaseState.EscalationRequested or CaseState.EligibilityReview
            ? await EligibilityAsync(actor, @case, events, calendar, ct)
            : null;
        var consumer = @case.Consumer!;

        return new RegulatorCaseView(
            @case.Id, @case.TrackingNumber, @case.Version, @case.Kind, @case.ComplaintType, @case.Channel, @case.State,
            @case.StateInfo.Label, @case.StateInfo.IsTerminal, @case.Tier, @case.IsRestricted, @case.IsUntimely,
            consumer.Name, consumer.Email, consumer.WhatsApp, consumer.Nik,
            @case.InstitutionId, @case.Institution?.LegalName, @case.InstitutionNameAsTyped,
            @case.Sector, @case.Product, @case.IssueCategory, @case.Description, @case.LossAmount, @case.RequestedResolution,
            @case.ComplainedToInstitutionOn, @case.InstitutionAnsweredOn, @case.InstitutionAnswer,
            @case.Outcome, @case.ReliefAmount, @case.ReferredTo, @case.FailedRule, @case.AgreementTerms, @case.AgreementAmount,
            @case.SubmittedAtUtc, @case.AssignedToUserId,
            @case.AssignedToUserId is { } assignee ? names.GetValueOrDefault(assignee, assignee) : null,
            deadline,
            events.Select(e => new RegulatorEventView(e.Sequence, e.OccurredAtUtc, e.ActorRole,
                e.ActorId is { } a ? names.GetValueOrDefault(a) : null, e.Trigger, e.FromState, e.ToState, e.Note, e.Visibility)).ToList(),
            messages.Select(m => new RegulatorMessageView(m.SentAtUtc, m.AuthorRole,
                m.AuthorId is { } a ? names.GetValueOrDefault(a) : null, m.Body, m.Visibility)).ToList(),
            attachments,
            meetings,
            triggers,
            eligibility,
            ClassifyCase.MayClassify(@case, actor),
            actor.Role == ActorRole.Supervisor,
            ScheduleMeeting.KindFor(@case.State) is not null && actor.Tier >= 2);
    }

    /// <summary>The DOMAIN.md checklist, computed where the data allows it.</summary>
    private async Task<IReadOnlyList<EligibilityCheck>> EligibilityAsync(
        Actor actor, Case @case, IReadOnlyList<CaseEvent> events, WorkingDayCalendar calendar, CancellationToken ct)
    {
        var rules = eligibility.Value;
        var cap = rules.CapFor(@case.Sector);
        var loss = new EligibilityCheck(EligibilityRule.LossWithinCap,
            @case.LossAmount is { } amount ? amount <= cap : null,
            (@case.LossAmount is { } a ? Formats.Rupiah(a) : "?") + " / " + Formats.Rupiah(cap));

        var answered = events.LastOrDefault(e => e.Trigger == Trigger.Respond);
        var answeredOrLate = new EligibilityCheck(EligibilityRule.InstitutionAnsweredOrLate,
            answered is not null || @case.IsUntimely || @case.InstitutionAnsweredOn is not null, null);

        var asked = events.LastOrDefault(e => e.ToState == CaseState.EscalationRequested);
        var answerDate = answered is not null ? WorkingDayCalendar.JakartaDate(answered.OccurredAtUtc) : @case.InstitutionAnsweredOn;
        EligibilityCheck within;
        if (answerDate is { } from && asked is not null)
        {
            var days = calendar.WorkingDaysBetween(from, WorkingDayCalendar.JakartaDate(asked.OccurredAtUtc));
            within = new(EligibilityRule.AskedWithin60WorkingDays, days <= rules.EscalationWindowWorkingDays,
                days.ToString(System.Globalization.CultureInfo.CurrentCulture));
        }
        else
        {
            // A late institution gave no answer to count from: the consumer may escalate at once.
            within = new(EligibilityRule.AskedWithin60WorkingDays, @case.IsUntimely && asked is not null ? true : null, null);
        }

        var court = new EligibilityCheck(EligibilityRule.NotInCourtArbitrationOrLaps, null, null);

        var facilitatedBefore = @case.InstitutionId is { } institution && await db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.Id != @case.Id && c.ConsumerId == @case.ConsumerId && c.InstitutionId == institution)
            .AnyAsync(c => db.CaseEvents.Any(e => e.CaseId == c.Id
                && (e.ToState == CaseState.ClarificationMeeting || e.ToState == CaseState.Facilitation)), ct);
        var never = new EligibilityCheck(EligibilityRule.NeverFacilitatedBefore, !facilitatedBefore, null);

        return [loss, answeredOrLate, within, court, never];
    }

    /// <summary>Institutions a case can be forwarded to.</summary>
    public async Task<IReadOnlyList<Choice>> InstitutionChoicesAsync(CancellationToken ct = default) =>
        await db.Institutions.AsNoTracking()
            .Where(i => i.Status != InstitutionStatus.Revoked)
            .OrderBy(i => i.LegalName)
            .Select(i => new Choice(i.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), i.LegalName))
            .ToListAsync(ct);

    /// <summary>Regulator staff a supervisor may assign a case to.</summary>
    public async Task<IReadOnlyList<Choice>> StaffChoicesAsync(CancellationToken ct = default)
    {
        var roleIds = db.Roles.Where(r => StaffRoles.Contains(r.Name!)).Select(r => r.Id);
        return await db.Users.AsNoTracking()
            .Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)))
            .OrderBy(u => u.DisplayName)
            .Select(u => new Choice(u.Id, u.DisplayName))
            .ToListAsync(ct);
    }

    /// <summary>A file of a case the actor may see, or null (404).</summary>
    public async Task<Domain.Cases.Attachment?> AttachmentAsync(Actor actor, string trackingNumber, Guid attachmentId, CancellationToken ct = default)
    {
        if (!TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return null;
        }

        var visible = CaseAccess.VisibilitiesFor(actor);
        var caseIds = db.Cases.VisibleTo(actor).Where(c => c.TrackingNumber == number).Select(c => c.Id);
        return await db.Attachments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == attachmentId && caseIds.Contains(a.CaseId) && visible.Contains(a.Visibility), ct);
    }

    private async Task<Dictionary<string, string>> UserNamesAsync(IEnumerable<string?> ids, CancellationToken ct)
    {
        var wanted = ids.OfType<string>().Distinct().ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        return await db.Users.AsNoTracking()
            .Where(u => wanted.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
    }
}
