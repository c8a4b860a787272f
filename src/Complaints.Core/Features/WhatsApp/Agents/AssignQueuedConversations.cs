using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>
/// Auto-assignment, run by a job: each queued conversation, oldest first, goes to the available agent of a high
/// enough tier holding the fewest chats, never beyond <see cref="WhatsAppOptions.MaxChatsPerAgent"/>. "Available"
/// is decided by the caller: the web app passes the agents who have the console open (connected to its hub), so
/// nobody is handed a chat while away. Consumers still waiting are told their place when it changed, at most once
/// per <see cref="PositionNoticeInterval"/>.
/// </summary>
public sealed class AssignQueuedConversations(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    IConversationEvents events,
    IStringLocalizerFactory localizers,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock)
{
    public static readonly TimeSpan PositionNoticeInterval = TimeSpan.FromMinutes(5);

    public sealed record AvailableAgent(string UserId, int Tier);

    public sealed record Input(IReadOnlyList<AvailableAgent> Agents);

    public sealed record Result(int Assigned, int Told, int StillQueued)
    {
        public string Summary => string.Create(CultureInfo.InvariantCulture, $"assigned {Assigned}, told {Told}, queued {StillQueued}");
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var max = options.Value.MaxChatsPerAgent;
        var agents = input.Agents.Where(a => a.Tier > 0).DistinctBy(a => a.UserId).ToList();
        var ids = agents.Select(a => a.UserId).ToList();
        var load = ids.Count == 0
            ? []
            : await db.Conversations
                .Where(c => c.State == ConversationState.WithAgent && ids.Contains(c.AgentUserId!))
                .GroupBy(c => c.AgentUserId!)
                .Select(g => new { UserId = g.Key, Count = g.Count() })
                .ToDictionaryAsync(x => x.UserId, x => x.Count, ct);
        var queued = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.Queued)
            .OrderBy(c => c.QueuedAtUtc).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.Tier })
            .ToListAsync(ct);

        var assigned = 0;
        var changed = new List<Guid>();
        var waiting = new List<Guid>();
        foreach (var item in queued)
        {
            var agent = agents
                .Where(a => a.Tier >= item.Tier && load.GetValueOrDefault(a.UserId) < max)
                .OrderBy(a => load.GetValueOrDefault(a.UserId)).ThenBy(a => a.Tier).ThenBy(a => a.UserId, StringComparer.Ordinal)
                .FirstOrDefault();
            if (agent is null)
            {
                waiting.Add(item.Id);
                continue;
            }

            db.ChangeTracker.Clear();
            var conversation = await db.Conversations.FirstOrDefaultAsync(c => c.Id == item.Id && c.State == ConversationState.Queued, ct);
            if (conversation is null)
            {
                continue;
            }

            var now = clock.GetUtcNow().UtcDateTime;
            AgentWork.Assign(conversation, agent.UserId, now);
            AgentWork.Greet(replies, localizers, conversation, await AgentWork.FirstNameAsync(db, agent.UserId, ct), agent.UserId, now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // An agent took it by hand meanwhile; the agent's load is recounted on the next run.
                continue;
            }

            load[agent.UserId] = load.GetValueOrDefault(agent.UserId) + 1;
            assigned++;
            changed.Add(conversation.Id);
        }

        db.ChangeTracker.Clear();
        var told = await TellPositionsAsync(waiting, ct);
        foreach (var id in changed.Concat(told))
        {
            await events.ConversationChangedAsync(id, ct);
        }

        return new(assigned, told.Count, waiting.Count);
    }

    /// <summary>The place is counted in the whole queue (all tiers), as the consumer experiences it.</summary>
    private async Task<List<Guid>> TellPositionsAsync(List<Guid> waiting, CancellationToken ct)
    {
        var told = new List<Guid>();
        if (waiting.Count == 0)
        {
            return told;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        // Few rows: at most one notice per conversation per interval.
        var notices = await db.ConversationMessages.AsNoTracking()
            .Where(m => waiting.Contains(m.ConversationId) && m.Author.StartsWith(AgentWork.QueueAuthorPrefix))
            .Select(m => new { m.Id, m.ConversationId, m.Author, m.AtUtc })
            .ToListAsync(ct);
        var byConversation = notices.GroupBy(n => n.ConversationId).ToDictionary(g => g.Key, g => g.MaxBy(n => n.Id)!);
        var conversations = await db.Conversations.Where(c => waiting.Contains(c.Id) && c.State == ConversationState.Queued).ToDictionaryAsync(c => c.Id, ct);
        for (var i = 0; i < waiting.Count; i++)
        {
            if (!conversations.TryGetValue(waiting[i], out var conversation) || !AgentWork.InWindow(conversation, now))
            {
                continue;
            }

            var position = i + 1;
            var author = AgentWork.QueueAuthorPrefix + position.ToString(CultureInfo.InvariantCulture);
            if (byConversation.TryGetValue(conversation.Id, out var last) && (last.Author == author || now - last.AtUtc < PositionNoticeInterval))
            {
                continue;
            }

            replies.Text(conversation, AgentWork.ForConsumer(localizers, conversation, "agents.consumer.position", position), author);
            conversation.Version++;
            told.Add(conversation.Id);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // One was taken meanwhile; the notices are told again on the next run.
            db.ChangeTracker.Clear();
            return [];
        }

        return told;
    }
}
