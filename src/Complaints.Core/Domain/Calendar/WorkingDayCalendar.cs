namespace Complaints.Core.Domain.Calendar;

/// <summary>
/// The one place for working-day arithmetic. Working days are Monday to Friday in Asia/Jakarta,
/// excluding national holidays and collective leave (cuti bersama). Day 1 of a period is the first
/// working day after the event.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly HashSet<DateOnly> nonWorkingDays;

    public WorkingDayCalendar(IEnumerable<DateOnly> nonWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(nonWorkingDays);
        this.nonWorkingDays = [.. nonWorkingDays];
    }

    /// <summary>Western Indonesia Time (WIB), UTC+7, no daylight saving.</summary>
    public static TimeZoneInfo Jakarta { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Jakarta");

    public bool IsWorkingDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !nonWorkingDays.Contains(day);

    /// <summary>
    /// The <paramref name="workingDays"/>-th working day after <paramref name="start"/>
    /// (0 returns <paramref name="start"/> itself, even when it is not a working day).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        var day = start;
        for (var counted = 0; counted < workingDays;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>Working days d with <paramref name="fromExclusive"/> &lt; d &lt;= <paramref name="toInclusive"/>.</summary>
    public int WorkingDaysBetween(DateOnly fromExclusive, DateOnly toInclusive)
    {
        var count = 0;
        for (var day = fromExclusive.AddDays(1); day <= toInclusive; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Working days after <paramref name="today"/> up to and including <paramref name="due"/>; 0 when due is today or past.</summary>
    public int WorkingDaysLeft(DateOnly today, DateOnly due) => WorkingDaysBetween(today, due);

    /// <summary>
    /// The Jakarta calendar date of an instant. <see cref="DateTimeKind.Unspecified"/> is read as UTC
    /// because that is how timestamps come back from some database providers; local times are refused.
    /// </summary>
    public static DateOnly JakartaDate(DateTime utc)
    {
        if (utc.Kind == DateTimeKind.Local)
        {
            throw new ArgumentException("Expected a UTC instant, got a local time.", nameof(utc));
        }

        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Jakarta);
        return DateOnly.FromDateTime(local);
    }

    /// <summary>The UTC instant at which the Jakarta day ends (next day 00:00 WIB, i.e. 17:00 UTC on <paramref name="day"/>).</summary>
    public static DateTime EndOfJakartaDayUtc(DateOnly day)
    {
        var nextMidnight = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(nextMidnight, Jakarta);
    }

    /// <summary>Inverse of <see cref="EndOfJakartaDayUtc"/>: the last Jakarta day before the instant.</summary>
    public static DateOnly DueDateOf(DateTime dueAtUtc) => JakartaDate(dueAtUtc.AddTicks(-1));
}
