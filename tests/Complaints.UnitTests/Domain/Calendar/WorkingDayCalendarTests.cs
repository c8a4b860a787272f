using Complaints.Core.Domain.Calendar;

namespace Complaints.UnitTests.Domain.Calendar;

// Expected dates below were counted by hand from ReferenceData/holidays/holidays_2024_2027.csv.
public sealed class WorkingDayCalendarTests
{
    private static readonly WorkingDayCalendar Calendar = new(HolidayCsv.LoadShipped().Select(h => h.Date));

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Ten_working_days_from_before_Idul_Fitri_2025_skip_the_collective_leave()
    {
        // Thu 27 Mar; off: Fri 28 Mar (Nyepi leave), 31 Mar-4 Apr and Mon 7 Apr (Idulfitri), Fri 18 Apr (Good Friday).
        Assert.Equal(D(2025, 4, 22), Calendar.AddWorkingDays(D(2025, 3, 27), 10));
    }

    [Fact]
    public void First_working_day_after_Idul_Fitri_2025_is_Tuesday_8_April()
    {
        Assert.Equal(D(2025, 4, 8), Calendar.AddWorkingDays(D(2025, 3, 27), 1));
    }

    [Fact]
    public void Five_working_days_from_before_Idul_Fitri_2026_skip_Nyepi_and_the_leave()
    {
        // Tue 17 Mar; off: Wed 18 - Tue 24 Mar 2026.
        Assert.Equal(D(2026, 3, 31), Calendar.AddWorkingDays(D(2026, 3, 17), 5));
    }

    [Fact]
    public void Ten_working_days_from_before_Idul_Fitri_2026_also_skip_Good_Friday()
    {
        Assert.Equal(D(2026, 4, 8), Calendar.AddWorkingDays(D(2026, 3, 17), 10));
    }

    [Fact]
    public void Ten_working_days_from_Christmas_Eve_2025_skip_Christmas_leave_and_New_Year()
    {
        // Off: Thu 25, Fri 26 Dec 2025, Thu 1 Jan 2026.
        Assert.Equal(D(2026, 1, 12), Calendar.AddWorkingDays(D(2025, 12, 24), 10));
    }

    [Fact]
    public void Twenty_working_days_from_Christmas_Eve_2025_also_skip_Isra_Mikraj()
    {
        // Fri 16 Jan 2026 is Isra Mikraj.
        Assert.Equal(D(2026, 1, 27), Calendar.AddWorkingDays(D(2025, 12, 24), 20));
    }

    [Fact]
    public void Ten_working_days_across_the_2026_2027_boundary_skip_Christmas_New_Year_and_Isra_Mikraj()
    {
        // Off: Thu 24 (leave), Fri 25 Dec 2026, Fri 1 Jan 2027, Tue 5 Jan 2027.
        Assert.Equal(D(2027, 1, 12), Calendar.AddWorkingDays(D(2026, 12, 23), 10));
    }

