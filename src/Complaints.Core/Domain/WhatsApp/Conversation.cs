namespace Complaints.Core.Domain.WhatsApp;

public enum ConversationState
{
    /// <summary>The chatbot answers.</summary>
    Bot,

    /// <summary>Waiting for an agent.</summary>
    Queued,

    WithAgent,
    Closed,
}

/// <summary>How a conversation ended, for the regulator's measures (bot alone, with an agent, expired).</summary>
public enum ConversationEnd
{
    Bot,
    Agent,
    Expired,
}

/// <summary>
/// A WhatsApp conversation with one consumer: the chatbot's step and what it collected, then the agent queue and
/// the agent holding it. One open conversation per WhatsApp id; a message after closure starts a new one.
/// </summary>
public sealed class Conversation
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    /// <summary>The consumer's WhatsApp id (digits, 62…); kept abstract: a business-scoped user id fits too.</summary>
    public required string WaId { get; init; }

    public string? ContactName { get; set; }

    /// <summary>"id" or "en": the bot answers in English when the consumer writes English.</summary>
    public string Culture { get; set; } = "id";

    public ConversationState State { get; set; }

    /// <summary>Where the chatbot is (e.g. "menu", "legality.name", "file.description").</summary>
    public string BotStep { get; set; } = "menu";

    /// <summary>What the chatbot collected so far (JSON), e.g. the fields of a complaint being filed.</summary>
    public string? BotData { get; set; }

    public DateTime StartedAtUtc { get; init; }

    /// <summary>The consumer's last message: WhatsApp allows free-form replies for 24 hours after it.</summary>
    public DateTime LastInboundAtUtc { get; set; }

    public DateTime LastActivityAtUtc { get; set; }

    public DateTime? QueuedAtUtc { get; set; }

    public int Tier { get; set; } = 1;

    public string? AgentUserId { get; set; }

    public DateTime? AssignedAtUtc { get; set; }

    public DateTime? LastAgentReplyAtUtc { get; set; }

    /// <summary>An agent took part at some point.</summary>
    public bool HadAgent { get; set; }

    /// <summary>The case the conversation produced, if any.</summary>
    public Guid? CaseId { get; set; }

    public DateTime? ClosedAtUtc { get; set; }

    public ConversationEnd? EndedBy { get; set; }

    public string? CloseReason { get; set; }

    /// <summary>Optimistic concurrency: every change bumps it, so of two agents taking the same conversation one wins.</summary>
    public int Version { get; set; }
}

public enum MessageDirection
{
    Inbound,
    Outbound,
}

/// <summary>One message of a conversation, either way: the transcript agents read and cases keep.</summary>
public sealed class ConversationMessage
{
    public long Id { get; private set; }

    public Guid ConversationId { get; init; }

    public MessageDirection Direction { get; init; }

    public DateTime AtUtc { get; init; }

    /// <summary>"consumer", "bot", or the agent's user id.</summary>
    public required string Author { get; init; }

    public string? Text { get; init; }

    /// <summary>WhatsApp media id (inbound) and what it is.</summary>
    public string? MediaId { get; init; }

    public string? MediaType { get; init; }

    public string? FileName { get; init; }

    /// <summary>The wamid of an inbound message.</summary>
    public string? ExternalId { get; init; }

    /// <summary>The outbox row that carries an outbound message (its delivery status lives there).</summary>
    public long? OutboxMessageId { get; set; }

    /// <summary>What a bot line answered, one of <see cref="ConversationMarks"/>; null for any other line.</summary>
    public string? Mark { get; init; }
}

/// <summary>
/// The marks the chatbot records on the lines it answers with, so statistics count answers by what they were and
/// not by their wording, which translators and administrators may change.
/// </summary>
public static class ConversationMarks
{
    public const string LegalityLicensed = "legality:licensed";

    public const string LegalityRevoked = "legality:revoked";

    public const string LegalityIllegal = "legality:illegal";

    public const string LegalityNotFound = "legality:notFound";
}
