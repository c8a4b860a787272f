using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Administration;

public sealed record PolicyDurationRow(string Key, bool CalendarDays, int Min, int Max, int Default, int Current, DateTime? ChangedAtUtc);

public sealed record HolidayRowView(DateOnly Date, string Name, HolidayType Type);

public sealed record CalendarYearView(int Year, IReadOnlyList<HolidayRowView> Days, IReadOnlyList<int> Years);

public sealed record AuditRow(DateTime OccurredAtUtc, string? UserId, string? UserName, string Area, string Subject, string? Before, string? After);

public sealed record AuditList(IReadOnlyList<AuditRow> Items, string? Area, int Page, int PageSize, int Total)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The Administrator's settings screens: deadline durations, the calendar, the audit of changes.</summary>
public sealed class SettingsQueries(ComplaintsDbContext db, DeadlinePolicies policies, TimeProvider clock)
{
    public const int AuditPageSize = 50;

    /// <summary>The areas the audit page filters on (<see cref="Domain.Administration.AuditEntry.Area"/>).</summary>
    public static readonly IReadOnlyList<string> AuditAreas = ["policy", "calendar", "template", "outbox"];

    /// <summary>Every duration with its configured default and the value in force, read from the database
    /// rather than the cache so the page shows a change made on another node at once.</summary>
    public async Task<IReadOnlyList<PolicyDurationRow>> DeadlinesAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return [];
        }

        var rows = await db.PolicySettings.AsNoTracking().ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        var configured = policies.Configured;
        return DeadlinePolicies.Durations
            .Select(d => rows.TryGetValue(d.Key, out var row)
                ? new PolicyDurationRow(d.Key, d.CalendarDays, PolicyDuration.Min, d.Max, d.Get(configured), row.Value, row.UpdatedAtUtc)
                : new PolicyDurationRow(d.Key, d.CalendarDays, PolicyDuration.Min, d.Max, d.Get(configured), d.Get(configured), null))
            .ToList();
    }

    /// <summary>One year's days off (weekends aside), and the years to pick from: every year in the calendar,
    /// this year and the next.</summary>
    public async Task<CalendarYearView> CalendarAsync(Actor actor, int? year, CancellationToken ct = default)
    {
        var thisYear = WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime).Year;
        var shown = year is >= 2000 and <= 2100 ? year.Value : thisYear;
        if (actor.Role != ActorRole.Administrator)
        {
            return new(shown, [], []);
        }

        var first = new DateOnly(shown, 1, 1);
        var last = new DateOnly(shown, 12, 31);
        var days = await db.Holidays.AsNoTracking()
            .Where(h => h.Date >= first && h.Date <= last)
            .OrderBy(h => h.Date)
            .Select(h => new HolidayRowView(h.Date, h.Name, h.Type))
            .ToListAsync(ct);

        // Holidays are a few hundred rows at most: reading the dates is cheaper than explaining a GROUP BY on
        // a date's year to two providers.
        var years = (await db.Holidays.AsNoTracking().Select(h => h.Date).ToListAsync(ct))
            .Select(d => d.Year)
            .Append(thisYear).Append(thisYear + 1).Append(shown)
            .Distinct().Order().ToList();
        return new(shown, days, years);
    }

    /// <summary>Changes newest first, optionally of one area, with the name (or email) of who made each.</summary>
    public async Task<AuditList> AuditAsync(Actor actor, string? area, int page, CancellationToken ct = default)
    {
        area = AuditAreas.Contains(area) ? area : null;
        if (actor.Role != ActorRole.Administrator)
        {
            return new([], area, 1, AuditPageSize, 0);
        }

        var query = db.AuditEntries.AsNoTracking();
        if (area is not null)
        {
            query = query.Where(a => a.Area == area);
        }

        var total = await query.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + AuditPageSize - 1) / AuditPageSize));
        var items = await query
            .OrderByDescending(a => a.OccurredAtUtc).ThenByDescending(a => a.Id)
            .Skip((page - 1) * AuditPageSize).Take(AuditPageSize)
            .Select(a => new AuditRow(
                a.OccurredAtUtc,
                a.UserId,
                db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName != "" ? u.DisplayName : u.Email).FirstOrDefault(),
                a.Area,
                a.Subject,
                a.Before,
                a.After))
            .ToListAsync(ct);
        return new(items, area, page, AuditPageSize, total);
    }
}
