using Complaints.Core.Features.Administration;

namespace Complaints.Web.Areas.Regulator.Models;

/// <param name="Name">The job's key name; its label is the string "ops.job.{Name}".</param>
/// <param name="Run">Its last run, whichever node ran it; null when it never ran.</param>
/// <param name="NextRunUtc">From this node's scheduler; null when not scheduled here.</param>
public sealed record JobStatusRow(string Name, JobRunRow? Run, DateTime? NextRunUtc);

/// <param name="Scheduled">False on a node started with Jobs:Enabled=false: it runs no jobs and knows no next runs.</param>
public sealed record JobsPage(IReadOnlyList<JobStatusRow> Jobs, bool Scheduled, OutboxBacklog Backlog);

public sealed record OutboxListPage(OutboxPage Messages, string? Done);
