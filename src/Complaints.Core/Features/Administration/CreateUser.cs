using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.InstitutionPortal;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Administration;

/// <summary>
/// The regulator's Administrator creates an account with one role: regulator staff (no institution) or an
/// institution's officer or admin (bound to an institution of the registry). The admin hands the initial
/// password over; staff turn on two-step verification at the first sign-in.
/// </summary>
public sealed class CreateUser(UserManager<ApplicationUser> users, ComplaintsDbContext db, TimeProvider clock, ILogger<CreateUser> logger)
{
    /// <summary>The roles the Administrator may give (consumers register themselves).</summary>
    public static readonly ActorRole[] Roles =
    [
        ActorRole.Agent, ActorRole.Specialist, ActorRole.Supervisor, ActorRole.Administrator,
        ActorRole.InstitutionOfficer, ActorRole.InstitutionAdmin,
    ];

    public sealed record Input(string? Email, string? DisplayName, string? Password, ActorRole? Role, int? InstitutionId);

    public sealed record Result(bool Allowed, string? UserId, IReadOnlyList<FieldError> Errors);

    public static bool IsInstitutionRole(ActorRole role) => role is ActorRole.InstitutionOfficer or ActorRole.InstitutionAdmin;

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return new(false, null, []);
        }

        var email = input.Email?.Trim() ?? "";
        var name = input.DisplayName?.Trim() ?? "";
        var errors = await InstitutionAccounts.CheckAsync(users, email, name, input.Password);
        errors.AddRange(await CheckRoleAsync(db, input.Role, input.InstitutionId, ct));
        if (errors.Count > 0)
        {
            return new(true, null, errors);
        }

        var role = input.Role!.Value;
        var (user, refused) = await InstitutionAccounts.CreateAsync(
            users, email, name, input.Password!, role, IsInstitutionRole(role) ? input.InstitutionId : null, clock.GetUtcNow().UtcDateTime);
        if (user is null)
        {
            return new(true, null, [refused!]);
        }

        logger.LogInformation("Account {UserId} ({Role}, institution {InstitutionId}) created by {AdminId}", user.Id, role, user.InstitutionId, actor.UserId);
        return new(true, user.Id, []);
    }

    /// <summary>A role among <paramref name="allowed"/>; an institution of the registry exactly when the role is an
    /// institution's. Shared with <see cref="CreateApiClient"/>.</summary>
    internal static async Task<IReadOnlyList<FieldError>> CheckRoleAsync(ComplaintsDbContext db, ActorRole? role, int? institutionId, CancellationToken ct, IReadOnlyCollection<ActorRole>? allowed = null)
    {
        allowed ??= Roles;
        if (role is not { } r)
        {
            return [new FieldError("role", "required")];
        }

        if (!allowed.Contains(r))
        {
            return [new FieldError("role", "admin.roleInvalid")];
        }

        if (!IsInstitutionRole(r))
        {
            return institutionId is null ? [] : [new FieldError("institutionId", "admin.institutionNotAllowed")];
        }

        if (institutionId is not { } id)
        {
            return [new FieldError("institutionId", "admin.institutionRequired")];
        }

        var exists = await db.Institutions.AnyAsync(i => i.Id == id && i.Status != InstitutionStatus.Revoked, ct);
        return exists ? [] : [new FieldError("institutionId", "admin.institutionUnknown")];
    }
}
