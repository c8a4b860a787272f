using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Registry;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Seeding;

/// <summary>Loads the reference data that ships with the product into an empty database: the working-day
/// calendar and the registry. Runs at every start; does nothing when the data is there.</summary>
public sealed class ReferenceDataSeeder(ComplaintsDbContext db, ImportRegistry importRegistry, CalendarCache calendars, ILogger<ReferenceDataSeeder> logger)
{
    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (!await db.Holidays.AnyAsync(ct))
        {
            var rows = HolidayCsv.LoadShipped();
            // The CSV lists a few dates twice (a holiday and collective leave on one day): keep the first.
            foreach (var row in rows.DistinctBy(r => r.Date))
            {
                db.Holidays.Add(new Holiday { Date = row.Date, Name = row.Name, Type = row.Type });
            }

            await db.SaveChangesAsync(ct);
            calendars.Invalidate();
            logger.LogInformation("Seeded {Count} holidays", rows.Count);
        }

        // Each list is seeded on its own: an operator may have imported one before the first start.
        var seedInstitutions = !await db.Institutions.AnyAsync(ct);
        var seedIllegal = !await db.IllegalEntities.AnyAsync(ct);
        if (seedInstitutions || seedIllegal)
        {
            var shipped = RegistryFiles.LoadShipped();
            await importRegistry.ApplyAsync(new RegistryFile(seedInstitutions ? shipped.Institutions : [], seedIllegal ? shipped.IllegalEntities : []), ct);
        }
    }
}
