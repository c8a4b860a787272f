using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Api;

public sealed record PartyMessageView(DateTime SentAtUtc, ActorRole AuthorRole, bool IsOwn, string Body, Visibility Visibility);

public sealed record PartyMessagePage(IReadOnlyList<PartyMessageView> Items, int Page, int PageSize, int Total);

public sealed record PartyMeetingView(Guid Id, MeetingKind Kind, DateTime ScheduledAtUtc, string? Location, string? VideoLink, string? Participants, string? Minutes);

/// <summary>Read models of the API's case work (messages, meetings). Every read goes through
/// <see cref="CaseAccess.VisibleTo"/>; messages through the caller's visibilities.</summary>
public sealed class PartyCaseWorkQueries(ComplaintsDbContext db)
{
    public const int MaxPageSize = 100;

    /// <summary>The messages the actor may see on the case, oldest first; null when the case is not visible.</summary>
    public async Task<PartyMessagePage?> MessagesAsync(string trackingNumber, Actor actor, int page, int pageSize, CancellationToken ct = default)
    {
        var caseId = await CaseIdAsync(trackingNumber, actor, ct);
        if (caseId is null)
        {
            return null;
        }

        var visible = CaseAccess.VisibilitiesFor(actor);
        var query = db.CaseMessages.AsNoTracking().Where(m => m.CaseId == caseId && visible.Contains(m.Visibility));
        var total = await query.CountAsync(ct);
        var rows = await query
            .OrderBy(m => m.SentAtUtc).ThenBy(m => m.Id)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(m => new { m.SentAtUtc, m.AuthorRole, m.AuthorId, m.Body, m.Visibility })
            .ToListAsync(ct);
        return new PartyMessagePage(
            rows
                .Select(m => new PartyMessageView(m.SentAtUtc, m.AuthorRole, m.AuthorId is not null && m.AuthorId == actor.UserId, m.Body, m.Visibility))
                .ToList(),
            page, pageSize, total);
    }

    /// <summary>The meetings held or planned on the case (the regulator's, tier 2 and up); null when the case is not visible.</summary>
    public async Task<IReadOnlyList<PartyMeetingView>?> MeetingsAsync(string trackingNumber, Actor actor, CancellationToken ct = default)
    {
        var caseId = await CaseIdAsync(trackingNumber, actor, ct);
        if (caseId is null)
        {
            return null;
        }

        return await db.CaseMeetings.AsNoTracking()
            .Where(m => m.CaseId == caseId)
            .OrderBy(m => m.ScheduledAtUtc).ThenBy(m => m.Id)
            .Select(m => new PartyMeetingView(m.Id, m.Kind, m.ScheduledAtUtc, m.Location, m.VideoLink, m.Participants, m.Minutes))
            .ToListAsync(ct);
    }

    /// <summary>The meeting the actor scheduled last on the case, as just created by ScheduleMeeting.</summary>
    public async Task<PartyMeetingView?> LatestMeetingByAsync(string trackingNumber, Actor actor, CancellationToken ct = default)
    {
        var caseId = await CaseIdAsync(trackingNumber, actor, ct);
        if (caseId is null)
        {
            return null;
        }

        return await db.CaseMeetings.AsNoTracking()
            .Where(m => m.CaseId == caseId && m.CreatedById == actor.UserId)
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Select(m => new PartyMeetingView(m.Id, m.Kind, m.ScheduledAtUtc, m.Location, m.VideoLink, m.Participants, m.Minutes))
            .FirstOrDefaultAsync(ct);
    }

    private async Task<Guid?> CaseIdAsync(string trackingNumber, Actor actor, CancellationToken ct) =>
        TrackingNumber.TryNormalize(trackingNumber, out var number)
            ? await db.Cases.AsNoTracking().VisibleTo(actor)
                .Where(c => c.TrackingNumber == number).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct)
            : null;
}
