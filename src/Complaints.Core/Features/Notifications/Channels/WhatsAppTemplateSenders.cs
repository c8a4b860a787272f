using System.Text.Json;
using Complaints.Core.Domain.Notifications;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Notifications.Channels;

/// <summary>Sends a pre-approved WhatsApp template (outside the 24-hour window only templates are allowed).
/// The WhatsApp channel implements it against the Cloud API.</summary>
public interface IWhatsAppTemplateSender
{
    Task<SendOutcome> SendTemplateAsync(string to, string templateName, string languageCode, IReadOnlyList<string> parameters, CancellationToken ct);
}

/// <summary>Until the WhatsApp channel is connected: records what would be sent in the log and marks the outbox
/// row "recorded", so the message and its parameters are kept and visible in the back office.</summary>
public sealed class RecordingWhatsAppSender(ILogger<RecordingWhatsAppSender> logger) : IWhatsAppTemplateSender
{
    public Task<SendOutcome> SendTemplateAsync(string to, string templateName, string languageCode, IReadOnlyList<string> parameters, CancellationToken ct)
    {
        logger.LogInformation("WhatsApp template {Template} ({Language}) to {To} recorded, not sent: {Parameters}",
            templateName, languageCode, PhoneMask(to), string.Join(" | ", parameters));
        return Task.FromResult(SendOutcome.Sent("recorded"));
    }

    private static string PhoneMask(string phone) => phone.Length <= 4 ? "****" : new string('*', phone.Length - 4) + phone[^4..];
}

/// <summary>The outbox's WhatsApp channel: the template named after the notification, its parameters in order.</summary>
public sealed class WhatsAppTemplateChannel(IWhatsAppTemplateSender sender) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.WhatsApp;

    public Task<SendOutcome> SendAsync(OutboxMessage message, IReadOnlyList<MessageFile> files, CancellationToken ct)
    {
        var parameters = JsonSerializer.Deserialize<List<string>>(message.TemplateParameters ?? "[]") ?? [];
        var template = NotificationTemplates.Spec(message.TemplateKey).WhatsAppName;
        return sender.SendTemplateAsync(message.Recipient, template, message.Culture, parameters, ct);
    }
}
