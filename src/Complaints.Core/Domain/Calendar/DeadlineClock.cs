namespace Complaints.Core.Domain.Calendar;

public enum ClockKind
{
    InstitutionResponse,
    ConsumerDocuments,
    ConsumerDecision,
    FacilitationSignature,
    Facilitation,
}

/// <summary>
/// A working-day deadline that can be paused and resumed without losing the days already spent.
/// Mapped by EF Core as an owned type on the case. While running, <see cref="DueAtUtc"/> is the end of
/// the due date in Jakarta; while paused it is null and the days left are <c>Total - Spent</c>.
/// A day on which the clock runs at all counts as spent, so pausing and resuming on the same day keeps
/// the due date.
/// </summary>
public sealed class DeadlineClock
{
    public ClockKind Kind { get; private set; }

    /// <summary>The period in working days, including any extension.</summary>
    public int TotalWorkingDays { get; private set; }

    /// <summary>Working days spent in earlier runs (before the last pause).</summary>
    public int SpentWorkingDays { get; private set; }

    /// <summary>Null while paused.</summary>
    public DateTime? RunningSinceUtc { get; private set; }

    /// <summary>Set while running; null while paused.</summary>
    public DateTime? DueAtUtc { get; private set; }

    public bool IsRunning => RunningSinceUtc is not null;

    public DateOnly? DueDate => DueAtUtc is { } d ? WorkingDayCalendar.DueDateOf(d) : null;

    public static DeadlineClock Start(ClockKind kind, int workingDays, DateTime nowUtc, WorkingDayCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        ArgumentNullException.ThrowIfNull(calendar);
        var clock = new DeadlineClock { Kind = kind, TotalWorkingDays = workingDays };
        clock.Run(nowUtc, calendar);
        return clock;
    }

    public void Pause(DateTime nowUtc, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (RunningSinceUtc is not { } since)
        {
            throw new InvalidOperationException($"The {Kind} clock is already paused.");
        }

        var spent = calendar.WorkingDaysBetween(WorkingDayCalendar.JakartaDate(since), WorkingDayCalendar.JakartaDate(nowUtc));
        SpentWorkingDays = Math.Min(TotalWorkingDays, SpentWorkingDays + spent);
        RunningSinceUtc = null;
        DueAtUtc = null;
    }

    public void Resume(DateTime nowUtc, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (IsRunning)
        {
            throw new InvalidOperationException($"The {Kind} clock is already running.");
        }

        Run(nowUtc, calendar);
    }

    /// <summary>Adds working days after the current due date. Only a running clock can be extended.</summary>
    public void Extend(int workingDays, WorkingDayCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(workingDays);
        ArgumentNullException.ThrowIfNull(calendar);
        if (DueAtUtc is not { } due)
        {
            throw new InvalidOperationException($"The {Kind} clock is paused; only a running clock can be extended.");
        }

        TotalWorkingDays += workingDays;
        DueAtUtc = WorkingDayCalendar.EndOfJakartaDayUtc(
            calendar.AddWorkingDays(WorkingDayCalendar.DueDateOf(due), workingDays));
    }

    public int WorkingDaysLeft(DateTime nowUtc, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return DueDate is { } dueDate
            ? calendar.WorkingDaysLeft(WorkingDayCalendar.JakartaDate(nowUtc), dueDate)
            : TotalWorkingDays - SpentWorkingDays;
    }

    public bool IsOverdue(DateTime nowUtc) => DueAtUtc is { } d && nowUtc >= d;

    private void Run(DateTime nowUtc, WorkingDayCalendar calendar)
    {
        var today = WorkingDayCalendar.JakartaDate(nowUtc);
        RunningSinceUtc = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        DueAtUtc = WorkingDayCalendar.EndOfJakartaDayUtc(
            calendar.AddWorkingDays(today, TotalWorkingDays - SpentWorkingDays));
    }
}
