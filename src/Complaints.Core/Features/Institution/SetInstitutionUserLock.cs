using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>The institution's admin locks an account of its own institution (someone left) or unlocks it.
/// An account of another institution does not exist for it. The regulator's Administrator may lock or
/// unlock any account.</summary>
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
        // The institution admin is limited to its own institution; the Administrator to none.
        int? institutionId;
        if (actor.Role == ActorRole.Administrator)
        {
            institutionId = null;
        }
        else if (actor.Role == ActorRole.InstitutionAdmin && actor.InstitutionId is { } own)
        {
            institutionId = own;
        }
        else
        {
            return new(Outcome.NotFound);
        }

        var user = await users.FindByIdAsync(input.UserId);
        if (user is null || (institutionId is not null && user.InstitutionId != institutionId))
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
            user.InstitutionId, user.Id, input.Locked ? "locked" : "unlocked", actor.UserId);
        return new(Outcome.Done);
    }
}
