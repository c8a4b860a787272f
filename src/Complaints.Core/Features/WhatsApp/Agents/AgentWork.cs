using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>How an agent's action on a conversation ended; <see cref="Errors"/> carry localizable codes
/// (error.&lt;code&gt;).</summary>
public sealed record AgentChange(AgentChange.Outcome Result, Guid? ConversationId, IReadOnlyList<FieldError> Errors)
{
    public enum Outcome
    {
        Done,
        NotFound,

        /// <summary>Somebody else changed the conversation first (another agent took it, it was requeued).</summary>
        Conflict,
        Invalid,
    }

    public static readonly AgentChange NotFound = new(Outcome.NotFound, null, []);

    public static AgentChange Done(Guid conversationId) => new(Outcome.Done, conversationId, []);

    public static AgentChange Conflict(Guid conversationId) => new(Outcome.Conflict, conversationId, []);

    public static AgentChange Invalid(params FieldError[] errors) => new(Outcome.Invalid, null, errors);
}

/// <summary>Rules shared by the agent use cases.</summary>
public static class AgentWork
{
    /// <summary>Saves an agent's change to a conversation: a concurrent change wins (Conflict); otherwise the live
    /// console hears of it.</summary>
    public static async Task<AgentChange> SaveAsync(ComplaintsDbContext db, IConversationEvents events, Conversation conversation, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AgentChange.Conflict(conversation.Id);
        }

        await events.ConversationChangedAsync(conversation.Id, ct);
        return AgentChange.Done(conversation.Id);
    }

    /// <summary>Transcript author of the automatic queue-position notices: "queue:{position}", so the job knows
    /// which place it last told the consumer without a column of its own.</summary>
    public const string QueueAuthorPrefix = "queue:";

    /// <summary>Who works chats: the three regulator tiers (an administrator has no case role).</summary>
    public static bool IsAgent(Actor actor) =>
        actor.Role is ActorRole.Agent or ActorRole.Specialist or ActorRole.Supervisor && actor.UserId is not null;

    /// <summary>The role names that make a user an agent, strongest first, with their tier.</summary>
    public static readonly (string Role, int Tier)[] AgentRoles =
    [
        (nameof(ActorRole.Supervisor), 3), (nameof(ActorRole.Specialist), 2), (nameof(ActorRole.Agent), 1),
    ];

    public static Task<int> HeldByAsync(ComplaintsDbContext db, string userId, CancellationToken ct) =>
        db.Conversations.CountAsync(c => c.State == ConversationState.WithAgent && c.AgentUserId == userId, ct);

    /// <summary>Hands a queued conversation to an agent (the caller saves; the version check makes a race lose).</summary>
    public static void Assign(Conversation conversation, string userId, DateTime now)
    {
        conversation.State = ConversationState.WithAgent;
        conversation.AgentUserId = userId;
        conversation.AssignedAtUtc = now;
        conversation.LastAgentReplyAtUtc = null;
        conversation.HadAgent = true;
        conversation.LastActivityAtUtc = now;
        conversation.Version++;
    }

    /// <summary>The first name agents sign their greeting with; consumers never see the full name.</summary>
    public static async Task<string?> FirstNameAsync(ComplaintsDbContext db, string userId, CancellationToken ct)
    {
        var name = await db.Users.Where(u => u.Id == userId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct);
        return string.IsNullOrWhiteSpace(name) ? null : name.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }

    /// <summary>A text for the consumer in the conversation's language (not the agent's page language).</summary>
    public static string ForConsumer(IStringLocalizerFactory localizers, Conversation conversation, string key, params object[] arguments)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(conversation.Culture == "en" ? "en" : "id");
        try
        {
            return localizers.Create(typeof(AgentWork))[key, arguments];
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>WhatsApp allows a free-form message only within 24 hours of the consumer's last one.</summary>
    public static bool InWindow(Conversation conversation, DateTime now) => now - conversation.LastInboundAtUtc < TimeSpan.FromHours(24);

    /// <summary>"Officer {first name} is with you now", the agent as author (the caller saves).</summary>
    public static void Greet(WhatsAppReplies replies, IStringLocalizerFactory localizers, Conversation conversation, string? firstName, string userId, DateTime now)
    {
        if (!InWindow(conversation, now))
        {
            return;
        }

        var text = firstName is null
            ? ForConsumer(localizers, conversation, "agents.consumer.assignedNoName")
            : ForConsumer(localizers, conversation, "agents.consumer.assigned", firstName);
        replies.Text(conversation, text, userId);
    }

    /// <summary>Forgets the unsaved changes of a save that lost a race, keeping the other loaded rows tracked.</summary>
    public static void DiscardPending(ComplaintsDbContext db)
    {
        foreach (var entry in db.ChangeTracker.Entries().Where(e => e.State != EntityState.Unchanged).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>The open conversation the actor may act on: the one they hold, or (a supervisor) any queued or
    /// assigned one when <paramref name="supervisorMayAct"/>. Tracked, for the caller to change and save.</summary>
    public static Task<Conversation?> LoadForActionAsync(ComplaintsDbContext db, Guid id, Actor actor, bool supervisorMayAct, CancellationToken ct)
    {
        if (!IsAgent(actor))
        {
            return Task.FromResult<Conversation?>(null);
        }

        var userId = actor.UserId!;
        var asSupervisor = supervisorMayAct && actor.Role == ActorRole.Supervisor;
        return db.Conversations.FirstOrDefaultAsync(
            c => c.Id == id && ((c.State == ConversationState.WithAgent && c.AgentUserId == userId)
                || (asSupervisor && (c.State == ConversationState.WithAgent || c.State == ConversationState.Queued))),
            ct);
    }
}
