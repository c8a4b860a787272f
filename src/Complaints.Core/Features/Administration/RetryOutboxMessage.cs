using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Administration;

/// <summary>The Administrator sends a dead letter again: it goes back to Pending for a fresh round of attempts,
/// and the audit log records who did it.</summary>
public sealed class RetryOutboxMessage(ComplaintsDbContext db, TimeProvider clock, ILogger<RetryOutboxMessage> logger)
{
    public const string AuditArea = "outbox";

    public sealed record Input(long MessageId);

    public enum Outcome
    {
        Done,

        /// <summary>No such message, or the actor is not the Administrator.</summary>
        NotFound,

        /// <summary>Not a dead letter (any more): someone retried it first, or it was never dead-lettered.</summary>
        NotDeadLetter,
    }

    public async Task<Outcome> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return Outcome.NotFound;
        }

        var message = await db.OutboxMessages.FirstOrDefaultAsync(m => m.Id == input.MessageId, ct);
        if (message is null)
        {
            return Outcome.NotFound;
        }

        if (message.Status != OutboxStatus.DeadLetter)
        {
            return Outcome.NotDeadLetter;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var before = string.Create(CultureInfo.InvariantCulture, $"{message.Status}, {message.Attempts} attempts: {message.LastError}");
        message.Retry(now);
        db.AuditEntries.Add(AuditEntry.Record(
            actor.UserId, AuditArea, message.Id.ToString(CultureInfo.InvariantCulture), before, message.Status.ToString(), now));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Outbox message {MessageId} retried by {AdminId}", message.Id, actor.UserId);
        return Outcome.Done;
    }
}
