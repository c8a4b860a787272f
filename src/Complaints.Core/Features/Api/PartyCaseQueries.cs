using Complaints.Core.Data;
using Complaints.Core.Domain;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Api;

/// <summary>Filters of the API's case list; dates are Jakarta calendar days, both ends included.</summary>
public sealed record PartyCaseFilter
{
    public CaseState? State { get; init; }
    public CaseKind? Kind { get; init; }
    public int? InstitutionId { get; init; }
    public DateOnly? SubmittedFrom { get; init; }
    public DateOnly? SubmittedTo { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

/// <summary>A deadline as a date and working days; a paused clock has no date, only the days it has left.</summary>
public sealed record PartyDeadlineView(ClockKind Clock, DateOnly? DueDate, int WorkingDaysLeft, bool IsOverdue);

public sealed record PartyCaseListItem(
    string TrackingNumber,
    CaseKind Kind,
    ComplaintType? ComplaintType,
    CaseState State,
    LocalizedText Label,
    string? Institution,
    DateTime SubmittedAtUtc,
    PartyDeadlineView? Deadline,
    bool IsUntimely,
    int Version);

public sealed record PartyCaseList(IReadOnlyList<PartyCaseListItem> Items, int Page, int PageSize, int Total);

/// <summary>A trigger the actor may fire now; <see cref="Inputs"/> names the request fields it takes besides the note.</summary>
public sealed record PartyActionView(Trigger Trigger, bool NeedsReason, IReadOnlyList<string> Inputs);

public sealed record PartyCaseActions(string TrackingNumber, CaseState State, LocalizedText Label, int Version, IReadOnlyList<PartyActionView> Actions);

public sealed record PartyEventView(int Sequence, DateTime OccurredAtUtc, ActorRole ActorRole, Trigger Trigger, CaseState? FromState, CaseState State, LocalizedText Label, string? Note, Visibility Visibility);

public sealed record PartyAttachmentView(Guid Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAtUtc, ActorRole UploadedByRole, Visibility Visibility);

public sealed record PartyCaseView(
    string TrackingNumber,
    CaseKind Kind,
    ComplaintType? ComplaintType,
    Channel Channel,
    CaseState State,
    LocalizedText Label,
    int Step,
    bool IsClosed,
    int Tier,
    bool IsRestricted,
    bool IsUntimely,
    int? InstitutionId,
    string? Institution,
    Sector? Sector,
    string? Product,
    string? IssueCategory,
    string Description,
    long? LossAmount,
    string? RequestedResolution,
    ResponseOutcome? Outcome,
    long? ReliefAmount,
    DateTime SubmittedAtUtc,
    DateTime? ForwardedAtUtc,
    DateTime? ClosedAtUtc,
    PartyDeadlineView? Deadline,
    IReadOnlyList<PartyEventView> Events,
    IReadOnlyList<PartyAttachmentView> Attachments,
    IReadOnlyList<PartyActionView> AvailableActions,
    int Version);

/// <summary>
/// What an institution's system or a regulator tool sees of cases through the API: the list, one case, and
/// the actions it may take now. Every read goes through <see cref="CaseAccess.VisibleTo"/>; events and files
/// through <see cref="CaseAccess.VisibilitiesFor"/>.
/// </summary>
public sealed class PartyCaseQueries(ComplaintsDbContext db, CalendarCache calendars, DeadlinePolicies policies, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    /// <summary>The request fields each trigger reads (see <see cref="PerformCaseAction.Input"/>), besides the note.</summary>
    private static readonly Dictionary<Trigger, string[]> InputsByTrigger = new()
    {
        [Trigger.ForwardToInstitution] = ["institutionId"],
        [Trigger.Respond] = ["outcome", "amount"],
        [Trigger.MarkDuplicate] = ["duplicateOf"],
        [Trigger.ReferExternal] = ["referredTo"],
        [Trigger.CloseIneligible] = ["failedRule"],
        [Trigger.ProposeFacilitation] = ["limitedFacilitation"],
        [Trigger.RecordAgreement] = ["terms", "amount"],
    };

    public async Task<PartyCaseList> ListAsync(PartyCaseFilter filter, Actor actor, CancellationToken ct = default)
    {
        var page = Math.Max(1, filter.Page);
        var pageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var cases = db.Cases.AsNoTracking().VisibleTo(actor);
        if (filter.State is { } state)
        {
            cases = cases.Where(c => c.State == state);
        }

        cases = cases.OfKind(filter.Kind).OfInstitution(filter.InstitutionId).SubmittedBetween(filter.SubmittedFrom, filter.SubmittedTo);

        var total = await cases.CountAsync(ct);
        var rows = await cases
            .OrderByDescending(c => c.SubmittedAtUtc)
            .ThenByDescending(c => c.Id)
            .Skip((page - 1) * pageSize)
            .Take(pageSize)
            .Select(c => new
            {
                c.TrackingNumber,
                c.Kind,
                c.ComplaintType,
                c.State,
                Institution = c.Institution != null ? c.Institution.LegalName : c.InstitutionNameAsTyped,
                c.SubmittedAtUtc,
                c.Deadline,
                c.IsUntimely,
                c.Version,
            })
            .ToListAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        var items = rows
            .Select(r => new PartyCaseListItem(
                r.TrackingNumber, r.Kind, r.ComplaintType, r.State, CaseLifecycle.Info(r.State).Label, r.Institution, r.SubmittedAtUtc,
                DeadlineOf(r.Deadline, now, calendar), r.IsUntimely, r.Version))
            .ToList();
        return new PartyCaseList(items, page, pageSize, total);
    }

    /// <summary>One case as the actor sees it, or null when it is not visible to them (a 404).</summary>
    public async Task<PartyCaseView?> GetAsync(string trackingNumber, Actor actor, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Include(c => c.Institution)
            .FirstOrDefaultAsync(c => c.TrackingNumber == trackingNumber, ct);
        if (@case is null)
        {
            return null;
        }

        var visibilities = CaseAccess.VisibilitiesFor(actor);
        var events = await db.CaseEvents.AsNoTracking()
            .OfCase(@case.Id, visibilities)
            .Select(e => new { e.Sequence, e.OccurredAtUtc, e.ActorRole, e.Trigger, e.FromState, e.ToState, e.Note, e.Visibility })
            .ToListAsync(ct);
        var attachments = await db.Attachments.AsNoTracking()
            .OfCase(@case.Id, visibilities)
            .Select(a => new PartyAttachmentView(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc, a.UploadedByRole, a.Visibility))
            .ToListAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        return new PartyCaseView(
            @case.TrackingNumber,
            @case.Kind,
            @case.ComplaintType,
            @case.Channel,
            @case.State,
            @case.StateInfo.Label,
            @case.Step,
            @case.StateInfo.IsTerminal,
            @case.Tier,
            @case.IsRestricted,
            @case.IsUntimely,
            @case.InstitutionId,
            @case.Institution?.LegalName ?? @case.InstitutionNameAsTyped,
            @case.Sector,
            @case.Product,
            @case.IssueCategory,
            @case.Description,
            @case.LossAmount,
            @case.RequestedResolution,
            @case.Outcome,
            @case.ReliefAmount,
            @case.SubmittedAtUtc,
            @case.ForwardedAtUtc,
            @case.ClosedAtUtc,
            DeadlineOf(@case.Deadline, now, calendar),
            events.Select(e => new PartyEventView(e.Sequence, e.OccurredAtUtc, e.ActorRole, e.Trigger, e.FromState, e.ToState, CaseLifecycle.Info(e.ToState).Label, e.Note, e.Visibility)).ToList(),
            attachments,
            ActionsFor(@case, new TransitionContext(actor, now, calendar, await policies.GetAsync(db, ct))),
            @case.Version);
    }

    /// <summary>The triggers the actor may fire on the case now, or null when the case is not visible to them.</summary>
    public async Task<PartyCaseActions?> GetActionsAsync(string trackingNumber, Actor actor, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().VisibleTo(actor)
            .FirstOrDefaultAsync(c => c.TrackingNumber == trackingNumber, ct);
        if (@case is null)
        {
            return null;
        }

        var context = new TransitionContext(actor, clock.GetUtcNow().UtcDateTime, await calendars.GetAsync(db, ct), await policies.GetAsync(db, ct));
        return new PartyCaseActions(@case.TrackingNumber, @case.State, @case.StateInfo.Label, @case.Version, ActionsFor(@case, context));
    }

    private static List<PartyActionView> ActionsFor(Case @case, TransitionContext context) =>
        CaseLifecycle.AvailableTriggers(@case, context)
            .Select(trigger =>
            {
                var row = CaseLifecycle.RowsFor(@case.State, trigger)
                    .First(r => @case.MayAct(r, context.Actor) && (r.Guard?.Holds(@case, context) ?? true));
                // The institution's answer is a message to the consumer: the aggregate requires it like a reason.
                var needsReason = row.NeedsReason || trigger == Trigger.Respond;
                return new PartyActionView(trigger, needsReason, InputsByTrigger.GetValueOrDefault(trigger) ?? []);
            })
            .ToList();

    private static PartyDeadlineView? DeadlineOf(DeadlineClock? deadline, DateTime nowUtc, WorkingDayCalendar calendar) =>
        deadline is null
            ? null
            : new PartyDeadlineView(deadline.Kind, deadline.DueDate, deadline.WorkingDaysLeft(nowUtc, calendar), deadline.IsOverdue(nowUtc));
}
