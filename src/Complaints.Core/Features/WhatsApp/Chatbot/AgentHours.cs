using Complaints.Core.Domain.Calendar;

namespace Complaints.Core.Features.WhatsApp.Chatbot;

/// <summary>When agents answer WhatsApp: between <see cref="WhatsAppOptions.AgentHoursStart"/> and
/// <see cref="WhatsAppOptions.AgentHoursEnd"/> Jakarta time on the calendar's working days (no weekends, no holidays).</summary>
public static class AgentHours
{
    public static bool IsOpen(DateTime utcNow, WorkingDayCalendar calendar, WhatsAppOptions options)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), WorkingDayCalendar.Jakarta);
        var time = TimeOnly.FromDateTime(local);
        return calendar.IsWorkingDay(DateOnly.FromDateTime(local)) && time >= options.AgentHoursStart && time < options.AgentHoursEnd;
    }

    /// <summary>The next opening, as a Jakarta date and time: today's start when it is still ahead, else the next
    /// working day's.</summary>
    public static (DateOnly Day, TimeOnly Time) NextOpening(DateTime utcNow, WorkingDayCalendar calendar, WhatsAppOptions options)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utcNow, DateTimeKind.Utc), WorkingDayCalendar.Jakarta);
        var today = DateOnly.FromDateTime(local);
        if (calendar.IsWorkingDay(today) && TimeOnly.FromDateTime(local) < options.AgentHoursStart)
        {
            return (today, options.AgentHoursStart);
        }

        var day = today.AddDays(1);
        // A year always has working days; the bound only guards against a corrupt calendar.
        for (var i = 0; i < 366 && !calendar.IsWorkingDay(day); i++)
        {
            day = day.AddDays(1);
        }

        return (day, options.AgentHoursStart);
    }
}
