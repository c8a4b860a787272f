using Complaints.Core.Features.Tracking;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>Erases the PINs whose validity after closure has run out (<see cref="ExpirePins"/>). A missed day is
/// caught up by the next run; a repeated run finds nothing.</summary>
[DisallowConcurrentExecution]
public sealed class ExpiredPinJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("pin-expiry", "tracking");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ExpirePins>().HandleAsync(new(), cancellationToken);
        context.Result = result.Summary;
    }
}
