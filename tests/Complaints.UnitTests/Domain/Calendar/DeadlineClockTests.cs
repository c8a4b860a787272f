using Complaints.Core.Domain.Calendar;

namespace Complaints.UnitTests.Domain.Calendar;

// Expected dates below were counted by hand from ReferenceData/holidays/holidays_2024_2027.csv.
public sealed class DeadlineClockTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidayCsv.LoadShipped().Select(h => h.Date));

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    // 09:00 WIB on a Jakarta date.
    private static DateTime MorningInJakarta(int year, int month, int day) => Utc(year, month, day, 2);

    [Fact]
    public void A_started_clock_is_due_at_the_end_of_the_tenth_working_day_in_Jakarta()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, MorningInJakarta(2025, 3, 27), Calendar);

        Assert.Equal(ClockKind.InstitutionResponse, clock.Kind);
        Assert.True(clock.IsRunning);
        Assert.Equal(10, clock.TotalWorkingDays);
        Assert.Equal(0, clock.SpentWorkingDays);
        Assert.Equal(MorningInJakarta(2025, 3, 27), clock.RunningSinceUtc);
        Assert.Equal(new DateOnly(2025, 4, 22), clock.DueDate);
        Assert.Equal(Utc(2025, 4, 22, 17), clock.DueAtUtc);
    }

    [Fact]
    public void A_clock_started_after_17_00_UTC_counts_from_the_next_Jakarta_day()
    {
        // 18:00 UTC on Wed 26 Mar is 01:00 WIB on Thu 27 Mar.
        var lateNight = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, Utc(2025, 3, 26, 18), Calendar);
        var afternoon = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, Utc(2025, 3, 26, 9), Calendar);

        Assert.Equal(new DateOnly(2025, 4, 22), lateNight.DueDate);
        Assert.Equal(new DateOnly(2025, 4, 21), afternoon.DueDate);
    }

    [Fact]
    public void A_ten_day_clock_paused_after_three_working_days_and_resumed_two_weeks_later_keeps_seven_left()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, MorningInJakarta(2025, 10, 6), Calendar); // Monday
        Assert.Equal(new DateOnly(2025, 10, 20), clock.DueDate);

        clock.Pause(MorningInJakarta(2025, 10, 9), Calendar); // Thursday: Tue, Wed, Thu spent

        Assert.False(clock.IsRunning);
        Assert.Null(clock.DueAtUtc);
        Assert.Null(clock.DueDate);
        Assert.Null(clock.RunningSinceUtc);
        Assert.Equal(3, clock.SpentWorkingDays);
        Assert.Equal(7, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 16), Calendar));
        Assert.False(clock.IsOverdue(Utc(2026, 1, 1)));

        clock.Resume(MorningInJakarta(2025, 10, 23), Calendar); // two weeks later

        Assert.True(clock.IsRunning);
        Assert.Equal(7, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 23), Calendar));
        Assert.Equal(new DateOnly(2025, 11, 3), clock.DueDate);
        Assert.Equal(Utc(2025, 11, 3, 17), clock.DueAtUtc);
        Assert.Equal(10, clock.TotalWorkingDays);
    }

    [Fact]
    public void A_clock_paused_before_Idul_Fitri_2026_resumes_after_it_with_the_days_it_had_left()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, MorningInJakarta(2026, 3, 11), Calendar); // Wednesday
        clock.Pause(MorningInJakarta(2026, 3, 16), Calendar); // Thu 12, Fri 13, Mon 16 spent
        Assert.Equal(3, clock.SpentWorkingDays);

        clock.Resume(MorningInJakarta(2026, 3, 30), Calendar);

        // 7 more: 31 Mar, 1-2 Apr, (Good Friday 3 Apr), 6-9 Apr.
        Assert.Equal(new DateOnly(2026, 4, 9), clock.DueDate);
    }

    [Fact]
    public void Pausing_and_resuming_on_the_same_day_keeps_the_due_date()
    {
        var clock = DeadlineClock.Start(ClockKind.ConsumerDecision, 10, MorningInJakarta(2025, 10, 6), Calendar);
        clock.Pause(MorningInJakarta(2025, 10, 8), Calendar);
        clock.Resume(Utc(2025, 10, 8, 8), Calendar);

        Assert.Equal(new DateOnly(2025, 10, 20), clock.DueDate);
    }

    [Fact]
    public void Days_spent_are_capped_at_the_period_when_paused_after_the_deadline()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 5, MorningInJakarta(2025, 10, 6), Calendar);
        clock.Pause(MorningInJakarta(2025, 11, 3), Calendar);

        Assert.Equal(5, clock.SpentWorkingDays);
        Assert.Equal(0, clock.WorkingDaysLeft(MorningInJakarta(2025, 11, 3), Calendar));

        clock.Resume(MorningInJakarta(2025, 11, 10), Calendar);
        Assert.Equal(new DateOnly(2025, 11, 10), clock.DueDate);
    }

    [Fact]
    public void Extending_a_running_clock_adds_working_days_after_the_current_due_date()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, MorningInJakarta(2025, 10, 6), Calendar);

        clock.Extend(10, Calendar);

        Assert.Equal(20, clock.TotalWorkingDays);
        Assert.Equal(new DateOnly(2025, 11, 3), clock.DueDate);
        Assert.Equal(Utc(2025, 11, 3, 17), clock.DueAtUtc);
        Assert.Equal(20, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 6), Calendar));
    }

    [Fact]
    public void Extending_across_Idul_Fitri_2025_skips_the_holidays()
    {
        // Started Thu 13 Mar 2025: due Thu 27 Mar; ten more skip 28 Mar - 7 Apr and Good Friday 18 Apr.
        var clock = DeadlineClock.Start(ClockKind.Facilitation, 10, MorningInJakarta(2025, 3, 13), Calendar);
        Assert.Equal(new DateOnly(2025, 3, 27), clock.DueDate);

        clock.Extend(10, Calendar);

        Assert.Equal(new DateOnly(2025, 4, 22), clock.DueDate);
        Assert.Equal(20, clock.TotalWorkingDays);
    }

    [Fact]
    public void An_extended_clock_paused_and_resumed_keeps_the_extension()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, MorningInJakarta(2025, 10, 6), Calendar);
        clock.Extend(10, Calendar);
        clock.Pause(MorningInJakarta(2025, 10, 9), Calendar);

        Assert.Equal(17, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 9), Calendar));
        clock.Resume(MorningInJakarta(2025, 10, 9), Calendar);
        Assert.Equal(new DateOnly(2025, 11, 3), clock.DueDate);
    }

    [Fact]
    public void Working_days_left_counts_down_to_zero_on_the_due_date()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, MorningInJakarta(2025, 10, 6), Calendar);

        Assert.Equal(10, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 6), Calendar));
        Assert.Equal(6, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 10), Calendar));
        Assert.Equal(1, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 17), Calendar));
        Assert.Equal(0, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 20), Calendar));
        Assert.Equal(0, clock.WorkingDaysLeft(MorningInJakarta(2025, 10, 27), Calendar));
    }

    [Fact]
    public void A_clock_is_overdue_from_midnight_WIB_after_the_due_date()
    {
        var clock = DeadlineClock.Start(ClockKind.InstitutionResponse, 10, MorningInJakarta(2025, 10, 6), Calendar);
        var due = Utc(2025, 10, 20, 17);

        Assert.False(clock.IsOverdue(due.AddTicks(-1)));
        Assert.True(clock.IsOverdue(due));
        Assert.True(clock.IsOverdue(due.AddDays(3)));
    }

    [Fact]
    public void Pausing_a_paused_clock_throws()
    {
        var clock = DeadlineClock.Start(ClockKind.ConsumerDocuments, 20, MorningInJakarta(2025, 10, 6), Calendar);
        clock.Pause(MorningInJakarta(2025, 10, 7), Calendar);

        Assert.Throws<InvalidOperationException>(() => clock.Pause(MorningInJakarta(2025, 10, 8), Calendar));
    }

    [Fact]
    public void Resuming_a_running_clock_throws()
    {
        var clock = DeadlineClock.Start(ClockKind.ConsumerDocuments, 20, MorningInJakarta(2025, 10, 6), Calendar);

        Assert.Throws<InvalidOperationException>(() => clock.Resume(MorningInJakarta(2025, 10, 8), Calendar));
    }

    [Fact]
    public void Extending_a_paused_clock_throws()
    {
        var clock = DeadlineClock.Start(ClockKind.Facilitation, 30, MorningInJakarta(2025, 10, 6), Calendar);
        clock.Pause(MorningInJakarta(2025, 10, 7), Calendar);

        Assert.Throws<InvalidOperationException>(() => clock.Extend(30, Calendar));
        Assert.Equal(30, clock.TotalWorkingDays);
    }

    [Fact]
    public void A_clock_needs_a_positive_period()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DeadlineClock.Start(ClockKind.Facilitation, 0, MorningInJakarta(2025, 10, 6), Calendar));
        var clock = DeadlineClock.Start(ClockKind.Facilitation, 30, MorningInJakarta(2025, 10, 6), Calendar);
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Extend(-1, Calendar));
    }
}
