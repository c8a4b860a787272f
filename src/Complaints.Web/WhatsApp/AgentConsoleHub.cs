using Complaints.Core.Features.WhatsApp;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Complaints.Web.WhatsApp;

/// <summary>The live agent console: the server tells connected agents that a conversation changed (queued,
/// assigned, a message in or out); the page then reloads that part over HTTP, so the hub carries no case data.
/// A connection also marks its agent as available for the auto-assignment (<see cref="AgentPresence"/>).</summary>
[Authorize(Policy = Policies.RegulatorCaseWork)]
public sealed class AgentConsoleHub(AgentPresence presence) : Hub
{
    public const string Path = "/hubs/agents";

    public const string ConversationChanged = "conversationChanged";

    public override Task OnConnectedAsync()
    {
        var actor = Context.User!.ToActor();
        if (actor.UserId is { } userId && actor.Tier > 0)
        {
            presence.Connected(userId, actor.Tier);
        }

        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        var actor = Context.User!.ToActor();
        if (actor.UserId is { } userId && actor.Tier > 0)
        {
            presence.Disconnected(userId);
        }

        return base.OnDisconnectedAsync(exception);
    }
}

/// <summary><see cref="IConversationEvents"/> over SignalR. One node's hub reaches its own connections; with
/// several nodes a SignalR backplane is needed (README: scale path).</summary>
public sealed class SignalRConversationEvents(IHubContext<AgentConsoleHub> hub) : IConversationEvents
{
    public Task ConversationChangedAsync(Guid conversationId, CancellationToken ct = default) =>
        hub.Clients.All.SendAsync(AgentConsoleHub.ConversationChanged, conversationId, ct);
}
