using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Tracking;

public sealed record CaseKey(Guid CaseId, Guid ConsumerId);

/// <summary>
/// Looks a case up by tracking number and PIN, the consumer's key when not signed in. A wrong number and a
/// wrong PIN look the same, and repeated failures for one number are refused for a while.
/// </summary>
public sealed class TrackCase(ComplaintsDbContext db, PinAttemptLimiter limiter, ConsumerCaseQueries queries)
{
    public enum Outcome
    {
        Found,
        NotFound,
        TooManyAttempts,
    }

    public sealed record Result(Outcome Outcome, ConsumerCaseView? Case);

    public async Task<Result> HandleAsync(string? trackingNumber, string? pin, CancellationToken ct = default)
    {
        var (outcome, key) = await VerifyAsync(trackingNumber, pin, ct);
        return new(outcome, key is null ? null : await queries.GetAsync(key.CaseId, ct));
    }

    /// <summary>Checks the number and PIN under the attempt limit; the PIN proves the consumer, so actions taken
    /// with it (adding documents) start here too.</summary>
    public async Task<(Outcome Outcome, CaseKey? Key)> VerifyAsync(string? trackingNumber, string? pin, CancellationToken ct = default)
    {
        var limitKey = PinAttemptLimiter.KeyOf(trackingNumber);
        if (limiter.IsBlocked(limitKey))
        {
            return (Outcome.TooManyAttempts, null);
        }

        var found = await FindAsync(trackingNumber, pin, ct);
        if (found is null)
        {
            limiter.RecordFailure(limitKey);
            return (Outcome.NotFound, null);
        }

        return (Outcome.Found, found);
    }

    private async Task<CaseKey?> FindAsync(string? trackingNumber, string? pin, CancellationToken ct)
    {
        if (!TrackingNumber.TryNormalize(trackingNumber, out var number) || string.IsNullOrWhiteSpace(pin))
        {
            return null;
        }

        var found = await db.Cases.AsNoTracking()
            .Where(c => c.TrackingNumber == number)
            .Select(c => new { c.Id, c.ConsumerId, c.PinHash })
            .FirstOrDefaultAsync(ct);
        return found is not null && CasePin.Verify(pin.Trim(), found.PinHash) ? new CaseKey(found.Id, found.ConsumerId) : null;
    }
}
