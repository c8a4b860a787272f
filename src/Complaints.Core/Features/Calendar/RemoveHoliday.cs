using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Calendar;

/// <summary>The Administrator removes a day from the calendar (one added by mistake, or a holiday moved by
/// decree). Running clocks keep their due dates.</summary>
public sealed class RemoveHoliday(ComplaintsDbContext db, CalendarCache calendars, TimeProvider clock, ILogger<RemoveHoliday> logger)
{
    public sealed record Input(DateOnly Date);

    /// <summary>False when the day is not in the calendar (or the actor is not the Administrator).</summary>
    public async Task<bool> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return false;
        }

        var holiday = await db.Holidays.FirstOrDefaultAsync(h => h.Date == input.Date, ct);
        if (holiday is null)
        {
            return false;
        }

        db.Holidays.Remove(holiday);
        db.AuditEntries.Add(AuditEntry.Record(actor.UserId, "calendar", input.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            AddHoliday.Describe(holiday), null, clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        logger.LogInformation("Holiday {Date} removed by {AdminId}", input.Date, actor.UserId);
        return true;
    }
}
