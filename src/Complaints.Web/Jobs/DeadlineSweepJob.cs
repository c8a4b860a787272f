using Complaints.Core.Features.Deadlines;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>Fires the automatic move of every overdue case (<see cref="SweepDeadlines"/>). Holds no state: a
/// missed or repeated run is harmless.</summary>
[DisallowConcurrentExecution]
public sealed class DeadlineSweepJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("deadline-sweep", "deadlines");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SweepDeadlines>().HandleAsync(new(), cancellationToken);
        context.Result = result.Skipped == 0 ? $"{result.Total} moved" : $"{result.Total} moved, {result.Skipped} skipped";
    }
}
