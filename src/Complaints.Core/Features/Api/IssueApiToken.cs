using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Api;

/// <summary>
/// OAuth2 client credentials: checks an API client's id and secret and says which party its token stands
/// for. The web layer signs the token; this class only decides whether there may be one.
/// </summary>
public sealed class IssueApiToken(ComplaintsDbContext db)
{
    // An unknown client id is checked against a throwaway hash, so the answer takes as long as for a known
    // one and timing does not tell which client ids exist.
    private static readonly string UnknownClientHash = CasePin.Hash(Guid.NewGuid().ToString("N"));

    private const int MaxClientIdLength = 100;

    public sealed record Input(string? ClientId, string? ClientSecret);

    /// <summary>The party the token stands for.</summary>
    public sealed record Party(string ClientId, ActorRole Role, int? InstitutionId);

    /// <summary>The client's party, or null for an unknown id, a wrong secret, an inactive client or a client
    /// whose role cannot act through the API (all "invalid_client" to the caller).</summary>
    public async Task<Party?> HandleAsync(Input input, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(input.ClientId) || input.ClientId.Length > MaxClientIdLength || string.IsNullOrEmpty(input.ClientSecret))
        {
            return null;
        }

        var client = await db.ApiClients.AsNoTracking().FirstOrDefaultAsync(c => c.ClientId == input.ClientId, ct);
        var secretMatches = CasePin.Verify(input.ClientSecret, client?.SecretHash ?? UnknownClientHash);
        if (client is null || !secretMatches || !client.IsActive || !ApplicationUser.Roles.Contains(client.Role))
        {
            return null;
        }

        return new Party(client.ClientId, client.Role, client.InstitutionId);
    }
}
