using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Administration;

/// <summary>The Administrator deactivates an API client (its secret stops getting tokens; tokens already
/// issued run out within their lifetime) or reactivates it.</summary>
public sealed class SetApiClientActive(ComplaintsDbContext db, ILogger<SetApiClientActive> logger)
{
    public sealed record Input(string ClientId, bool Active);

    /// <summary>False when there is no such client (or the actor is not the Administrator).</summary>
    public async Task<bool> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return false;
        }

        var client = await db.ApiClients.FirstOrDefaultAsync(c => c.ClientId == input.ClientId, ct);
        if (client is null)
        {
            return false;
        }

        client.IsActive = input.Active;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("API client {ClientId} {Change} by {AdminId}", client.ClientId, input.Active ? "reactivated" : "deactivated", actor.UserId);
        return true;
    }
}
