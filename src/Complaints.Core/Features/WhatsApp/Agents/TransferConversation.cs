using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>
/// The agent (or a supervisor) hands a conversation on: to a named agent of a high enough tier who still has room,
/// or to a tier, which puts it back in the queue at its original place for agents of that tier and above.
/// </summary>
public sealed class TransferConversation(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    IConversationEvents events,
    IStringLocalizerFactory localizers,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock)
{
    public sealed record Input
    {
        public Guid ConversationId { get; init; }
        public int? Version { get; init; }

        /// <summary>Either an agent's user id…</summary>
        public string? ToUserId { get; init; }

        /// <summary>…or a tier (1 agent, 2 specialist, 3 supervisor).</summary>
        public int? ToTier { get; init; }
    }

    public async Task<AgentChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        var conversation = await AgentWork.LoadForActionAsync(db, input.ConversationId, actor, supervisorMayAct: true, ct);
        if (conversation is null)
        {
            return AgentChange.NotFound;
        }

        if (input.Version is { } version && version != conversation.Version)
        {
            return AgentChange.Conflict(conversation.Id);
        }

        var toUser = string.IsNullOrWhiteSpace(input.ToUserId) ? null : input.ToUserId.Trim();
        if ((toUser is null) == (input.ToTier is null))
        {
            return AgentChange.Invalid(new FieldError("toUserId", "agents.transferTarget"));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (toUser is not null)
        {
            var tier = await TierOfAsync(toUser, ct);
            if (tier < conversation.Tier || toUser == conversation.AgentUserId)
            {
                return AgentChange.Invalid(new FieldError("toUserId", "agents.transferTarget"));
            }

            var max = options.Value.MaxChatsPerAgent;
            if (await AgentWork.HeldByAsync(db, toUser, ct) >= max)
            {
                return AgentChange.Invalid(new FieldError("toUserId", "agents.targetFull", max));
            }

            conversation.QueuedAtUtc ??= now;
            AgentWork.Assign(conversation, toUser, now);
            AgentWork.Greet(replies, localizers, conversation, await AgentWork.FirstNameAsync(db, toUser, ct), toUser, now);
        }
        else
        {
            if (input.ToTier is not (>= 1 and <= 3))
            {
                return AgentChange.Invalid(new FieldError("toTier", "invalidChoice"));
            }

            conversation.State = ConversationState.Queued;
            conversation.Tier = input.ToTier.Value;
            conversation.AgentUserId = null;
            conversation.AssignedAtUtc = null;
            conversation.LastAgentReplyAtUtc = null;
            conversation.QueuedAtUtc ??= now;
            conversation.LastActivityAtUtc = now;
            conversation.Version++;
            if (AgentWork.InWindow(conversation, now))
            {
                replies.Text(conversation, AgentWork.ForConsumer(localizers, conversation, "agents.consumer.transferred"), actor.UserId!);
            }
        }

        return await AgentWork.SaveAsync(db, events, conversation, ct);
    }

    /// <summary>The user's highest agent tier, 0 when they work no chats.</summary>
    private async Task<int> TierOfAsync(string userId, CancellationToken ct)
    {
        var roles = await db.UserRoles.Where(ur => ur.UserId == userId)
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .ToListAsync(ct);
        return AgentWork.AgentRoles.Where(r => roles.Contains(r.Role)).Select(r => r.Tier).DefaultIfEmpty(0).Max();
    }
}
