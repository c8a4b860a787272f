using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Calendar;

/// <summary>The working-day calendar, read from the Holidays table once and kept until the calendar changes.</summary>
public sealed class CalendarCache
{
    private volatile WorkingDayCalendar? _calendar;

    public async Task<WorkingDayCalendar> GetAsync(ComplaintsDbContext db, CancellationToken ct = default)
    {
        if (_calendar is { } cached)
        {
            return cached;
        }

        var days = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        return _calendar = new WorkingDayCalendar(days);
    }

    /// <summary>Call after holidays are added or removed.</summary>
    public void Invalidate() => _calendar = null;
}
