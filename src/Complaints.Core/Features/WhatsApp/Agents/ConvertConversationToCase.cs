using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging;
using Complaints.Core.Features.Notifications.Channels;
using System.Globalization;
using System.Text;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Intake;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>
/// The agent turns a conversation into a case: the intake fields (pre-filled from what the chatbot collected, then
/// checked and edited by the agent) go through <see cref="SubmitCase"/> with channel WhatsApp; the transcript is kept
/// on the case as internal notes (regulator only, in parts of the note's maximum length) and the files the agent
/// sent become case documents; the consumer receives the tracking number and PIN, then the receipt.
/// </summary>
public sealed class ConvertConversationToCase(
    ComplaintsDbContext db,
    SubmitCase submit,
    AttachmentStore store,
    WhatsAppReplies replies,
    IConversationEvents events,
    IStringLocalizerFactory localizers,
    WhatsAppCloudApi api,
    IOptions<WhatsAppOptions> whatsApp,
    IOptions<StorageOptions> storage,
    ILogger<ConvertConversationToCase> logger,
    TimeProvider clock)
{
    public sealed record Input
    {
        public Guid ConversationId { get; init; }
        public int? Version { get; init; }
        public required SubmitCase.Input Case { get; init; }
    }

    public sealed record Result(AgentChange Change, string? TrackingNumber)
    {
        public IReadOnlyList<FieldError> Errors => Change.Errors;
    }

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        var conversation = await AgentWork.LoadForActionAsync(db, input.ConversationId, actor, supervisorMayAct: false, ct);
        if (conversation is null)
        {
            return new(AgentChange.NotFound, null);
        }

        if (conversation.CaseId is not null)
        {
            return new(AgentChange.Invalid(new FieldError("conversation", "agents.alreadyCase")), null);
        }

        if (input.Version is { } version && version != conversation.Version)
        {
            return new(AgentChange.Conflict(conversation.Id), null);
        }

        var caseInput = input.Case with
        {
            Channel = Channel.WhatsApp,
            WhatsApp = string.IsNullOrWhiteSpace(input.Case.WhatsApp) ? conversation.WaId : input.Case.WhatsApp,
        };

        // The photos and documents the consumer sent in the chat go into the case file with what the agent filed.
        var sentByConsumer = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id && m.Direction == MessageDirection.Inbound && m.MediaId != null)
            .OrderBy(m => m.Id)
            .Select(m => new { m.MediaId, m.MediaType, m.FileName })
            .ToListAsync(ct);
        var (media, missing) = await ConsumerMedia.FetchAsync(
            whatsApp.Value.SendingEnabled ? api : null,
            sentByConsumer.Select((m, i) => new ConsumerMediaItem(m.MediaId!, m.MediaType ?? "",
                m.FileName is { Length: > 0 } name ? name : $"whatsapp-{i + 1}{ConsumerMedia.Extension(m.MediaType ?? "")}", null)).ToList(),
            new StorageOptions
            {
                MaxAttachmentBytes = storage.Value.MaxAttachmentBytes,
                MaxAttachmentsPerSubmission = Math.Max(0, storage.Value.MaxAttachmentsPerSubmission - caseInput.Attachments.Count),
            },
            logger, ct);
        caseInput = caseInput with { Attachments = [.. caseInput.Attachments, .. media] };
        if (missing.Count > 0)
        {
            logger.LogWarning("Conversation {ConversationId}: {Count} consumer file(s) not attached to the case: {Files}", conversation.Id, missing.Count, string.Join(", ", missing));
        }

        // Saved with the case in one transaction: if another change came first, no case is made. The transaction
        // also holds the transcript notes, files and the consumer's number and PIN saved after the case: a failure
        // there leaves no case behind for the agent's retry to duplicate.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        conversation.Version++;
        conversation.LastActivityAtUtc = clock.GetUtcNow().UtcDateTime;
        SubmitCase.Result submitted;
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            // The consumer's notifications follow the conversation's language, not the agent's page.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(conversation.Culture == "en" ? "en" : "id");
            submitted = await submit.HandleAsync(caseInput, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(AgentChange.Conflict(conversation.Id), null);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        if (!submitted.Succeeded)
        {
            return new(new AgentChange(AgentChange.Outcome.Invalid, conversation.Id, submitted.Errors), null);
        }

        var @case = submitted.Case!;
        var now = clock.GetUtcNow().UtcDateTime;
        var transcript = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == conversation.Id)
            .OrderBy(m => m.Id)
            .ToListAsync(ct);
        foreach (var note in await TranscriptNotesAsync(conversation, transcript, ct))
        {
            db.CaseMessages.Add(new CaseMessage
            {
                CaseId = @case.Id,
                SentAtUtc = now,
                AuthorRole = actor.Role,
                AuthorId = actor.UserId,
                Body = note,
                Visibility = Visibility.RegulatorOnly,
            });
        }

        foreach (var file in transcript.Where(m => m.MediaId?.StartsWith(SendAgentMessage.StoredFilePrefix, StringComparison.Ordinal) == true).DistinctBy(m => m.MediaId))
        {
            db.Attachments.Add(new Attachment
            {
                CaseId = @case.Id,
                FileName = file.FileName ?? "file",
                ContentType = file.MediaType ?? "application/octet-stream",
                SizeBytes = new FileInfo(store.PathOf(Sha(file))).Length,
                Sha256 = Sha(file),
                UploadedAtUtc = now,
                UploadedByRole = actor.Role,
                UploadedById = actor.UserId,
                Visibility = Visibility.ConsumerAndRegulator,
            });
        }

        conversation.CaseId = @case.Id;
        conversation.Version++;
        if (AgentWork.InWindow(conversation, now))
        {
            var created = AgentWork.ForConsumer(localizers, conversation, "agents.consumer.caseCreated", @case.TrackingNumber, submitted.Pin!);
            replies.Text(conversation, created, actor.UserId!, transcript: WhatsAppReplies.MaskPin(created, submitted.Pin!));
            replies.Receipt(conversation, @case.Id, @case.TrackingNumber, AgentWork.ForConsumer(localizers, conversation, "agents.consumer.receipt", @case.TrackingNumber), actor.UserId!);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await events.ConversationChangedAsync(conversation.Id, ct);
        return new(AgentChange.Done(conversation.Id), @case.TrackingNumber);
    }

    private static string Sha(ConversationMessage file) => file.MediaId![SendAgentMessage.StoredFilePrefix.Length..];

    /// <summary>The transcript as text in parts that fit a case note, each headed with the conversation and part.</summary>
    private async Task<List<string>> TranscriptNotesAsync(Conversation conversation, List<ConversationMessage> transcript, CancellationToken ct)
    {
        var l = localizers.Create(typeof(ConvertConversationToCase));
        var agentIds = transcript.Select(m => m.Author).Where(a => a is not ("consumer" or WhatsAppReplies.Bot) && !a.StartsWith(AgentWork.QueueAuthorPrefix, StringComparison.Ordinal)).Distinct().ToList();
        var names = await db.Users.Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var lines = transcript.Select(m =>
        {
            var author = m.Author switch
            {
                "consumer" => conversation.ContactName is { Length: > 0 } contact ? contact : l["agents.author.consumer"].Value,
                WhatsAppReplies.Bot => l["agents.author.bot"].Value,
                var a when a.StartsWith(AgentWork.QueueAuthorPrefix, StringComparison.Ordinal) => l["agents.author.queue"].Value,
                var a => names.TryGetValue(a, out var name) && name.Length > 0 ? name : l["agents.author.agent"].Value,
            };
            var text = m.Text ?? "";
            if (m.FileName is { Length: > 0 } fileName && !text.Contains(fileName, StringComparison.Ordinal))
            {
                text = (text + " [" + fileName + "]").Trim();
            }

            return $"[{Formats.DateTime(m.AtUtc)}] {author}: {text}";
        }).ToList();

        const int limit = 4_000;
        var header = l["agents.transcript.header", conversation.WaId].Value;
        var parts = new List<StringBuilder> { new() };
        foreach (var line in lines.Select(x => x.Length > limit - header.Length - 100 ? x[..(limit - header.Length - 101)] + "…" : x))
        {
            if (parts[^1].Length + line.Length + 1 > limit - header.Length - 20)
            {
                parts.Add(new());
            }

            parts[^1].AppendLine(line);
        }

        return parts.Select((p, i) => header + (parts.Count > 1 ? $" ({i + 1}/{parts.Count})" : "") + "\n" + p.ToString().TrimEnd()).ToList();
    }
}