    [Fact]
    public void Working_days_between_counts_after_the_start_up_to_and_including_the_end()
    {
        Assert.Equal(10, Calendar.WorkingDaysBetween(D(2025, 3, 27), D(2025, 4, 22)));
        Assert.Equal(10, Calendar.WorkingDaysBetween(D(2025, 12, 24), D(2026, 1, 12)));
        Assert.Equal(9, Calendar.WorkingDaysBetween(D(2025, 12, 24), D(2026, 1, 9)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(D(2025, 3, 27), D(2025, 4, 7)));
    }

    [Fact]
    public void Working_days_between_is_zero_when_the_end_is_not_after_the_start()
    {
        Assert.Equal(0, Calendar.WorkingDaysBetween(D(2025, 4, 22), D(2025, 4, 22)));
        Assert.Equal(0, Calendar.WorkingDaysBetween(D(2025, 4, 22), D(2025, 3, 27)));
    }

    [Fact]
    public void Working_days_left_counts_the_due_date_but_not_today()
    {
        Assert.Equal(1, Calendar.WorkingDaysLeft(D(2025, 4, 21), D(2025, 4, 22)));
        Assert.Equal(2, Calendar.WorkingDaysLeft(D(2025, 4, 17), D(2025, 4, 22)));
        Assert.Equal(0, Calendar.WorkingDaysLeft(D(2025, 4, 22), D(2025, 4, 22)));
        Assert.Equal(0, Calendar.WorkingDaysLeft(D(2025, 4, 23), D(2025, 4, 22)));
    }

    [Fact]
    public void Weekends_holidays_and_collective_leave_are_not_working_days()
    {
        Assert.False(Calendar.IsWorkingDay(D(2025, 4, 5)));  // Saturday
        Assert.False(Calendar.IsWorkingDay(D(2025, 4, 6)));  // Sunday
        Assert.False(Calendar.IsWorkingDay(D(2025, 3, 31))); // Idulfitri, national holiday
        Assert.False(Calendar.IsWorkingDay(D(2025, 4, 7)));  // Idulfitri, collective leave
        Assert.False(Calendar.IsWorkingDay(D(2025, 8, 18))); // leave added by the 2025 amendment
        Assert.True(Calendar.IsWorkingDay(D(2025, 4, 8)));
        Assert.True(Calendar.IsWorkingDay(D(2025, 8, 19)));
    }

    [Fact]
    public void Weekends_are_off_even_with_an_empty_calendar()
    {
        var bare = new WorkingDayCalendar([]);
        Assert.False(bare.IsWorkingDay(D(2025, 3, 29)));
        Assert.True(bare.IsWorkingDay(D(2025, 3, 31)));
        Assert.Equal(D(2025, 3, 31), bare.AddWorkingDays(D(2025, 3, 28), 1));
    }

    [Fact]
    public void Adding_zero_working_days_returns_the_start_even_on_a_holiday()
    {
        Assert.Equal(D(2025, 4, 1), Calendar.AddWorkingDays(D(2025, 4, 1), 0));
    }

    [Fact]
    public void Adding_negative_working_days_throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Calendar.AddWorkingDays(D(2025, 4, 1), -1));
    }

    [Fact]
    public void Jakarta_is_UTC_plus_seven_all_year()
    {
        Assert.Equal(TimeSpan.FromHours(7), WorkingDayCalendar.Jakarta.BaseUtcOffset);
        Assert.Equal(TimeSpan.FromHours(7), WorkingDayCalendar.Jakarta.GetUtcOffset(new DateTime(2025, 1, 15, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(TimeSpan.FromHours(7), WorkingDayCalendar.Jakarta.GetUtcOffset(new DateTime(2026, 7, 15, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void The_Jakarta_date_turns_over_at_17_00_UTC()
    {
        var before = new DateTime(2025, 3, 27, 16, 59, 59, DateTimeKind.Utc);
        var at = new DateTime(2025, 3, 27, 17, 0, 0, DateTimeKind.Utc);
        Assert.Equal(D(2025, 3, 27), WorkingDayCalendar.JakartaDate(before));
        Assert.Equal(D(2025, 3, 28), WorkingDayCalendar.JakartaDate(at));
        Assert.Equal(D(2025, 3, 28), WorkingDayCalendar.JakartaDate(new DateTime(2025, 3, 28, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Unspecified_times_are_read_as_UTC_and_local_times_are_refused()
    {
        Assert.Equal(D(2025, 3, 28), WorkingDayCalendar.JakartaDate(new DateTime(2025, 3, 27, 17, 0, 0, DateTimeKind.Unspecified)));
        Assert.Throws<ArgumentException>(() => WorkingDayCalendar.JakartaDate(new DateTime(2025, 3, 27, 17, 0, 0, DateTimeKind.Local)));
    }

    [Fact]
    public void A_Jakarta_day_ends_at_17_00_UTC_the_same_date()
    {
        var end = WorkingDayCalendar.EndOfJakartaDayUtc(D(2025, 12, 31));
        Assert.Equal(new DateTime(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc), end);
        Assert.Equal(DateTimeKind.Utc, end.Kind);
    }

    [Fact]
    public void The_due_date_of_an_end_of_day_instant_is_that_day()
    {
        Assert.Equal(D(2025, 12, 31), WorkingDayCalendar.DueDateOf(new DateTime(2025, 12, 31, 17, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(D(2026, 1, 1), WorkingDayCalendar.DueDateOf(new DateTime(2025, 12, 31, 17, 0, 0, 1, DateTimeKind.Utc)));
        Assert.Equal(D(2025, 4, 22), WorkingDayCalendar.DueDateOf(WorkingDayCalendar.EndOfJakartaDayUtc(D(2025, 4, 22))));
    }

    // HolidayCsv: the calendar's data source.

    [Fact]
    public void The_shipped_calendar_holds_106_days_for_2024_to_2027()
    {
        var rows = HolidayCsv.LoadShipped();
        Assert.Equal(106, rows.Count);
        Assert.Equal(69, rows.Count(r => r.Type == HolidayType.NationalHoliday));
        Assert.Equal(37, rows.Count(r => r.Type == HolidayType.CollectiveLeave));
        Assert.Equal(D(2024, 1, 1), rows.Min(r => r.Date));
        Assert.Equal(D(2027, 12, 26), rows.Max(r => r.Date));
        Assert.Contains(new HolidayRow(D(2025, 4, 7), "Idulfitri 1446 Hijriah", HolidayType.CollectiveLeave), rows);
    }

    [Fact]
    public void A_quoted_field_may_hold_commas_and_doubled_quotes()
    {
        const string csv = """"
            date,year,name,type,type_id,falls_on_weekend,amended_by
            2025-08-18,2025,"Cuti Bersama, ""Proklamasi""",joint_leave,cuti_bersama,False,"SKB Nomor 933, 1, dan 3 Tahun 2025"
            2028-01-02,2028,Hari Pemilu,election_day,libur,False,

            """";
        var rows = HolidayCsv.Parse(new StringReader(csv));
        Assert.Equal(
            [
                new HolidayRow(D(2025, 8, 18), "Cuti Bersama, \"Proklamasi\"", HolidayType.CollectiveLeave),
                new HolidayRow(D(2028, 1, 2), "Hari Pemilu", HolidayType.Special),
            ],
            rows);
    }

    [Theory]
    [InlineData("2025-13-01,2025,Bad month,national_holiday,x,False,", "Line 3")]
    [InlineData("2025-01-01,2025,\"Unclosed,national_holiday,x,False,", "Line 3")]
    [InlineData("2025-01-01,2025,Too few,national_holiday", "Line 3")]
    public void A_bad_row_throws_naming_its_line(string badRow, string expected)
    {
        var csv = "date,year,name,type,type_id,falls_on_weekend,amended_by\n"
            + "2025-01-01,2025,Tahun Baru,national_holiday,x,False,\n"
            + badRow + "\n";
        var error = Assert.Throws<FormatException>(() => HolidayCsv.Parse(new StringReader(csv)));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
