using Complaints.Core.Features.Notifications;
using Complaints.Core.Features.WhatsApp;
using Complaints.Web.WhatsApp;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>
/// Works the WhatsApp inbox (<see cref="ProcessWhatsAppInbox"/>), then delivers the outbox
/// (<see cref="DispatchOutbox"/>) so the chatbot's replies leave within a second of the consumer's message. The
/// webhook triggers it after storing events; its schedule is a safety net for a lost trigger or a retry. One run
/// at a time across the cluster: that is what keeps each sender's messages in order.
/// </summary>
[DisallowConcurrentExecution]
public sealed class WhatsAppInboxJob(IServiceScopeFactory scopes, WhatsAppInboxTrigger trigger) : IJob
{
    public static readonly JobKey Key = new("whatsapp-inbox", "whatsapp");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        trigger.Started();
        await using var scope = scopes.CreateAsyncScope();
        var inbox = await scope.ServiceProvider.GetRequiredService<ProcessWhatsAppInbox>().HandleAsync(new(), cancellationToken);
        var outbox = await scope.ServiceProvider.GetRequiredService<DispatchOutbox>().HandleAsync(new(), cancellationToken);
        context.Result = $"{inbox.Summary}; {outbox.Summary}";
    }
}
