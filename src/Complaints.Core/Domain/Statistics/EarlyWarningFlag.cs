namespace Complaints.Core.Domain.Statistics;

/// <summary>What an early-warning flag is about.</summary>
public enum WarningDimension
{
    Institution,
    Product,
    IssueCategory,
}

/// <summary>
/// An unusual rise in complaints found by the weekly early-warning job: for one institution, product or issue
/// category, the week's count against the trailing weeks' mean and spread. One flag per dimension, key and week,
/// so a re-run finds the same flag. Supervisors review it with the cases behind it.
/// </summary>
public sealed class EarlyWarningFlag
{
    public long Id { get; private set; }

    public WarningDimension Dimension { get; init; }

    /// <summary>The institution id, product code or issue-category code.</summary>
    public required string Key { get; init; }

    /// <summary>Monday of the flagged week (Jakarta dates).</summary>
    public DateOnly WeekStart { get; init; }

    public int Count { get; init; }

    /// <summary>The trailing weeks' mean and standard deviation the week was compared with.</summary>
    public double BaselineMean { get; init; }

    public double BaselineStdDev { get; init; }

    public DateTime CreatedAtUtc { get; init; }

    public DateTime? ReviewedAtUtc { get; set; }

    public string? ReviewedById { get; set; }

    public string? ReviewNote { get; set; }
}
