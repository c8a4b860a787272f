using Complaints.Core.Features.Administration;

namespace Complaints.Web.Areas.Regulator.Models;

public sealed class HolidayForm
{
    /// <summary>As typed (yyyy-MM-dd from the date input), so a refused form shows it again.</summary>
    public string? Date { get; set; }
    public string? Name { get; set; }
}

/// <param name="Typed">What the administrator typed, by duration key, when the form was refused; otherwise empty.</param>
public sealed record SettingsDeadlinesPage(IReadOnlyList<PolicyDurationRow> Durations, IReadOnlyDictionary<string, string?> Typed, string? Done);

public sealed record SettingsCalendarPage(CalendarYearView Calendar, HolidayForm Form, string? Done);

public sealed record SettingsAuditPage(AuditList Entries);
