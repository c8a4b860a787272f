namespace Complaints.Core.Features.Statistics;

/// <summary>Section "EarlyWarning": how the weekly job tells an unusual rise from ordinary noise
/// (<see cref="DetectEarlyWarnings"/> explains the statistic).</summary>
public sealed class EarlyWarningOptions
{
    public const string Section = "EarlyWarning";

    /// <summary>Weeks before the examined one that make its baseline.</summary>
    public int TrailingWeeks { get; set; } = 8;

    /// <summary>A week with fewer complaints than this is never flagged, however quiet the baseline was.</summary>
    public int MinCount { get; set; } = 10;

    /// <summary>k: flag when the week's count exceeds the baseline mean by more than k spreads.</summary>
    public double Threshold { get; set; } = 3.0;
}
