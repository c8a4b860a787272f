using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Tracking;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Consumers;

/// <summary>
/// A signed-in consumer takes a case filed without an account into their account, proving it with tracking
/// number and PIN (same attempt limits as tracking). Only a case whose consumer record has no account yet can
/// be claimed: a case of another account stays where it is, and says no more than a wrong PIN.
/// </summary>
public sealed class ClaimCase(ComplaintsDbContext db, TrackCase track, ILogger<ClaimCase> logger)
{
    public sealed record Input(string? TrackingNumber, string? Pin);

    public enum Outcome
    {
        Claimed,
        AlreadyYours,
        NotFound,
        TooManyAttempts,
    }

    public sealed record Result(Outcome Outcome, string? TrackingNumber = null);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Consumer || actor.ConsumerId is not { } consumerId)
        {
            throw new InvalidOperationException("Only a consumer account claims cases.");
        }

        var (outcome, key) = await track.VerifyAsync(input.TrackingNumber, input.Pin, ct);
        if (outcome == TrackCase.Outcome.TooManyAttempts)
        {
            return new(Outcome.TooManyAttempts);
        }

        if (key is null)
        {
            return new(Outcome.NotFound);
        }

        // Loaded without its Consumer navigation, so changing the key alone moves it.
        var @case = await db.Cases.FirstAsync(c => c.Id == key.CaseId, ct);
        if (key.ConsumerId == consumerId)
        {
            return new(Outcome.AlreadyYours, @case.TrackingNumber);
        }

        if (await db.Users.AnyAsync(u => u.ConsumerId == key.ConsumerId, ct))
        {
            logger.LogWarning("Claim of case {TrackingNumber} refused: it belongs to another account", @case.TrackingNumber);
            return new(Outcome.NotFound);
        }

        @case.TransferTo(consumerId);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Case {TrackingNumber} claimed by consumer account {User}", @case.TrackingNumber, actor.UserId);
        return new(Outcome.Claimed, @case.TrackingNumber);
    }
}
