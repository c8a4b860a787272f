using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>
/// An agent takes the longest-waiting conversation of their tier or below, while holding fewer than
/// <see cref="WhatsAppOptions.MaxChatsPerAgent"/>. Two agents racing for the same one: the conversation's version
/// makes one save fail, and that agent gets the next one instead.
/// </summary>
public sealed class TakeNextConversation(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    IConversationEvents events,
    IStringLocalizerFactory localizers,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock)
{
    /// <summary>Each lost race moves on to the next conversation; this many losses in a row is a crowd, not a bug.</summary>
    private const int MaxAttempts = 10;

    public sealed record Input;

    public async Task<AgentChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        _ = input;
        if (!AgentWork.IsAgent(actor))
        {
            return AgentChange.NotFound;
        }

        var max = options.Value.MaxChatsPerAgent;
        if (await AgentWork.HeldByAsync(db, actor.UserId!, ct) >= max)
        {
            return AgentChange.Invalid(new FieldError("conversation", "agents.full", max));
        }

        var firstName = await AgentWork.FirstNameAsync(db, actor.UserId!, ct);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var next = await db.Conversations
                .Where(c => c.State == ConversationState.Queued && c.Tier <= actor.Tier)
                .OrderBy(c => c.QueuedAtUtc).ThenBy(c => c.Id)
                .FirstOrDefaultAsync(ct);
            if (next is null)
            {
                return AgentChange.Invalid(new FieldError("conversation", "agents.queueEmpty"));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            AgentWork.Assign(next, actor.UserId!, now);
            AgentWork.Greet(replies, localizers, next, firstName, actor.UserId!, now);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another agent (or the auto-assignment) took it a moment earlier: forget it and try the next.
                db.ChangeTracker.Clear();
                continue;
            }

            await events.ConversationChangedAsync(next.Id, ct);
            return AgentChange.Done(next.Id);
        }

        return AgentChange.Conflict(Guid.Empty);
    }
}
