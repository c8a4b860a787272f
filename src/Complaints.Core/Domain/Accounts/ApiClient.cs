using Complaints.Core.Domain.Cases;

namespace Complaints.Core.Domain.Accounts;

/// <summary>
/// A system that calls the API with OAuth2 client credentials: bound to one party — an institution (as its
/// officer) or the regulator in one staff role. The secret is stored as a hash.
/// </summary>
public sealed class ApiClient
{
    public required string ClientId { get; init; }

    public required string DisplayName { get; set; }

    /// <summary>Same format as case PINs: pbkdf2-sha256$iterations$salt$hash.</summary>
    public required string SecretHash { get; set; }

    public ActorRole Role { get; init; }

    public int? InstitutionId { get; init; }

    public bool IsActive { get; set; } = true;

    public DateTime CreatedAtUtc { get; init; }
}
