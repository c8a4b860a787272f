using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>
/// The institution's admin adds a complaint officer to its own institution. The admin hands the initial
/// password over; the officer turns on two-step verification at the first sign-in.
/// </summary>
public sealed class CreateInstitutionOfficer(UserManager<ApplicationUser> users, TimeProvider clock, ILogger<CreateInstitutionOfficer> logger)
{
    public sealed record Input(string? Email, string? DisplayName, string? Password);

    public sealed record Result(bool Allowed, string? UserId, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.InstitutionAdmin || actor.InstitutionId is not { } institutionId)
        {
            return new(false, null, []);
        }

        var email = input.Email?.Trim() ?? "";
        var name = input.DisplayName?.Trim() ?? "";
        var errors = await InstitutionAccounts.CheckAsync(users, email, name, input.Password);
        if (errors.Count > 0)
        {
            return new(true, null, errors);
        }

        var (user, refused) = await InstitutionAccounts.CreateAsync(
            users, email, name, input.Password!, ActorRole.InstitutionOfficer, institutionId, clock.GetUtcNow().UtcDateTime);
        if (user is null)
        {
            return new(true, null, [refused!]);
        }

        logger.LogInformation("Institution {InstitutionId}: officer {UserId} created by {AdminId}", institutionId, user.Id, actor.UserId);
        return new(true, user.Id, []);
    }
}
