using Complaints.Core.Data;
using Complaints.Core.Domain;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Identity;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>The dashboard and CSV filters. <see cref="State"/> null means every case still open.</summary>
public sealed record InstitutionCaseFilter
{
    public CaseState? State { get; init; }

    /// <summary>Closed cases too (ignored when <see cref="State"/> is set).</summary>
    public bool IncludeClosed { get; init; }

    public string? Product { get; init; }

    public string? IssueCategory { get; init; }

    /// <summary>Jakarta dates, inclusive.</summary>
    public DateOnly? SubmittedFrom { get; init; }

    public DateOnly? SubmittedTo { get; init; }

    public bool? Untimely { get; init; }
}

public sealed record InstitutionDeadlineView(ClockKind Clock, DateOnly? DueDate, int WorkingDaysLeft, bool IsOverdue, bool IsPaused);

public sealed record InstitutionCaseRow(
    string TrackingNumber,
    string ConsumerName,
    string? MaskedNik,
    string? MaskedPhone,
    CaseState State,
    LocalizedText Label,
    string? Product,
    string? IssueCategory,
    DateTime SubmittedAtUtc,
    InstitutionDeadlineView? Deadline,
    bool IsUntimely);

public sealed record InstitutionCasePage(IReadOnlyList<InstitutionCaseRow> Rows, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record InstitutionCsvRow(
    string TrackingNumber,
    DateTime SubmittedAtUtc,
    CaseState State,
    DateOnly? DeadlineDate,
    int? WorkingDaysLeft,
    bool IsUntimely,
    ResponseOutcome? Outcome,
    long? ReliefAmount);

public sealed record InstitutionEventView(int Sequence, DateTime OccurredAtUtc, ActorRole ActorRole, Trigger Trigger, CaseState? FromState, CaseState State, LocalizedText Label, string? Note);

public sealed record InstitutionAttachmentView(Guid Id, string FileName, long SizeBytes, DateTime UploadedAtUtc, ActorRole UploadedByRole);

public sealed record InstitutionMessageView(DateTime SentAtUtc, ActorRole AuthorRole, string Body);

public sealed record InstitutionMeetingView(MeetingKind Kind, DateTime ScheduledAtUtc, string? Location, string? VideoLink);

public sealed record InstitutionCaseView(
    Guid Id,
    string TrackingNumber,
    CaseKind Kind,
    Channel Channel,
    CaseState State,
    LocalizedText Label,
    bool IsClosed,
    bool IsUntimely,
    bool Extended,
    string ConsumerName,
    string? MaskedNik,
    string? MaskedPhone,
    string? Product,
    string? IssueCategory,
    string Description,
    long? LossAmount,
    string? RequestedResolution,
    DateTime SubmittedAtUtc,
    DateTime? ForwardedAtUtc,
    InstitutionDeadlineView? Deadline,
    ResponseOutcome? Outcome,
    long? ReliefAmount,
    IReadOnlyList<InstitutionEventView> Events,
    IReadOnlyList<InstitutionAttachmentView> Attachments,
    IReadOnlyList<InstitutionMessageView> Messages,
    IReadOnlyList<Trigger> AvailableActions,
    int Version);

public sealed record InstitutionTraceRow(string TrackingNumber, CaseState State, LocalizedText Label, DateTime SubmittedAtUtc, DateTime EscalatedAtUtc, ResponseOutcome? Outcome);

public sealed record InstitutionTracePage(IReadOnlyList<InstitutionTraceRow> Rows, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record InstitutionTraceView(
    string TrackingNumber,
    CaseState State,
    LocalizedText Label,
    bool IsClosed,
    DateTime SubmittedAtUtc,
    ResponseOutcome? Outcome,
    long? ReliefAmount,
    EligibilityRule? FailedRule,
    bool LimitedFacilitation,
    string? AgreementTerms,
    long? AgreementAmount,
    InstitutionDeadlineView? Deadline,
    IReadOnlyList<InstitutionEventView> Path,
    IReadOnlyList<InstitutionMeetingView> Meetings);

public sealed record InstitutionUserRow(string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, bool IsLocked, DateTime CreatedAtUtc);

public sealed record InstitutionContactsView(int Id, string LegalName, string? ContactEmail, string? ContactPhone);

/// <summary>
/// What the institution portal shows. Every case read goes through <see cref="CaseAccess.VisibleTo"/>, so an
/// institution admin (who manages accounts, not cases) and another institution's officer get nothing.
/// </summary>
public sealed class InstitutionQueries(ComplaintsDbContext db, CalendarCache calendars, DeadlinePolicies policies, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>States the regulator works after the institution: a case that reached one went on to the regulator.</summary>
    public static readonly CaseState[] EscalatedStates =
    [
        CaseState.EscalationRequested, CaseState.EligibilityReview, CaseState.ClarificationMeeting,
        CaseState.FacilitationAgreementPending, CaseState.Facilitation,
    ];

    /// <summary>The states a case can be in while its institution sees it (the dashboard's state filter).</summary>
    public static readonly IReadOnlyList<CaseState> VisibleStates =
    [
        CaseState.WithInstitution, CaseState.AwaitingConsumerDocuments, CaseState.ConsumerReview,
        CaseState.EscalationRequested, CaseState.EligibilityReview, CaseState.ClarificationMeeting,
        CaseState.FacilitationAgreementPending, CaseState.Facilitation,
        CaseState.ClosedResolved, CaseState.ClosedNoFeedback, CaseState.ClosedAgreement, CaseState.ClosedNoAgreement,
        CaseState.ClosedIneligible, CaseState.ReferredToLaps, CaseState.ClosedWithdrawn,
    ];

    private static readonly CaseState[] OpenStates = CaseLifecycle.States.Where(s => !s.IsTerminal).Select(s => s.State).ToArray();

    public async Task<InstitutionCasePage> CasesAsync(Actor actor, InstitutionCaseFilter filter, int page, CancellationToken ct = default)
    {
        var query = Filtered(actor, filter);
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await Ordered(query)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new
            {
                c.TrackingNumber,
                ConsumerName = c.Consumer!.Name,
                c.Consumer.Nik,
                c.Consumer.WhatsApp,
                c.State,
                c.Product,
                c.IssueCategory,
                c.SubmittedAtUtc,
                c.Deadline,
                c.IsUntimely,
            })
            .ToListAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        return new(
            rows.Select(r => new InstitutionCaseRow(
                r.TrackingNumber,
                r.ConsumerName,
                r.Nik is null ? null : NikValidator.Mask(r.Nik),
                r.WhatsApp is null ? null : PhoneNumber.Mask(r.WhatsApp),
                r.State,
                CaseLifecycle.Info(r.State).Label,
                r.Product,
                r.IssueCategory,
                r.SubmittedAtUtc,
                DeadlineOf(r.Deadline, now, calendar),
                r.IsUntimely)).ToList(),
            page,
            PageSize,
            total);
    }

    /// <summary>The CSV export: streamed row by row from the database, never all rows in memory.</summary>
    public async IAsyncEnumerable<InstitutionCsvRow> CsvAsync(Actor actor, InstitutionCaseFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        var rows = Ordered(Filtered(actor, filter))
            .Select(c => new { c.TrackingNumber, c.SubmittedAtUtc, c.State, c.Deadline, c.IsUntimely, c.Outcome, c.ReliefAmount })
            .AsAsyncEnumerable()
            .WithCancellation(ct);
        await foreach (var r in rows)
        {
            var deadline = DeadlineOf(r.Deadline, now, calendar);
            yield return new(r.TrackingNumber, r.SubmittedAtUtc, r.State, deadline?.DueDate, deadline?.WorkingDaysLeft, r.IsUntimely, r.Outcome, r.ReliefAmount);
        }
    }

    public async Task<InstitutionCaseView?> CaseAsync(Actor actor, string trackingNumber, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Include(c => c.Consumer)
            .FirstOrDefaultAsync(c => c.TrackingNumber == trackingNumber, ct);
        if (@case is null)
        {
            return null;
        }

        var visible = CaseAccess.VisibilitiesFor(actor);
        var events = await EventsAsync(@case.Id, visible, 0, ct);
        var attachments = await db.Attachments.AsNoTracking()
            .OfCase(@case.Id, visible)
            .Select(a => new InstitutionAttachmentView(a.Id, a.FileName, a.SizeBytes, a.UploadedAtUtc, a.UploadedByRole))
            .ToListAsync(ct);
        var messages = await db.CaseMessages.AsNoTracking()
            .OfCase(@case.Id, visible)
            .Select(m => new InstitutionMessageView(m.SentAtUtc, m.AuthorRole, m.Body))
            .ToListAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        var actions = CaseLifecycle.AvailableTriggers(@case, new TransitionContext(actor, now, calendar, await policies.GetAsync(db, ct)));
        var consumer = @case.Consumer!;
        return new InstitutionCaseView(
            @case.Id,
            @case.TrackingNumber,
            @case.Kind,
            @case.Channel,
            @case.State,
            @case.StateInfo.Label,
            @case.StateInfo.IsTerminal,
            @case.IsUntimely,
            @case.InstitutionExtended,
            consumer.Name,
            consumer.Nik is null ? null : NikValidator.Mask(consumer.Nik),
            consumer.WhatsApp is null ? null : PhoneNumber.Mask(consumer.WhatsApp),
            @case.Product,
            @case.IssueCategory,
            @case.Description,
            @case.LossAmount,
            @case.RequestedResolution,
            @case.SubmittedAtUtc,
            @case.ForwardedAtUtc,
            DeadlineOf(@case.Deadline, now, calendar),
            @case.Outcome,
            @case.ReliefAmount,
            events,
            attachments,
            messages,
            actions,
            @case.Version);
    }

    /// <summary>The institution's cases that went on to the regulator, most recently escalated first.</summary>
    public async Task<InstitutionTracePage> TracesAsync(Actor actor, int page, CancellationToken ct = default)
    {
        var query = db.Cases.AsNoTracking().VisibleTo(actor)
            .Select(c => new
            {
                Case = c,
                EscalatedAt = db.CaseEvents
                    .Where(e => e.CaseId == c.Id && EscalatedStates.Contains(e.ToState))
                    .Min(e => (DateTime?)e.OccurredAtUtc),
            })
            .Where(x => x.EscalatedAt != null);
        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await query
            .OrderByDescending(x => x.EscalatedAt)
            .ThenBy(x => x.Case.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(x => new { x.Case.TrackingNumber, x.Case.State, x.Case.SubmittedAtUtc, x.EscalatedAt, x.Case.Outcome })
            .ToListAsync(ct);
        return new(
            rows.Select(r => new InstitutionTraceRow(r.TrackingNumber, r.State, CaseLifecycle.Info(r.State).Label, r.SubmittedAtUtc, r.EscalatedAt!.Value, r.Outcome)).ToList(),
            page,
            PageSize,
            total);
    }

    /// <summary>One escalated case from the institution's answer on: eligibility, meetings, facilitation, outcome.</summary>
    public async Task<InstitutionTraceView?> TraceAsync(Actor actor, string trackingNumber, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.TrackingNumber == trackingNumber
                && db.CaseEvents.Any(e => e.CaseId == c.Id && EscalatedStates.Contains(e.ToState)))
            .FirstOrDefaultAsync(ct);
        if (@case is null)
        {
            return null;
        }

        // The path starts at the institution's answer, or at the escalation when it never answered in time.
        var start = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == @case.Id && (e.Trigger == Trigger.Respond || EscalatedStates.Contains(e.ToState)))
            .MinAsync(e => (int?)e.Sequence, ct) ?? 0;
        var path = await EventsAsync(@case.Id, CaseAccess.VisibilitiesFor(actor), start, ct);
        // Meetings are held with both parties: the institution sees when and where, not the regulator's minutes.
        var meetings = await db.CaseMeetings.AsNoTracking()
            .Where(m => m.CaseId == @case.Id)
            .OrderBy(m => m.ScheduledAtUtc)
            .Select(m => new InstitutionMeetingView(m.Kind, m.ScheduledAtUtc, m.Location, m.VideoLink))
            .ToListAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        return new InstitutionTraceView(
            @case.TrackingNumber,
            @case.State,
            @case.StateInfo.Label,
            @case.StateInfo.IsTerminal,
            @case.SubmittedAtUtc,
            @case.Outcome,
            @case.ReliefAmount,
            @case.FailedRule,
            @case.LimitedFacilitation,
            @case.AgreementTerms,
            @case.AgreementAmount,
            DeadlineOf(@case.Deadline, now, calendar),
            path,
            meetings);
    }

    /// <summary>The institution's own accounts, for its admin.</summary>
    public async Task<IReadOnlyList<InstitutionUserRow>> UsersAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.InstitutionAdmin || actor.InstitutionId is not { } institutionId)
        {
            return [];
        }

        var users = await db.Users.AsNoTracking()
            .Where(u => u.InstitutionId == institutionId)
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email)
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.LockoutEnd, u.CreatedAtUtc })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        return users.Select(u => new InstitutionUserRow(
            u.Id,
            u.Email ?? "",
            u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
            u.LockoutEnd is { } end && end > now,
            u.CreatedAtUtc)).ToList();
    }

    public async Task<InstitutionContactsView?> ContactsAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.InstitutionAdmin || actor.InstitutionId is not { } institutionId)
        {
            return null;
        }

        return await db.Institutions.AsNoTracking()
            .Where(i => i.Id == institutionId)
            .Select(i => new InstitutionContactsView(i.Id, i.LegalName, i.ContactEmail, i.ContactPhone))
            .FirstOrDefaultAsync(ct);
    }

    private IQueryable<Case> Filtered(Actor actor, InstitutionCaseFilter filter)
    {
        var query = db.Cases.AsNoTracking().VisibleTo(actor);
        if (filter.State is { } state)
        {
            query = query.Where(c => c.State == state);
        }
        else if (!filter.IncludeClosed)
        {
            query = query.Where(c => OpenStates.Contains(c.State));
        }

        if (!string.IsNullOrWhiteSpace(filter.Product))
        {
            query = query.Where(c => c.Product == filter.Product);
        }

        if (!string.IsNullOrWhiteSpace(filter.IssueCategory))
        {
            query = query.Where(c => c.IssueCategory == filter.IssueCategory);
        }

        query = query.SubmittedBetween(filter.SubmittedFrom, filter.SubmittedTo);

        if (filter.Untimely is { } untimely)
        {
            query = query.Where(c => c.IsUntimely == untimely);
        }

        return query;
    }

    /// <summary>Overdue first (their due dates are the earliest), then by due date; paused or clockless last.</summary>
    private static IOrderedQueryable<Case> Ordered(IQueryable<Case> query) =>
        query
            .OrderBy(c => c.Deadline!.DueAtUtc == null)
            .ThenBy(c => c.Deadline!.DueAtUtc)
            .ThenBy(c => c.SubmittedAtUtc)
            .ThenBy(c => c.Id);

    private async Task<List<InstitutionEventView>> EventsAsync(Guid caseId, Visibility[] visible, int fromSequence, CancellationToken ct)
    {
        var events = await db.CaseEvents.AsNoTracking()
            .OfCase(caseId, visible)
            .Where(e => e.Sequence >= fromSequence)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.ActorRole, e.Trigger, e.FromState, e.ToState, e.Note })
            .ToListAsync(ct);
        return events.Select(e => new InstitutionEventView(e.Sequence, e.OccurredAtUtc, e.ActorRole, e.Trigger, e.FromState, e.ToState, CaseLifecycle.Info(e.ToState).Label, e.Note)).ToList();
    }

    private static InstitutionDeadlineView? DeadlineOf(DeadlineClock? deadline, DateTime now, WorkingDayCalendar calendar) =>
        deadline is null
            ? null
            : new(deadline.Kind, deadline.DueDate, deadline.WorkingDaysLeft(now, calendar), deadline.IsOverdue(now), !deadline.IsRunning);
}
