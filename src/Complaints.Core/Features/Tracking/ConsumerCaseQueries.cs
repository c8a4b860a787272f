using Complaints.Core.Data;
using Complaints.Core.Domain;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Tracking;

public sealed record ConsumerEventView(DateTime OccurredAtUtc, ActorRole ActorRole, Trigger Trigger, CaseState State, LocalizedText Label, string? Note);

public sealed record DeadlineView(ClockKind Clock, DateOnly DueDate, int WorkingDaysLeft, bool IsOverdue, bool ConsumerMustAct);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long SizeBytes, DateTime UploadedAtUtc);

public sealed record ConsumerCaseView(
    Guid Id,
    string TrackingNumber,
    CaseKind Kind,
    Channel Channel,
    CaseState State,
    LocalizedText Label,
    int Step,
    bool IsClosed,
    bool IsUntimely,
    string? InstitutionName,
    Sector? Sector,
    DateTime SubmittedAtUtc,
    DeadlineView? Deadline,
    IReadOnlyList<ConsumerEventView> Events,
    IReadOnlyList<AttachmentView> Attachments,
    IReadOnlyList<Trigger> AvailableActions,
    int Version,
    CaseOutcomeView? Outcome = null);

/// <summary>What the case gave the consumer: the institution's answer and, after facilitation, the agreement.</summary>
public sealed record CaseOutcomeView(ResponseOutcome? Response, long? ReliefAmount, string? AgreementTerms, long? AgreementAmount);

/// <summary>What the consumer sees of a case: the tracking page and the API's GET.</summary>
public sealed class ConsumerCaseQueries(ComplaintsDbContext db, CalendarCache calendars, DeadlinePolicies policies, TimeProvider clock)
{
    public async Task<ConsumerCaseView?> GetAsync(Guid caseId, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking()
            .Include(c => c.Institution)
            .FirstOrDefaultAsync(c => c.Id == caseId, ct);
        if (@case is null)
        {
            return null;
        }

        var visible = CaseAccess.VisibilitiesFor(Actor.ForConsumer(@case.ConsumerId));
        var events = await db.CaseEvents.AsNoTracking()
            .OfCase(caseId, visible)
            .ToListAsync(ct);
        var attachments = await db.Attachments.AsNoTracking()
            .OfCase(caseId, visible)
            .Select(a => new AttachmentView(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc))
            .ToListAsync(ct);

        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        DeadlineView? deadline = null;
        if (@case.Deadline is { DueDate: { } due } clockState)
        {
            deadline = new(clockState.Kind, due, clockState.WorkingDaysLeft(now, calendar), clockState.IsOverdue(now),
                clockState.Kind is ClockKind.ConsumerDocuments or ClockKind.ConsumerDecision or ClockKind.FacilitationSignature);
        }

        var consumer = Actor.ForConsumer(@case.ConsumerId);
        var actions = CaseLifecycle.AvailableTriggers(@case, new TransitionContext(consumer, now, calendar, await policies.GetAsync(db, ct)));
        return new ConsumerCaseView(
            @case.Id,
            @case.TrackingNumber,
            @case.Kind,
            @case.Channel,
            @case.State,
            @case.StateInfo.Label,
            @case.Step,
            @case.StateInfo.IsTerminal,
            @case.IsUntimely,
            @case.Institution?.LegalName ?? @case.InstitutionNameAsTyped,
            @case.Sector,
            @case.SubmittedAtUtc,
            deadline,
            events.Select(e => new ConsumerEventView(e.OccurredAtUtc, e.ActorRole, e.Trigger, e.ToState, CaseLifecycle.Info(e.ToState).Label, e.Note)).ToList(),
            attachments,
            actions,
            @case.Version,
            @case.Outcome is null && @case.AgreementTerms is null
                ? null
                : new CaseOutcomeView(@case.Outcome, @case.ReliefAmount, @case.AgreementTerms, @case.AgreementAmount));
    }
}
