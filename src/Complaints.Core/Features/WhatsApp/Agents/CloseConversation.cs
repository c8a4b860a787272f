using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>The agent (or a supervisor) ends a conversation with a reason, which the regulator's measures keep;
/// the consumer gets a closing message and a new message starts a new conversation.</summary>
public sealed class CloseConversation(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    IConversationEvents events,
    IStringLocalizerFactory localizers,
    TimeProvider clock)
{
    public const int MaxReasonLength = 500;

    public sealed record Input
    {
        public Guid ConversationId { get; init; }
        public int? Version { get; init; }
        public string? Reason { get; init; }
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

        var reason = input.Reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return AgentChange.Invalid(new FieldError("reason", "required"));
        }

        if (reason.Length > MaxReasonLength)
        {
            return AgentChange.Invalid(new FieldError("reason", "tooLong", MaxReasonLength));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (AgentWork.InWindow(conversation, now))
        {
            replies.Text(conversation, AgentWork.ForConsumer(localizers, conversation, "agents.consumer.closed"), actor.UserId!);
        }

        conversation.State = ConversationState.Closed;
        conversation.ClosedAtUtc = now;
        conversation.EndedBy = ConversationEnd.Agent;
        conversation.CloseReason = reason;
        conversation.LastActivityAtUtc = now;
        conversation.Version++;
        return await AgentWork.SaveAsync(db, events, conversation, ct);
    }
}
