namespace Complaints.Core.Domain.Cases;

public enum MeetingKind
{
    Clarification,
    Facilitation,
}

/// <summary>A clarification meeting or a facilitation session the regulator holds with both parties.</summary>
public sealed class CaseMeeting
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    public MeetingKind Kind { get; init; }

    public DateTime ScheduledAtUtc { get; set; }

    /// <summary>A place, or empty when online.</summary>
    public string? Location { get; set; }

    public string? VideoLink { get; set; }

    public string? Participants { get; set; }

    public string? Minutes { get; set; }

    public DateTime CreatedAtUtc { get; init; }

    public string? CreatedById { get; init; }
}
