using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.Documents;
using Complaints.Core.Features.Notifications.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Notifications;

/// <summary>
/// Delivers due outbox messages. Claims a batch (rows no other dispatcher holds), sends each through its
/// channel and saves the outcome at once: accepted, retried later with exponential backoff, or dead-lettered
/// after the last attempt or a refusal retrying cannot fix. A crash leaves claimed rows to be taken over when
/// the claim runs out; a message may then go out twice, never not at all.
/// </summary>
public sealed class DispatchOutbox(
    ComplaintsDbContext db,
    IEnumerable<INotificationSender> senders,
    DocumentQueries documents,
    IStringLocalizerFactory localizers,
    IOptions<NotificationOptions> options,
    TimeProvider clock,
    ILogger<DispatchOutbox> logger)
{
    public sealed record Input
    {
        public int BatchSize { get; init; } = 100;

        /// <summary>Batches per run at most, so one run ends and the next picks up.</summary>
        public int MaxBatches { get; init; } = 20;
    }

    public sealed record Result(int Sent, int Retrying, int DeadLettered)
    {
        public string Summary => $"{Sent} sent, {Retrying} to retry, {DeadLettered} dead-lettered";
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var (sent, retrying, dead) = (0, 0, 0);
        var byChannel = senders.ToDictionary(s => s.Channel);
        for (var batch = 0; batch < input.MaxBatches && !ct.IsCancellationRequested; batch++)
        {
            var claimed = await ClaimAsync(input.BatchSize, ct);
            foreach (var message in claimed)
            {
                var outcome = await SendAsync(message, byChannel, ct);
                var now = clock.GetUtcNow().UtcDateTime;
                if (outcome.Accepted)
                {
                    message.MarkSent(outcome.ProviderMessageId, now);
                    sent++;
                }
                else
                {
                    var delay = outcome.Permanent ? null : options.Value.RetryDelay(message.Attempts + 1);
                    message.MarkFailed(outcome.Error ?? "Failed.", delay, now);
                    if (delay is null)
                    {
                        dead++;
                        logger.LogWarning("Outbox message {Id} ({Channel}, {Template}, case {TrackingNumber}) dead-lettered after {Attempts} attempts: {Error}",
                            message.Id, message.Channel, message.TemplateKey, message.TrackingNumber, message.Attempts, message.LastError);
                    }
                    else
                    {
                        retrying++;
                        logger.LogInformation("Outbox message {Id} ({Channel}) failed, attempt {Attempts}, retry in {Delay}: {Error}",
                            message.Id, message.Channel, message.Attempts, delay, message.LastError);
                    }
                }

                // One save per message: what was sent stays recorded as sent whatever happens to the next one.
                await db.SaveChangesAsync(CancellationToken.None);
            }

            db.ChangeTracker.Clear();
            if (claimed.Count < input.BatchSize)
            {
                break;
            }
        }

        return new(sent, retrying, dead);
    }

    /// <summary>Takes due rows nobody holds: one conditional update, so two dispatchers never take the same row.</summary>
    private async Task<List<OutboxMessage>> ClaimAsync(int batchSize, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await Due(now).OrderBy(m => m.NextAttemptAtUtc).ThenBy(m => m.Id).Select(m => m.Id).Take(batchSize).ToListAsync(ct);
        if (due.Count == 0)
        {
            return [];
        }

        var token = Guid.NewGuid();
        var until = now + options.Value.ClaimDuration;
        await Due(now).Where(m => due.Contains(m.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntilUtc, until), ct);
        return await db.OutboxMessages.Where(m => m.ClaimToken == token).OrderBy(m => m.Id).ToListAsync(ct);
    }

    private IQueryable<OutboxMessage> Due(DateTime now)
    {
        var pending = OutboxStatus.Pending;
        return db.OutboxMessages.Where(m => m.Status == pending && m.NextAttemptAtUtc <= now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now));
    }

    private async Task<SendOutcome> SendAsync(OutboxMessage message, IReadOnlyDictionary<NotificationChannel, INotificationSender> byChannel, CancellationToken ct)
    {
        if (!byChannel.TryGetValue(message.Channel, out var sender))
        {
            return SendOutcome.Failed($"No sender for {message.Channel}.");
        }

        try
        {
            return await sender.SendAsync(message, await FilesAsync(message, ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogError(e, "Outbox message {Id} ({Channel}) could not be sent", message.Id, message.Channel);
            return SendOutcome.Failed(e.GetType().Name + ": " + e.Message);
        }
    }

    /// <summary>The receipt, built now in the recipient's language (the culture set here stays in this call).</summary>
    private async Task<IReadOnlyList<MessageFile>> FilesAsync(OutboxMessage message, CancellationToken ct)
    {
        if (message.Attachment != OutboxAttachment.Receipt || message.CaseId is not { } caseId)
        {
            return [];
        }

        var culture = CultureInfo.GetCultureInfo(message.Culture);
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        var receipt = await documents.ReceiptAsync(caseId, localizers.Create(typeof(DispatchOutbox)), options.Value.PublicBaseUrl, ct);
        return receipt is null ? [] : [new MessageFile(receipt.FileName, receipt.Content, "application/pdf")];
    }
}
