using Complaints.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Registry;

/// <summary>The fuzzy registry index, built from the database once and rebuilt after an import.</summary>
public sealed class RegistryCache
{
    private volatile RegistryIndex? _index;
    private readonly SemaphoreSlim _building = new(1, 1);

    public async Task<RegistryIndex> GetAsync(ComplaintsDbContext db, CancellationToken ct = default)
    {
        if (_index is { } cached)
        {
            return cached;
        }

        await _building.WaitAsync(ct);
        try
        {
            if (_index is { } built)
            {
                return built;
            }

            var institutions = await db.Institutions.AsNoTracking().ToListAsync(ct);
            var illegal = await db.IllegalEntities.AsNoTracking().ToListAsync(ct);
            return _index = RegistryIndex.Build(institutions, illegal);
        }
        finally
        {
            _building.Release();
        }
    }

    public void Invalidate() => _index = null;
}
