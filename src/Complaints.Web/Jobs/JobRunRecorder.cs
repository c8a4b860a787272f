using Complaints.Core.Data;
using Complaints.Core.Domain.Administration;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>
/// Keeps one <see cref="JobRun"/> row per job up to date from whichever node runs it: the start when it starts,
/// the outcome (the job's result text, or its error) when it ends. The administrators' jobs page reads it.
/// Recording is best effort: a failure here is logged and never fails or delays the job itself.
/// </summary>
public sealed class JobRunRecorder(IServiceScopeFactory scopes, ILogger<JobRunRecorder> logger) : IJobListener
{
    public string Name => nameof(JobRunRecorder);

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        RecordAsync(context, (run, now) =>
        {
            run.LastStartedAtUtc = now;
            run.LastFinishedAtUtc = null;
            run.LastDurationMs = null;
            run.LastNode = Clip(context.Scheduler?.SchedulerInstanceId, 200);
        }, cancellationToken);

    public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default) =>
        RecordAsync(context, (run, now) =>
        {
            run.LastFinishedAtUtc = now;
            run.LastDurationMs = (long)context.JobRunTime.TotalMilliseconds;
            run.LastNode = Clip(context.Scheduler?.SchedulerInstanceId, 200);
            run.RunCount++;
            run.LastSucceeded = jobException is null;
            if (jobException is null)
            {
                run.LastResult = Clip(context.Result?.ToString(), 500);
            }
            else
            {
                // Quartz wraps what the job threw; the administrator wants the job's own message.
                var error = jobException.InnerException ?? jobException;
                run.LastResult = null;
                run.LastError = Clip($"{error.GetType().Name}: {error.Message}", 2_000);
                run.LastErrorAtUtc = now;
                run.FailureCount++;
            }
        }, cancellationToken);

    private async ValueTask RecordAsync(IJobExecutionContext context, Action<JobRun, DateTime> change, CancellationToken ct)
    {
        var name = context.JobDetail.Key.Name;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<ComplaintsDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var run = await db.JobRuns.FirstOrDefaultAsync(j => j.JobName == name, ct);
            if (run is null)
            {
                run = new JobRun { JobName = name };
                db.JobRuns.Add(run);
            }

            change(run, now);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not record the run of job {Job}", name);
        }
        catch (OperationCanceledException)
        {
            // Shutting down; the next run records again.
        }
    }

    private static string? Clip(string? value, int length) =>
        value is { Length: var l } && l > length ? value[..length] : value;
}
