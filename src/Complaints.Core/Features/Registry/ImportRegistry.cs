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
        var (institutionsAdded, institutionsUpdated) = await UpsertInstitutionsAsync(file.Institutions, ct);
        var (illegalAdded, illegalUpdated) = await UpsertIllegalAsync(file.IllegalEntities, ct);
        await db.SaveChangesAsync(ct);
        registry.Invalidate();
        var result = new Result(institutionsAdded, institutionsUpdated, illegalAdded, illegalUpdated);
        logger.LogInformation("Registry import: {Result}", result);
        return result;
    }

    private async Task<(int Added, int Updated)> UpsertInstitutionsAsync(IReadOnlyList<Institution> incoming, CancellationToken ct)
    {
        if (incoming.Count == 0)
        {
            return (0, 0);
        }

        var existing = await db.Institutions.ToListAsync(ct);
        var byKey = existing.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.First());
        int added = 0, updated = 0;
        foreach (var row in incoming)
        {
            if (byKey.TryGetValue(KeyOf(row), out var current))
            {
                current.LegalName = row.LegalName;
                current.BrandNames = row.BrandNames;
                current.LicenseNumber = row.LicenseNumber;
                current.Sector = row.Sector;
                current.Status = row.Status;
                current.LicensedOn = row.LicensedOn;
                current.Website = row.Website;
                current.IsSharia = row.IsSharia;
                updated++;
            }
            else
            {
                db.Institutions.Add(row);
                byKey[KeyOf(row)] = row;
                added++;
            }
        }

        return (added, updated);
    }

    private async Task<(int Added, int Updated)> UpsertIllegalAsync(IReadOnlyList<IllegalEntity> incoming, CancellationToken ct)
    {
        if (incoming.Count == 0)
        {
            return (0, 0);
        }

        var existing = await db.IllegalEntities.ToListAsync(ct);
        var byKey = existing.GroupBy(KeyOf).ToDictionary(g => g.Key, g => g.First());
        int added = 0, updated = 0;
        foreach (var row in incoming)
        {
            if (byKey.TryGetValue(KeyOf(row), out var current))
            {
                current.Name = row.Name;
                current.Aliases = row.Aliases;
                current.EntityType = row.EntityType;
                current.ActivityTypes = row.ActivityTypes;
                current.Websites = row.Websites;
                current.ListedOn = row.ListedOn;
                current.Reference = row.Reference;
                updated++;
            }
            else
            {
                db.IllegalEntities.Add(row);
                byKey[KeyOf(row)] = row;
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
