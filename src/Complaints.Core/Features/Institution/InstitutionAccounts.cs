using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Microsoft.AspNetCore.Identity;

namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>
/// Creating a sign-in account for staff or an institution's user, shared by the regulator's Administrator and
/// an institution's admin: the same checks, the same Identity calls, the same error codes.
/// </summary>
public static class InstitutionAccounts
{
    public const int MaxNameLength = 200;

    /// <summary>Field errors for the email, name and initial password a person typed (both already trimmed).</summary>
    public static async Task<List<FieldError>> CheckAsync(UserManager<ApplicationUser> users, string email, string name, string? password)
    {
        var errors = new List<FieldError>();
        if (email.Length == 0)
        {
            errors.Add(new FieldError("email", "required"));
        }
        else if (!EmailAddress.IsValid(email))
        {
            errors.Add(new FieldError("email", "email.invalid"));
        }
        else if (await users.FindByEmailAsync(email) is not null)
        {
            errors.Add(new FieldError("email", "institutionUser.emailTaken"));
        }

        errors.AddRange(CheckName(name));
        if (string.IsNullOrEmpty(password))
        {
            errors.Add(new FieldError("password", "required"));
        }

        return errors;
    }

    public static IEnumerable<FieldError> CheckName(string name)
    {
        if (name.Length == 0)
        {
            yield return new FieldError("displayName", "required");
        }
        else if (name.Length > MaxNameLength)
        {
            yield return new FieldError("displayName", "tooLong", MaxNameLength);
        }
    }

    /// <summary>Creates the account with one role; the error is a field error when Identity refuses it.</summary>
    public static async Task<(ApplicationUser? User, FieldError? Error)> CreateAsync(
        UserManager<ApplicationUser> users, string email, string name, string password, ActorRole role, int? institutionId, DateTime nowUtc)
    {
        var user = new ApplicationUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            InstitutionId = institutionId,
            CreatedAtUtc = nowUtc,
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            var taken = created.Errors.Any(e => e.Code is nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName));
            return (null, taken ? new FieldError("email", "institutionUser.emailTaken") : new FieldError("password", "institutionUser.passwordWeak"));
        }

        var added = await users.AddToRoleAsync(user, role.ToString());
        if (!added.Succeeded)
        {
            throw new InvalidOperationException("Could not give the role: " + string.Join("; ", added.Errors.Select(e => e.Description)));
        }

        return (user, null);
    }
}
