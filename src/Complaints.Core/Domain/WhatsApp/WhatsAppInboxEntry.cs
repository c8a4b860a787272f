namespace Complaints.Core.Domain.WhatsApp;

public enum InboxKind
{
    /// <summary>An inbound message (value.messages[]).</summary>
    Message,

    /// <summary>A delivery status of one of our messages (value.statuses[]).</summary>
    Status,

    /// <summary>An asynchronous error event (value.errors[]).</summary>
    Error,
}

/// <summary>
/// One event of a verified WhatsApp webhook POST, stored before the 200 is sent and processed later by a job, in
/// order per sender. <see cref="ExternalKey"/> is unique, so a redelivered event is stored once: the message id,
/// or "status:{message id}:{status}" for a status. The raw JSON is kept as the regulator's audit trail.
/// </summary>
public sealed class WhatsAppInboxEntry
{
    public long Id { get; private set; }

    public string ExternalKey { get; private set; } = "";

    public InboxKind Kind { get; private set; }

    /// <summary>The consumer's WhatsApp id (the sender of a message, the recipient of a status).</summary>
    public string? WaId { get; private set; }

    public string? ContactName { get; private set; }

    /// <summary>The event's own timestamp (Unix seconds in the payload).</summary>
    public DateTime? OccurredAtUtc { get; private set; }

    public DateTime ReceivedAtUtc { get; private set; }

    /// <summary>The event object as received (one element of messages[], statuses[] or errors[]).</summary>
    public string Payload { get; private set; } = "";

    public bool IsProcessed { get; private set; }

    public DateTime? ProcessedAtUtc { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    private WhatsAppInboxEntry()
    {
    }

    public static WhatsAppInboxEntry Receive(string externalKey, InboxKind kind, string? waId, string? contactName, DateTime? occurredAtUtc, string payload, DateTime nowUtc) => new()
    {
        ExternalKey = externalKey,
        Kind = kind,
        WaId = waId,
        ContactName = contactName,
        OccurredAtUtc = occurredAtUtc,
        ReceivedAtUtc = nowUtc,
        Payload = payload,
    };

    public void MarkProcessed(DateTime nowUtc)
    {
        IsProcessed = true;
        ProcessedAtUtc = nowUtc;
        Attempts++;
        LastError = null;
    }

    /// <summary>Processing failed; after <paramref name="maxAttempts"/> the entry is set aside (processed, with the
    /// error kept) so one bad event never blocks its sender's later messages.</summary>
    public void MarkFailed(string error, int maxAttempts, DateTime nowUtc)
    {
        Attempts++;
        LastError = error.Length > 1_000 ? error[..1_000] : error;
        if (Attempts >= maxAttempts)
        {
            IsProcessed = true;
            ProcessedAtUtc = nowUtc;
        }
    }
}
