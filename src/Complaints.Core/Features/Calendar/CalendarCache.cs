using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Calendar;

/// <summary>
/// The working-day calendar, read from the Holidays table. An administrator may change the calendar on any
/// node, so an entry lives at most <see cref="MaxAge"/> (how the other nodes pick the change up);
/// <see cref="Invalidate"/> drops it at once on the node that made the change.
/// </summary>
public sealed class CalendarCache(TimeProvider clock)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private sealed record Entry(WorkingDayCalendar Calendar, DateTimeOffset LoadedAt);

    private volatile Entry? _entry;

    // Bumped by Invalidate: a load that started before a change must not put the older calendar back.
    private int _generation;

    public async Task<WorkingDayCalendar> GetAsync(ComplaintsDbContext db, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_entry is { } cached && now >= cached.LoadedAt && now - cached.LoadedAt < MaxAge)
        {
            return cached.Calendar;
        }

        var generation = Volatile.Read(ref _generation);
        var days = await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct);
        var calendar = new WorkingDayCalendar(days);
        if (Volatile.Read(ref _generation) == generation)
        {
            _entry = new Entry(calendar, now);
        }

        return calendar;
    }

    /// <summary>Call after holidays are added or removed.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entry = null;
    }
}
