using System.Collections.Concurrent;
using Complaints.Core.Features.WhatsApp.Agents;

namespace Complaints.Web.WhatsApp;

/// <summary>
/// Who has the agent console open on this node: user id → open connections and tier, fed by the hub. The
/// auto-assignment hands chats only to these agents ("available" = console open). Per node: with several nodes
/// each node's job sees its own connections, like the hub itself (README: scale path, SignalR backplane).
/// </summary>
public sealed class AgentPresence
{
    private readonly ConcurrentDictionary<string, (int Connections, int Tier)> _agents = new();

    public void Connected(string userId, int tier) =>
        _agents.AddOrUpdate(userId, (1, tier), (_, current) => (current.Connections + 1, Math.Max(current.Tier, tier)));

    public void Disconnected(string userId)
    {
        while (_agents.TryGetValue(userId, out var current))
        {
            var updated = current.Connections <= 1
                ? _agents.TryRemove(new KeyValuePair<string, (int, int)>(userId, current))
                : _agents.TryUpdate(userId, (current.Connections - 1, current.Tier), current);
            if (updated)
            {
                return;
            }
        }
    }

    public IReadOnlyList<AssignQueuedConversations.AvailableAgent> Available() =>
        [.. _agents.Where(a => a.Value.Connections > 0).Select(a => new AssignQueuedConversations.AvailableAgent(a.Key, a.Value.Tier))];
}
