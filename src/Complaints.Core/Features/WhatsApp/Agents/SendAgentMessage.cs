using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Notifications.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>
/// The agent holding a conversation writes to the consumer: text, a file (PDF, JPEG or PNG within the upload
/// limit, kept in the attachment store like every upload), or both. The file goes to the consumer as a WhatsApp
/// image or document (uploaded when sent); it stays in the store (its SHA-256 in the transcript line's
/// <see cref="ConversationMessage.MediaId"/>) and goes with the case if one is made.
/// </summary>
public sealed class SendAgentMessage(
    ComplaintsDbContext db,
    WhatsAppReplies replies,
    AttachmentStore store,
    IOptions<StorageOptions> storage,
    IConversationEvents events,
    IStringLocalizerFactory localizers,
    TimeProvider clock)
{
    public const int MaxLength = 4_000;

    /// <summary>Marks a stored file in <see cref="ConversationMessage.MediaId"/> (inbound media carry WhatsApp's id).</summary>
    public const string StoredFilePrefix = "sha256:";

    public sealed record Input
    {
        public Guid ConversationId { get; init; }
        public string? Text { get; init; }
        public UploadedFile? File { get; init; }
    }

    public async Task<AgentChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        var conversation = await AgentWork.LoadForActionAsync(db, input.ConversationId, actor, supervisorMayAct: false, ct);
        if (conversation is null)
        {
            return AgentChange.NotFound;
        }

        var text = input.Text?.Trim();
        var errors = new List<FieldError>();
        if (string.IsNullOrEmpty(text) && input.File is null)
        {
            errors.Add(new FieldError("text", "required"));
        }
        else if (text?.Length > MaxLength)
        {
            errors.Add(new FieldError("text", "tooLong", MaxLength));
        }

        if (input.File is { } file)
        {
            errors.AddRange(AttachmentStore.CheckAll([file], storage.Value).Select(e => e with { Field = "file" }));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (errors.Count == 0 && !AgentWork.InWindow(conversation, now))
        {
            // Free-form messages are refused by WhatsApp 24 hours after the consumer's last message.
            errors.Add(new FieldError("text", "agents.windowClosed"));
        }

        if (errors.Count > 0)
        {
            return AgentChange.Invalid([.. errors]);
        }

        if (!string.IsNullOrEmpty(text))
        {
            replies.Text(conversation, text, actor.UserId!);
        }

        if (input.File is { } upload)
        {
            var stored = await store.SaveAsync(upload, ct);
            var caption = AgentWork.ForConsumer(localizers, conversation, "agents.consumer.file", stored.FileName);
            // The channel uploads the stored file to WhatsApp and sends it by media id (WhatsAppChannel.StoredFile).
            var image = stored.ContentType.StartsWith("image/", StringComparison.Ordinal);
            var media = new System.Text.Json.Nodes.JsonObject { ["caption"] = caption };
            if (!image)
            {
                media["filename"] = stored.FileName;
            }

            var payload = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = image ? "image" : "document",
                [image ? "image" : "document"] = media,
                [WhatsAppChannel.StoredFile] = new System.Text.Json.Nodes.JsonObject
                {
                    ["sha256"] = stored.Sha256,
                    ["contentType"] = stored.ContentType,
                    ["fileName"] = stored.FileName,
                },
            };
            var outbox = OutboxMessage.WhatsAppReply(conversation.WaId, conversation.Culture, payload.ToJsonString(), caption, conversation.Id, conversation.CaseId, null, now);
            db.OutboxMessages.Add(outbox);
            db.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = conversation.Id,
                Direction = MessageDirection.Outbound,
                AtUtc = now,
                Author = actor.UserId!,
                Text = caption,
                MediaId = StoredFilePrefix + stored.Sha256,
                MediaType = stored.ContentType,
                FileName = stored.FileName,
            });
        }

        conversation.LastAgentReplyAtUtc = now;
        conversation.LastActivityAtUtc = now;
        conversation.Version++;
        return await AgentWork.SaveAsync(db, events, conversation, ct);
    }
}
