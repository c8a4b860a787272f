namespace Complaints.Core.Domain.Administration;

/// <summary>The last run of a background job, whichever node ran it: shown to administrators on the jobs page.</summary>
public sealed class JobRun
{
    public required string JobName { get; init; }

    public DateTime? LastStartedAtUtc { get; set; }

    public DateTime? LastFinishedAtUtc { get; set; }

    public long? LastDurationMs { get; set; }

    /// <summary>What the run reported (e.g. "12 sent, 1 failed").</summary>
    public string? LastResult { get; set; }

    public bool LastSucceeded { get; set; }

    public string? LastError { get; set; }

    public DateTime? LastErrorAtUtc { get; set; }

    /// <summary>The scheduler instance that ran it last.</summary>
    public string? LastNode { get; set; }

    public long RunCount { get; set; }

    public long FailureCount { get; set; }
}
