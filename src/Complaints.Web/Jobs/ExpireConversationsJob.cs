using Complaints.Core.Features.WhatsApp.Chatbot;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>Closes WhatsApp conversations idle for a day (<see cref="ExpireIdleConversations"/>). A missed run is
/// caught up by the next; a repeated run finds nothing.</summary>
[DisallowConcurrentExecution]
public sealed class ExpireConversationsJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("conversation-expiry", "whatsapp");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ExpireIdleConversations>().HandleAsync(new(), cancellationToken);
        context.Result = result.Summary;
    }
}
