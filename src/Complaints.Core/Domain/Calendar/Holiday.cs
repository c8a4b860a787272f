namespace Complaints.Core.Domain.Calendar;

/// <summary>A day that is not a working day besides weekends: a national holiday, collective leave, or a
/// one-off day off such as an election day.</summary>
public sealed class Holiday
{
    public DateOnly Date { get; set; }

    public required string Name { get; set; }

    public HolidayType Type { get; set; }
}
