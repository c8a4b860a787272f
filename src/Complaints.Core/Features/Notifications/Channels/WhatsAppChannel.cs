using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Core.Data;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Notifications.Channels;

/// <summary>
/// The outbox's WhatsApp channel. Notifications about a case go as the approved template named after the
/// notification, its parameters in order. Chatbot and agent replies (free-form bodies) may only go within 24 hours
/// of the consumer's last message: later they are refused for good with the reason, so the row is dead-lettered
/// and visible in the back office rather than lost. A receipt reply uploads the PDF, and an agent's file its stored
/// bytes, and sends them by media id.
/// Without a configured account, free-form replies are recorded like templates.
/// </summary>
public sealed class WhatsAppChannel(
    ComplaintsDbContext db,
    IWhatsAppTemplateSender templates,
    WhatsAppCloudApi api,
    RecordingWhatsAppSender recorder,
    Attachments.AttachmentStore store,
    IOptions<WhatsAppOptions> options,
    TimeProvider clock) : INotificationSender
{
    /// <summary>WhatsApp's customer-service window after the consumer's last message.</summary>
    public static readonly TimeSpan ServiceWindow = TimeSpan.FromHours(24);

    public const string OutsideWindow = "Outside WhatsApp's 24-hour window: only approved templates may be sent.";

    /// <summary>A payload member naming a file in the attachment store (sha256, contentType, fileName) to upload and
    /// send by media id; removed before sending.</summary>
    public const string StoredFile = "_storedFile";

    public NotificationChannel Channel => NotificationChannel.WhatsApp;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, IReadOnlyList<MessageFile> files, CancellationToken ct)
    {
        if (message.WhatsAppPayload is not { } payload)
        {
            var parameters = JsonSerializer.Deserialize<List<string>>(message.TemplateParameters ?? "[]") ?? [];
            var template = NotificationTemplates.Spec(message.TemplateKey).WhatsAppName;
            return await templates.SendTemplateAsync(message.Recipient, template, message.Culture, parameters, ct);
        }

        var lastInbound = await db.Conversations.AsNoTracking()
            .Where(c => c.WaId == message.Recipient)
            .OrderByDescending(c => c.LastInboundAtUtc)
            .Select(c => (DateTime?)c.LastInboundAtUtc)
            .FirstOrDefaultAsync(ct);
        if (lastInbound is not { } last || clock.GetUtcNow().UtcDateTime - last >= ServiceWindow)
        {
            var since = lastInbound is { } at ? " Last message from the consumer: " + at.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) + "." : "";
            return SendOutcome.Failed(OutsideWindow + since, permanent: true);
        }

        if (JsonNode.Parse(payload) is not JsonObject body)
        {
            return SendOutcome.Failed("The WhatsApp payload is not a JSON object.", permanent: true);
        }

        var storedFile = body[StoredFile] as JsonObject;
        body.Remove(StoredFile);
        if (!options.Value.SendingEnabled)
        {
            return recorder.RecordFreeForm(message.Recipient, body.ToJsonString());
        }

        if (storedFile is not null)
        {
            var sha = storedFile["sha256"]?.GetValue<string>() ?? "";
            byte[] content;
            try
            {
                await using var stream = store.OpenRead(sha);
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, ct);
                content = buffer.ToArray();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                return SendOutcome.Failed("The file to send is not in the attachment store: " + e.Message, permanent: true);
            }

            var (fileMediaId, fileError) = await api.UploadMediaAsync(content, storedFile["contentType"]?.GetValue<string>() ?? "application/octet-stream",
                storedFile["fileName"]?.GetValue<string>() ?? "file", ct);
            if (fileMediaId is null)
            {
                return fileError!;
            }

            var kind = body["type"]?.GetValue<string>() ?? "document";
            var media = body[kind] as JsonObject ?? new JsonObject();
            media["id"] = fileMediaId;
            body[kind] = media;
        }

        if (message.Attachment == OutboxAttachment.Receipt)
        {
            if (files.FirstOrDefault() is not { } file)
            {
                return SendOutcome.Failed("The receipt for the case could not be built.", permanent: true);
            }

            var (mediaId, error) = await api.UploadMediaAsync(file.Content, file.ContentType, file.FileName, ct);
            if (mediaId is null)
            {
                return error!;
            }

            var document = body["document"] as JsonObject ?? new JsonObject();
            document.Remove("link");
            document["id"] = mediaId;
            document["filename"] ??= file.FileName;
            body["type"] = "document";
            body["document"] = document;
        }

        return await api.SendAsync(message.Recipient, body, ct);
    }
}
