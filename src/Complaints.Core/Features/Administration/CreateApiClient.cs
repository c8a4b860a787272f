using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.InstitutionPortal;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Administration;

/// <summary>
/// The Administrator registers a system that calls the API with client credentials: regulator staff in one
/// role, or an institution as its officer. The secret is generated here, stored only as a hash, and returned
/// once to be handed over.
/// </summary>
public sealed partial class CreateApiClient(ComplaintsDbContext db, TimeProvider clock, ILogger<CreateApiClient> logger)
{
    public static readonly ActorRole[] Roles = [ActorRole.Agent, ActorRole.Specialist, ActorRole.Supervisor, ActorRole.InstitutionOfficer];

    public const int MaxClientIdLength = 100;

    public sealed record Input(string? ClientId, string? DisplayName, ActorRole? Role, int? InstitutionId);

    /// <summary><paramref name="Secret"/> is the only copy of the secret in clear.</summary>
    public sealed record Result(bool Allowed, string? ClientId, string? Secret, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return new(false, null, null, []);
        }

        var clientId = input.ClientId?.Trim() ?? "";
        var name = input.DisplayName?.Trim() ?? "";
        var errors = new List<FieldError>();
        if (clientId.Length == 0)
        {
            errors.Add(new FieldError("clientId", "required"));
        }
        else if (clientId.Length > MaxClientIdLength || !ClientIdPattern().IsMatch(clientId))
        {
            errors.Add(new FieldError("clientId", "admin.clientIdInvalid"));
        }
        else if (await db.ApiClients.AnyAsync(c => c.ClientId == clientId, ct))
        {
            errors.Add(new FieldError("clientId", "admin.clientIdTaken"));
        }

        errors.AddRange(InstitutionAccounts.CheckName(name));

        errors.AddRange(await CreateUser.CheckRoleAsync(db, input.Role, input.InstitutionId, ct, Roles));
        if (errors.Count > 0)
        {
            return new(true, null, null, errors);
        }

        var secret = Base64Url(RandomNumberGenerator.GetBytes(32));
        var role = input.Role!.Value;
        db.ApiClients.Add(new ApiClient
        {
            ClientId = clientId,
            DisplayName = name,
            SecretHash = CasePin.Hash(secret),
            Role = role,
            InstitutionId = CreateUser.IsInstitutionRole(role) ? input.InstitutionId : null,
            IsActive = true,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two admins chose the same id at the same moment.
            db.ChangeTracker.Clear();
            return new(true, null, null, [new FieldError("clientId", "admin.clientIdTaken")]);
        }

        logger.LogInformation("API client {ClientId} ({Role}, institution {InstitutionId}) created by {AdminId}", clientId, role, input.InstitutionId, actor.UserId);
        return new(true, clientId, secret, []);
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex ClientIdPattern();
}
