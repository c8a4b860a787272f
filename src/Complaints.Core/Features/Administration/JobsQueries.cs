using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Administration;

/// <summary>The last run of a job, whichever node ran it.</summary>
public sealed record JobRunRow(
    string JobName,
    DateTime? LastStartedAtUtc,
    DateTime? LastFinishedAtUtc,
    long? LastDurationMs,
    string? LastResult,
    bool LastSucceeded,
    string? LastError,
    DateTime? LastErrorAtUtc,
    string? LastNode,
    long RunCount,
    long FailureCount);

/// <param name="PendingDue">Pending and due now: what the dispatcher has yet to send.</param>
/// <param name="PendingRetrying">Pending after a failed attempt, waiting for the next one.</param>
/// <param name="OldestDueSinceUtc">Since when the longest-waiting due message has been due; null when none is.</param>
public sealed record OutboxBacklog(int PendingDue, int PendingRetrying, int DeadLetters, int SentLast24Hours, DateTime? OldestDueSinceUtc, DateTime NowUtc);

public sealed record OutboxRow(
    long Id,
    DateTime CreatedAtUtc,
    NotificationChannel Channel,
    string MaskedRecipient,
    string TemplateKey,
    string? TrackingNumber,
    OutboxStatus Status,
    int Attempts,
    string? LastError,
    DateTime NextAttemptAtUtc,
    DateTime? SentAtUtc,
    DateTime? DeadLetteredAtUtc);

/// <summary>One page of the outbox; there is no total, which would count every sent message ever.</summary>
public sealed record OutboxPage(OutboxStatus Status, IReadOnlyList<OutboxRow> Items, int Page, bool HasNext);

/// <summary>
/// The Administrator's operations screens: the background jobs' last runs and the outbox. Every outbox figure
/// reads the (Status, NextAttemptAtUtc) index by range, so none of them grows with the sent messages kept as
/// the log.
/// </summary>
public sealed class JobsQueries(ComplaintsDbContext db, TimeProvider clock)
{
    public const int OutboxPageSize = 50;

    /// <summary>How late after its due time a message is assumed to be sent at the latest, for the 24-hour count.</summary>
    public static readonly TimeSpan SendLagBound = TimeSpan.FromDays(7);

    public async Task<IReadOnlyList<JobRunRow>> JobRunsAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return [];
        }

        return await db.JobRuns.AsNoTracking()
            .OrderBy(j => j.JobName)
            .Select(j => new JobRunRow(
                j.JobName, j.LastStartedAtUtc, j.LastFinishedAtUtc, j.LastDurationMs, j.LastResult, j.LastSucceeded,
                j.LastError, j.LastErrorAtUtc, j.LastNode, j.RunCount, j.FailureCount))
            .ToListAsync(ct);
    }

    public async Task<OutboxBacklog?> OutboxBacklogAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var pending = db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Pending);
        var due = pending.Where(m => m.NextAttemptAtUtc <= now);
        var pendingDue = await due.CountAsync(ct);
        var oldestDue = pendingDue == 0 ? null : await due.OrderBy(m => m.NextAttemptAtUtc).Select(m => (DateTime?)m.NextAttemptAtUtc).FirstOrDefaultAsync(ct);

        // Only a failed attempt puts NextAttemptAtUtc in the future, so the range finds them; Attempts says so outright.
        var retrying = await pending.CountAsync(m => m.NextAttemptAtUtc > now && m.Attempts > 0, ct);
        var deadLetters = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.DeadLetter, ct);

        // There is no index on SentAtUtc. A message is sent at or after the NextAttemptAtUtc it was last due at, and
        // the dispatcher takes due messages oldest first within seconds, so one sent in the last 24 hours was due
        // at most SendLagBound before that: the index range over those days holds every one of them, and SentAtUtc
        // picks them exactly. Only a dispatcher stopped for more than a week (which this page would have shown as
        // the oldest due message's age long before) could make the figure miss a message.
        var since = now.AddHours(-24);
        var fromDue = since - SendLagBound;
        var sent = await db.OutboxMessages.CountAsync(
            m => m.Status == OutboxStatus.Sent && m.NextAttemptAtUtc >= fromDue && m.SentAtUtc >= since, ct);

        return new(pendingDue, retrying, deadLetters, sent, oldestDue, now);
    }

    /// <summary>Messages of one status, the latest attempt first (the index order), 50 a page.</summary>
    public async Task<OutboxPage> OutboxAsync(Actor actor, OutboxStatus status, int page, CancellationToken ct = default)
    {
        // Deep pages are reachable one by one only; the bound keeps the offset arithmetic safe.
        page = Math.Clamp(page, 1, 100_000);
        if (actor.Role != ActorRole.Administrator)
        {
            return new(status, [], 1, false);
        }

        var rows = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.Status == status)
            .OrderByDescending(m => m.NextAttemptAtUtc).ThenByDescending(m => m.Id)
            .Skip((page - 1) * OutboxPageSize).Take(OutboxPageSize + 1)
            .Select(m => new
            {
                m.Id,
                m.CreatedAtUtc,
                m.Channel,
                m.Recipient,
                m.TemplateKey,
                m.TrackingNumber,
                m.Status,
                m.Attempts,
                m.LastError,
                m.NextAttemptAtUtc,
                m.SentAtUtc,
                m.DeadLetteredAtUtc,
            })
            .ToListAsync(ct);
        var items = rows.Take(OutboxPageSize)
            .Select(m => new OutboxRow(
                m.Id, m.CreatedAtUtc, m.Channel, MaskRecipient(m.Recipient), m.TemplateKey, m.TrackingNumber, m.Status,
                m.Attempts, m.LastError, m.NextAttemptAtUtc, m.SentAtUtc, m.DeadLetteredAtUtc))
            .ToList();
        return new(status, items, page, rows.Count > OutboxPageSize);
    }

    /// <summary>Enough of an address or a number to tell two apart, not enough to contact anyone: the last four
    /// characters behind a mask of fixed length, which hides the length too.</summary>
    public static string MaskRecipient(string recipient) =>
        recipient.Length <= 4 ? "••••" : "••••" + recipient[^4..];
}
