using Complaints.Core.Domain.Notifications;

namespace Complaints.Core.Features.Notifications.Channels;

/// <summary>A file sent with a message (the receipt PDF).</summary>
public sealed record MessageFile(string FileName, byte[] Content, string ContentType);

/// <summary>What a peer said: accepted (with its id for the message), or refused — for now (retry later) or
/// for good (retrying cannot help: a 4xx, an unknown mailbox).</summary>
public sealed record SendOutcome(bool Accepted, string? ProviderMessageId = null, string? Error = null, bool Permanent = false)
{
    public static SendOutcome Sent(string? providerMessageId) => new(true, providerMessageId);

    public static SendOutcome Failed(string error, bool permanent = false) => new(false, Error: error, Permanent: permanent);
}

/// <summary>Delivers outbox messages of one channel to its real peer.</summary>
public interface INotificationSender
{
    NotificationChannel Channel { get; }

    Task<SendOutcome> SendAsync(OutboxMessage message, IReadOnlyList<MessageFile> files, CancellationToken ct);
}
