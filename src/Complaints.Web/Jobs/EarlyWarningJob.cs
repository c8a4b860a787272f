using Complaints.Core.Features.Statistics;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>Flags last week's unusual rises in complaints per institution, product and issue
/// (<see cref="DetectEarlyWarnings"/>) for supervisors. A repeated run adds nothing.</summary>
[DisallowConcurrentExecution]
public sealed class EarlyWarningJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("early-warning", "statistics");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DetectEarlyWarnings>().HandleAsync(new(), cancellationToken);
        context.Result = result.Summary;
    }
}
