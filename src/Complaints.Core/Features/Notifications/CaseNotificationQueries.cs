using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Notifications;

public sealed record CaseNotificationRow(
    DateTime CreatedAtUtc, string TemplateKey, NotificationChannel Channel, string Recipient, string Culture,
    OutboxStatus Status, int Attempts, DateTime? SentAtUtc, string? LastError);

public sealed record CaseNotificationsPage(string TrackingNumber, IReadOnlyList<CaseNotificationRow> Rows, bool More);

/// <summary>What was sent about a case, for regulator staff who can see it: when a consumer says "I never heard",
/// staff see what went out, where, and whether it arrived at the peer.</summary>
public sealed class CaseNotificationQueries(ComplaintsDbContext db)
{
    public const int Limit = 200;

    public async Task<CaseNotificationsPage?> ForCaseAsync(Actor actor, string trackingNumber, CancellationToken ct = default)
    {
        if (!actor.IsStaff || !TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return null;
        }

        var @case = await db.Cases.VisibleTo(actor).Where(c => c.TrackingNumber == number).Select(c => new { c.Id, c.TrackingNumber }).FirstOrDefaultAsync(ct);
        if (@case is null)
        {
            return null;
        }

        // Newest first on the (CaseId, CreatedAtUtc) index.
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.CaseId == @case.Id)
            .OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id)
            .Select(m => new CaseNotificationRow(m.CreatedAtUtc, m.TemplateKey, m.Channel, m.Recipient, m.Culture, m.Status, m.Attempts, m.SentAtUtc, m.LastError))
            .Take(Limit + 1).ToListAsync(ct);
        return new(@case.TrackingNumber, rows.Take(Limit).ToList(), rows.Count > Limit);
    }
}
