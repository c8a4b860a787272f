using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>The institution's admin locks an account of its own institution (someone left) or unlocks it.
/// An account of another institution does not exist for it.</summary>
public sealed class SetInstitutionUserLock(UserManager<ApplicationUser> users, ILogger<SetInstitutionUserLock> logger)
{
    public sealed record Input(string UserId, bool Locked);

    public enum Outcome
    {
        Done,
        NotFound,
        Refused,
    }

    public sealed record Result(Outcome Outcome, string? ErrorCode = null);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.InstitutionAdmin || actor.InstitutionId is not { } institutionId)
        {
            return new(Outcome.NotFound);
        }

        var user = await users.FindByIdAsync(input.UserId);
        if (user is null || user.InstitutionId != institutionId)
        {
            return new(Outcome.NotFound);
        }

        if (input.Locked && user.Id == actor.UserId)
        {
            return new(Outcome.Refused, "institutionUser.cannotLockSelf");
        }

        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, input.Locked ? DateTimeOffset.MaxValue : null);
        if (input.Locked)
        {
            // Ends the person's open sessions too (checked every minute).
            await users.UpdateSecurityStampAsync(user);
        }
        else
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        logger.LogInformation("Institution {InstitutionId}: account {UserId} {Change} by {AdminId}",
            institutionId, user.Id, input.Locked ? "locked" : "unlocked", actor.UserId);
        return new(Outcome.Done);
    }
}
