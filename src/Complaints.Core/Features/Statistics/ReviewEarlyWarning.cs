using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Statistics;

/// <summary>A supervisor marks an early-warning flag reviewed, with a note on what they found or did. The first
/// review stands: a second supervisor who reviewed the same flag at the same time is told it was done already.</summary>
public sealed class ReviewEarlyWarning(ComplaintsDbContext db, TimeProvider clock, ILogger<ReviewEarlyWarning> logger)
{
    public const int MaxNoteLength = 1_000;

    public sealed record Input(long FlagId, string? Note);

    public enum Outcome
    {
        Done,

        /// <summary>No such flag, or the actor is not a supervisor.</summary>
        NotFound,

        AlreadyReviewed,

        Invalid,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Supervisor || !await db.EarlyWarningFlags.AnyAsync(f => f.Id == input.FlagId, ct))
        {
            return new(Outcome.NotFound, []);
        }

        var note = input.Note?.Trim() ?? "";
        if (note.Length == 0)
        {
            return new(Outcome.Invalid, [new FieldError("note", "required")]);
        }

        if (note.Length > MaxNoteLength)
        {
            return new(Outcome.Invalid, [new FieldError("note", "tooLong", MaxNoteLength)]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // One conditional update: of two supervisors saving at once, exactly one finds the flag unreviewed.
        var updated = await db.EarlyWarningFlags
            .Where(f => f.Id == input.FlagId && f.ReviewedAtUtc == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(f => f.ReviewedAtUtc, now)
                .SetProperty(f => f.ReviewedById, actor.UserId)
                .SetProperty(f => f.ReviewNote, note), ct);
        if (updated == 0)
        {
            return new(Outcome.AlreadyReviewed, []);
        }

        logger.LogInformation("Early-warning flag {FlagId} reviewed by {UserId}", input.FlagId, actor.UserId);
        return new(Outcome.Done, []);
    }
}
