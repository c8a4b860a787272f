namespace Complaints.Core.Domain.Notifications;

public enum NotificationChannel
{
    Email,
    WhatsApp,
    Sms,
}

public enum OutboxStatus
{
    /// <summary>Waiting for its first or next attempt at <see cref="OutboxMessage.NextAttemptAtUtc"/>.</summary>
    Pending,
    Sent,

    /// <summary>Every retry failed, or the peer refused it for good; shown in the back office with a retry button.</summary>
    DeadLetter,
}

/// <summary>
/// One message to one recipient on one channel, written in the same transaction as the change that causes it and
/// rendered then (what the recipient reads is what the case said at that moment). The dispatcher claims due rows,
/// sends them and records the outcome; nothing is deleted, so the table is also the log of what was sent.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    public NotificationChannel Channel { get; private set; }

    /// <summary>An email address, or a phone number in international digits (62…).</summary>
    public string Recipient { get; private set; } = "";

    /// <summary>"id" or "en".</summary>
    public string Culture { get; private set; } = "id";

    /// <summary>The template it was rendered from (e.g. "case.submitted").</summary>
    public string TemplateKey { get; private set; } = "";

    public Guid? CaseId { get; private set; }

    public string? TrackingNumber { get; private set; }

    /// <summary>Email subject; null on other channels.</summary>
    public string? Subject { get; private set; }

    /// <summary>The rendered text: the email body, or the SMS/WhatsApp text.</summary>
    public string Body { get; private set; } = "";

    /// <summary>WhatsApp template parameters in order (JSON array of strings), the values of the short text's
    /// placeholders; null on other channels.</summary>
    public string? TemplateParameters { get; private set; }

    /// <summary>False for messages a consumer may switch off ("only what I must act on").</summary>
    public bool Essential { get; private set; }

    /// <summary>A document to attach when sending by email (the receipt), built at delivery.</summary>
    public OutboxAttachment Attachment { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime NextAttemptAtUtc { get; private set; }

    /// <summary>A dispatcher holds the row until then; another node takes it over after a crash.</summary>
    public DateTime? ClaimedUntilUtc { get; private set; }

    public Guid? ClaimToken { get; private set; }

    public string? LastError { get; private set; }

    public DateTime? SentAtUtc { get; private set; }

    /// <summary>The peer's id for the message (SMTP queue id, WhatsApp wamid, gateway id), when it gives one.</summary>
    public string? ProviderMessageId { get; private set; }

    public DateTime? DeadLetteredAtUtc { get; private set; }

    /// <summary>A free-form WhatsApp message (the Graph API body without "to": text, interactive, document),
    /// allowed only within 24 hours of the consumer's last message; null for templates and other channels.</summary>
    public string? WhatsAppPayload { get; private set; }

    /// <summary>The payload that replaces <see cref="WhatsAppPayload"/> once the message is sent: the same message with
    /// its secret (a new case's PIN) masked, so the row keeps the secret only as long as a retry may need it.</summary>
    public string? PayloadAfterSending { get; private set; }

    /// <summary>The WhatsApp conversation a chatbot or agent reply belongs to.</summary>
    public Guid? ConversationId { get; private set; }

    /// <summary>What WhatsApp reported after accepting the message: sent, delivered, read or failed (never
    /// downgraded: statuses arrive out of order).</summary>
    public DeliveryStatus? Delivery { get; private set; }

    public DateTime? DeliveryUpdatedAtUtc { get; private set; }

    private OutboxMessage()
    {
    }

    public static OutboxMessage Create(
        NotificationChannel channel, string recipient, string culture, string templateKey, Guid? caseId, string? trackingNumber,
        string? subject, string body, string? templateParameters, bool essential, OutboxAttachment attachment, DateTime nowUtc) => new()
    {
        CreatedAtUtc = nowUtc,
        Channel = channel,
        Recipient = recipient,
        Culture = culture,
        TemplateKey = templateKey,
        CaseId = caseId,
        TrackingNumber = trackingNumber,
        Subject = subject,
        Body = body,
        TemplateParameters = templateParameters,
        Essential = essential,
        Attachment = attachment,
        Status = OutboxStatus.Pending,
        NextAttemptAtUtc = nowUtc,
    };

    public const int MaxErrorLength = 1_000;

    /// <summary>A chatbot or agent reply on WhatsApp: sent at once by the inbox job, inside the 24-hour window.</summary>
    public static OutboxMessage WhatsAppReply(
        string waId, string culture, string payload, string body, Guid conversationId, Guid? caseId, string? trackingNumber, DateTime nowUtc,
        OutboxAttachment attachment = OutboxAttachment.None)
    {
        var message = Create(NotificationChannel.WhatsApp, waId, culture, "whatsapp.reply", caseId, trackingNumber, null, body, null, true, attachment, nowUtc);
        message.WhatsAppPayload = payload;
        message.ConversationId = conversationId;
        return message;
    }

    /// <summary>Records a delivery status from the webhook, keeping the furthest one reached; "failed" after
    /// acceptance records the error too.</summary>
    public void RecordDelivery(DeliveryStatus status, string? error, DateTime atUtc)
    {
        if (Delivery is { } current && current >= status && status != DeliveryStatus.Failed)
        {
            return;
        }

        Delivery = status;
        DeliveryUpdatedAtUtc = atUtc;
        if (status == DeliveryStatus.Failed && error is not null)
        {
            LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        }
    }

    /// <summary>See <see cref="PayloadAfterSending"/>.</summary>
    public void RedactOnceSent(string payloadAfterSending) => PayloadAfterSending = payloadAfterSending;

    public void MarkSent(string? providerMessageId, DateTime nowUtc)
    {
        if (PayloadAfterSending is not null)
        {
            WhatsAppPayload = PayloadAfterSending;
            PayloadAfterSending = null;
        }

        Status = OutboxStatus.Sent;
        Attempts++;
        SentAtUtc = nowUtc;
        ProviderMessageId = providerMessageId;
        LastError = null;
        ClaimedUntilUtc = null;
        ClaimToken = null;
    }

    /// <summary>Records a failed attempt: retried after <paramref name="retryAfter"/>, or dead-lettered when there
    /// is none (the last attempt, or a refusal that retrying cannot fix).</summary>
    public void MarkFailed(string error, TimeSpan? retryAfter, DateTime nowUtc)
    {
        Attempts++;
        LastError = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error;
        ClaimedUntilUtc = null;
        ClaimToken = null;
        if (retryAfter is { } delay)
        {
            NextAttemptAtUtc = nowUtc + delay;
        }
        else
        {
            Status = OutboxStatus.DeadLetter;
            DeadLetteredAtUtc = nowUtc;
        }
    }

    /// <summary>An administrator sends a dead letter again: a fresh round of attempts from now.</summary>
    public void Retry(DateTime nowUtc)
    {
        if (Status != OutboxStatus.DeadLetter)
        {
            return;
        }

        Status = OutboxStatus.Pending;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        DeadLetteredAtUtc = null;
    }
}

/// <summary>WhatsApp's delivery statuses in the order they are reached.</summary>
public enum DeliveryStatus
{
    Sent,
    Delivered,
    Read,
    Failed,
}

public enum OutboxAttachment
{
    None,
    Receipt,
}
