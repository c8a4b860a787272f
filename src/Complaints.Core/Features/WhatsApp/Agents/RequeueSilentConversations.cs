using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>
/// A consumer left waiting by their agent for <see cref="WhatsAppOptions.AgentReplyTimeout"/> goes back to the
/// queue, at the front (the original queue time is kept). Waiting means: no agent reply since the assignment, or a
/// consumer message newer than the agent's last reply. A consumer who stopped answering keeps their agent.
/// </summary>
public sealed class RequeueSilentConversations(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    IConversationEvents events,
    IStringLocalizerFactory localizers,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock)
{
    public sealed record Input;

    public sealed record Result(int Requeued)
    {
        public string Summary => string.Create(CultureInfo.InvariantCulture, $"requeued {Requeued}");
    }

    /// <summary>Since when the consumer has been waiting for the agent, or null when the agent spoke last.</summary>
    public static DateTime? WaitingSince(Conversation c) =>
        c.LastAgentReplyAtUtc is not { } replied ? c.AssignedAtUtc
        : c.LastInboundAtUtc > replied ? c.LastInboundAtUtc
        : null;

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        _ = input;
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now - options.Value.AgentReplyTimeout;
        var candidates = await db.Conversations
            .Where(c => c.State == ConversationState.WithAgent && c.AssignedAtUtc < cutoff)
            .ToListAsync(ct);
        var requeued = new List<Guid>();
        foreach (var conversation in candidates.Where(c => WaitingSince(c) < cutoff))
        {
            conversation.State = ConversationState.Queued;
            conversation.AgentUserId = null;
            conversation.AssignedAtUtc = null;
            conversation.LastAgentReplyAtUtc = null;
            conversation.QueuedAtUtc ??= now;
            conversation.LastActivityAtUtc = now;
            conversation.Version++;
            if (AgentWork.InWindow(conversation, now))
            {
                replies.Text(conversation, AgentWork.ForConsumer(localizers, conversation, "agents.consumer.requeued"), WhatsAppReplies.Bot);
            }

            try
            {
                await db.SaveChangesAsync(ct);
                requeued.Add(conversation.Id);
            }
            catch (DbUpdateConcurrencyException)
            {
                // The agent replied or closed it at that moment: their change stands.
                AgentWork.DiscardPending(db);
            }
        }

        foreach (var id in requeued)
        {
            await events.ConversationChangedAsync(id, ct);
        }

        return new(requeued.Count);
    }
}
