namespace Complaints.Core.Features.WhatsApp;

/// <summary>A consumer's WhatsApp message as the chatbot and agents need it, parsed from the inbox payload.</summary>
/// <param name="Type">The payload type: text, interactive, button, image, document, audio, video, sticker,
/// location, contacts, reaction, unsupported, system.</param>
/// <param name="ReplyId">The id of the button or list row the consumer picked (ours: never trust the title).</param>
public sealed record InboundMessage(
    string Id,
    string WaId,
    string? ContactName,
    DateTime SentAtUtc,
    string Type,
    string? Text,
    string? ReplyId,
    string? ReplyTitle,
    InboundMedia? Media);

/// <summary>Media the consumer sent; the bytes are fetched from the Graph API by id.</summary>
public sealed record InboundMedia(string Id, string MimeType, string? FileName, string? Caption, string? Sha256);

/// <summary>Lets the live agent console know something changed (a conversation queued, assigned, a message
/// added). The Web layer pushes it over SignalR; jobs and use cases only call it after saving.</summary>
public interface IConversationEvents
{
    Task ConversationChangedAsync(Guid conversationId, CancellationToken ct = default);
}
