using Complaints.Core.Features.WhatsApp;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Complaints.Web.WhatsApp;

/// <summary>The live agent console: the server tells connected agents that a conversation changed (queued,
/// assigned, a message in or out); the page then reloads that part over HTTP, so the hub carries no case data.</summary>
[Authorize(Policy = Policies.RegulatorCaseWork)]
public sealed class AgentConsoleHub : Hub
{
    public const string Path = "/hubs/agents";

    public const string ConversationChanged = "conversationChanged";
}

/// <summary><see cref="IConversationEvents"/> over SignalR. One node's hub reaches its own connections; with
/// several nodes a SignalR backplane is needed (README: scale path).</summary>
public sealed class SignalRConversationEvents(IHubContext<AgentConsoleHub> hub) : IConversationEvents
{
    public Task ConversationChangedAsync(Guid conversationId, CancellationToken ct = default) =>
        hub.Clients.All.SendAsync(AgentConsoleHub.ConversationChanged, conversationId, ct);
}
