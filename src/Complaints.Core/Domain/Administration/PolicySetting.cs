namespace Complaints.Core.Domain.Administration;

/// <summary>An administrator's value for one deadline duration (a property name of <c>DeadlinePolicy</c>),
/// replacing the configured default. Applies to clocks started after the change.</summary>
public sealed class PolicySetting
{
    public required string Key { get; init; }

    public int Value { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedById { get; set; }
}
