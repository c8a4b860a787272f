using Complaints.Core.Data;
using Complaints.Core.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Registry;

/// <summary>
/// Refreshes the registry from a file in one of the shipped formats (licensed lenders CSV, illegal-entity
/// JSON). Institutions are matched by licence number (else legal name), illegal entities by their id in the
/// task force's list (else name); matched rows are updated, new rows added, nothing is deleted.
/// </summary>
public sealed class ImportRegistry(ComplaintsDbContext db, RegistryCache registry, ILogger<ImportRegistry> logger)
{
    public sealed record Result(int InstitutionsAdded, int InstitutionsUpdated, int IllegalAdded, int IllegalUpdated);

    public async Task<Result> HandleAsync(string fileName, Stream content, CancellationToken ct = default)
    {
        var file = RegistryFiles.Read(fileName, content);
        return await ApplyAsync(file, ct);
    }

    public async Task<Result> ApplyAsync(RegistryFile file, CancellationToken ct = default)
    {
        var (institutionsAdded, institutionsUpdated) = await UpsertAsync(db.Institutions, file.Institutions, KeyOf, CopyInstitution, ct);
        var (illegalAdded, illegalUpdated) = await UpsertAsync(db.IllegalEntities, file.IllegalEntities, KeyOf, CopyIllegal, ct);
        await db.SaveChangesAsync(ct);
        registry.Invalidate();
        var result = new Result(institutionsAdded, institutionsUpdated, illegalAdded, illegalUpdated);
        logger.LogInformation("Registry import: {Result}", result);
        return result;
    }

    private static void CopyInstitution(Institution from, Institution to)
    {
        to.LegalName = from.LegalName;
        to.BrandNames = from.BrandNames;
        to.LicenseNumber = from.LicenseNumber;
        to.Sector = from.Sector;
        to.Status = from.Status;
        to.LicensedOn = from.LicensedOn;
        to.Website = from.Website;
        to.IsSharia = from.IsSharia;
    }

    private static void CopyIllegal(IllegalEntity from, IllegalEntity to)
    {
        to.Name = from.Name;
        to.Aliases = from.Aliases;
        to.EntityType = from.EntityType;
        to.ActivityTypes = from.ActivityTypes;
        to.Websites = from.Websites;
        to.ListedOn = from.ListedOn;
        to.Reference = from.Reference;
    }

    /// <summary>Updates rows whose key is known, adds the others; the first of duplicate keys wins.</summary>
    private static async Task<(int Added, int Updated)> UpsertAsync<T>(
        DbSet<T> set, IReadOnlyList<T> incoming, Func<T, string> keyOf, Action<T, T> copy, CancellationToken ct)
        where T : class
    {
        if (incoming.Count == 0)
        {
            return (0, 0);
        }

        var byKey = (await set.ToListAsync(ct)).GroupBy(keyOf).ToDictionary(g => g.Key, g => g.First());
        int added = 0, updated = 0;
        foreach (var row in incoming)
        {
            if (byKey.TryGetValue(keyOf(row), out var current))
            {
                copy(row, current);
                updated++;
            }
            else
            {
                set.Add(row);
                byKey[keyOf(row)] = row;
                added++;
            }
        }

        return (added, updated);
    }

    private static string KeyOf(Institution i) =>
        string.IsNullOrWhiteSpace(i.LicenseNumber) ? "name:" + NameNormalizer.Normalize(i.LegalName) : "licence:" + i.LicenseNumber.Trim().ToUpperInvariant();

    private static string KeyOf(IllegalEntity e) =>
        e.SourceId is { } id ? FormattableString.Invariant($"id:{id}") : "name:" + NameNormalizer.Normalize(e.Name);
}
