using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Tracking;

/// <summary>
/// Erases the PIN of every case whose PIN validity after closure has run out (<see cref="DeadlinePolicy.PinValidityDaysAfterClosure"/>):
/// number and PIN then open nothing, while a signed-in consumer who owns the case still sees it. Reads the
/// PinExpiresAtUtc index in keyset order; an erased PIN leaves the index, so a re-run or a second node finds
/// nothing more to do.
/// </summary>
public sealed class ExpirePins(ComplaintsDbContext db, TimeProvider clock, ILogger<ExpirePins> logger)
{
    public sealed record Input
    {
        public int BatchSize { get; init; } = 200;
    }

    /// <param name="Expired">PINs erased by this run.</param>
    /// <param name="Skipped">Cases someone else changed first (reopened, or expired by another node).</param>
    public sealed record Result(int Expired, int Skipped)
    {
        public string Summary => Skipped == 0 ? $"{Expired} PINs expired" : $"{Expired} PINs expired, {Skipped} skipped";
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = 0;
        var skipped = 0;
        DateTime? afterExpiry = null;
        var afterId = Guid.Empty;

        while (!ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var query = db.Cases.VisibleTo(Actor.System).Where(c => c.PinExpiresAtUtc != null && c.PinExpiresAtUtc <= now);
            if (afterExpiry is { } after)
            {
                var id = afterId;
                query = query.Where(c => c.PinExpiresAtUtc > after || (c.PinExpiresAtUtc == after && c.Id.CompareTo(id) > 0));
            }

            var batch = await query.OrderBy(c => c.PinExpiresAtUtc).ThenBy(c => c.Id).Take(input.BatchSize).ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            (afterExpiry, afterId) = (batch[^1].PinExpiresAtUtc, batch[^1].Id);
            var ids = batch.Select(c => c.Id).ToList();
            foreach (var @case in batch)
            {
                @case.ExpirePin();
            }

            try
            {
                await db.SaveChangesAsync(ct);
                expired += batch.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // One case in the batch changed meanwhile and the batch rolled back: erase them one by one.
                var (one, none) = await ExpireOneByOneAsync(ids, now, ct);
                expired += one;
                skipped += none;
            }

            if (batch.Count < input.BatchSize)
            {
                break;
            }
        }

        if (expired > 0 || skipped > 0)
        {
            logger.LogInformation("PINs expired: {Expired}, skipped: {Skipped}", expired, skipped);
        }

        return new(expired, skipped);
    }

    private async Task<(int Expired, int Skipped)> ExpireOneByOneAsync(List<Guid> ids, DateTime now, CancellationToken ct)
    {
        var expired = 0;
        var skipped = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var @case = await db.Cases.VisibleTo(Actor.System)
                .FirstOrDefaultAsync(c => c.Id == id && c.PinExpiresAtUtc != null && c.PinExpiresAtUtc <= now, ct);
            if (@case is null)
            {
                skipped++;
                continue;
            }

            @case.ExpirePin();
            try
            {
                await db.SaveChangesAsync(ct);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed again between read and save; the next run reads its new state.
                skipped++;
            }
        }

        db.ChangeTracker.Clear();
        return (expired, skipped);
    }
}
