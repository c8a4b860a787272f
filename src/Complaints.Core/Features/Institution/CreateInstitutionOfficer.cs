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
        var errors = new List<FieldError>();
        if (email.Length == 0)
        {
            errors.Add(new FieldError("email", "required"));
        }
        else if (!InstitutionAccounts.IsEmail(email))
        {
            errors.Add(new FieldError("email", "email.invalid"));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new FieldError("email", "institutionUser.emailTaken"));
        }

        if (name.Length == 0)
        {
            errors.Add(new FieldError("displayName", "required"));
        }
        else if (name.Length > InstitutionAccounts.MaxNameLength)
        {
            errors.Add(new FieldError("displayName", "tooLong", InstitutionAccounts.MaxNameLength));
        }

        if (string.IsNullOrEmpty(input.Password))
        {
            errors.Add(new FieldError("password", "required"));
        }

        if (errors.Count > 0)
        {
            return new(true, null, errors);
        }

        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            InstitutionId = institutionId,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        };
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            var taken = created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            return new(true, null, [taken
                ? new FieldError("email", "institutionUser.emailTaken")
                : new FieldError("password", "institutionUser.passwordWeak")]);
        }

        var role = await users.AddToRoleAsync(user, nameof(ActorRole.InstitutionOfficer));
        if (!role.Succeeded)
        {
            throw new InvalidOperationException("Could not give the officer role: " + string.Join("; ", role.Errors.Select(e => e.Description)));
        }

        logger.LogInformation("Institution {InstitutionId}: officer {UserId} created by {AdminId}", institutionId, user.Id, actor.UserId);
        return new(true, user.Id, []);
    }
}
