using Complaints.Core.Features.Notifications;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>Delivers the due outbox messages (<see cref="DispatchOutbox"/>). The dispatcher claims its rows, so
/// a second node or an overlapping run never sends a message twice.</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatchJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("outbox-dispatch", "notifications");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DispatchOutbox>().HandleAsync(new DispatchOutbox.Input(), cancellationToken);
        context.Result = result.Summary;
    }
}
