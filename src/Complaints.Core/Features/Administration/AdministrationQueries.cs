using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Administration;

public sealed record AdminUserRow(
    string Id, string Email, string DisplayName, IReadOnlyList<string> Roles, string? Institution, bool IsLocked, bool TwoFactorEnabled);

public sealed record AdminUserList(IReadOnlyList<AdminUserRow> Items, string? Search, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record AdminApiClientRow(string ClientId, string DisplayName, ActorRole Role, string? Institution, bool IsActive, DateTime CreatedAtUtc);

public sealed record AdminApiClientList(IReadOnlyList<AdminApiClientRow> Items, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The Administrator's screens: every account, and the API clients.</summary>
public sealed class AdministrationQueries(ComplaintsDbContext db, TimeProvider clock)
{
    public const int PageSize = 25;

    /// <summary>All accounts by email (NormalizedEmail is indexed), filtered by a part of the email.</summary>
    public async Task<AdminUserList> UsersAsync(Actor actor, string? search, int page, CancellationToken ct = default)
    {
        search = string.IsNullOrWhiteSpace(search) ? null : search.Trim();
        if (actor.Role != ActorRole.Administrator)
        {
            return new([], search, 1, PageSize, 0);
        }

        var query = db.Users.AsNoTracking();
        if (search is not null)
        {
            var normalized = search.ToUpperInvariant();
            query = query.Where(u => u.NormalizedEmail!.Contains(normalized));
        }

        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var users = await query
            .OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(u => new
            {
                u.Id,
                u.Email,
                u.DisplayName,
                u.LockoutEnd,
                u.TwoFactorEnabled,
                Institution = db.Institutions.Where(i => i.Id == u.InstitutionId).Select(i => i.LegalName).FirstOrDefault(),
            })
            .ToListAsync(ct);
        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var now = clock.GetUtcNow();
        var rows = users.Select(u => new AdminUserRow(
            u.Id,
            u.Email ?? "",
            u.DisplayName,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name ?? "").Order(StringComparer.Ordinal).ToList(),
            u.Institution,
            u.LockoutEnd is { } end && end > now,
            u.TwoFactorEnabled)).ToList();
        return new(rows, search, page, PageSize, total);
    }

    /// <summary>The API clients by client id (the key).</summary>
    public async Task<AdminApiClientList> ApiClientsAsync(Actor actor, int page, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return new([], 1, PageSize, 0);
        }

        var total = await db.ApiClients.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await db.ApiClients.AsNoTracking()
            .OrderBy(c => c.ClientId)
            .Skip((page - 1) * PageSize).Take(PageSize)
            .Select(c => new AdminApiClientRow(
                c.ClientId,
                c.DisplayName,
                c.Role,
                db.Institutions.Where(i => i.Id == c.InstitutionId).Select(i => i.LegalName).FirstOrDefault(),
                c.IsActive,
                c.CreatedAtUtc))
            .ToListAsync(ct);
        return new(rows, page, PageSize, total);
    }
}
