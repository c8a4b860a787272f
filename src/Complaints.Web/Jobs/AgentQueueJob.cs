using Complaints.Core.Features.WhatsApp.Agents;
using Complaints.Web.WhatsApp;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>Every few seconds: hands queued WhatsApp conversations to the agents who have the console open on this
/// node (<see cref="AgentPresence"/>), tells waiting consumers their place, then puts chats whose agent went silent
/// back in the queue. Both steps scan the database, so a missed or repeated run is harmless.</summary>
[DisallowConcurrentExecution]
public sealed class AgentQueueJob(IServiceScopeFactory scopes, AgentPresence presence) : IJob
{
    public static readonly JobKey Key = new("agent-queue", "whatsapp");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var assigned = await scope.ServiceProvider.GetRequiredService<AssignQueuedConversations>()
            .HandleAsync(new(presence.Available()), cancellationToken);
        await using var second = scopes.CreateAsyncScope();
        var requeued = await second.ServiceProvider.GetRequiredService<RequeueSilentConversations>().HandleAsync(new(), cancellationToken);
        context.Result = assigned.Summary + "; " + requeued.Summary;
    }
}
