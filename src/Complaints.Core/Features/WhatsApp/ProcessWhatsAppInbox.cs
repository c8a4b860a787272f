using Complaints.Core.Data;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.WhatsApp;

/// <summary>
/// Works through the stored webhook events in arrival order. A consumer's messages go to the chatbot strictly one
/// after another: when one fails, it is retried on the next run (set aside after <see cref="MaxAttempts"/>) and
/// that sender's later messages wait for it, while other senders go on. Delivery statuses update the outbox row
/// of the message (never downgrading, so replays and out-of-order statuses change nothing twice); error events
/// are logged.
/// <para>
/// Two nodes: this runs inside the inbox job, which is <c>[DisallowConcurrentExecution]</c> on Quartz's clustered
/// store, so one run at a time in the whole cluster reads the inbox; a second run (the webhook's poke while one is
/// running) waits for it and then finds only what is left. Should a run die between the chatbot's save and the
/// entry's, the entry is marked processed before the chatbot runs so both are saved together (one transaction)
/// when the chatbot saves once; the chatbot also skips a message id it already has in the transcript.
/// </para>
/// </summary>
public sealed class ProcessWhatsAppInbox(
    ComplaintsDbContext db,
    HandleInboundMessage chatbot,
    TimeProvider clock,
    ILogger<ProcessWhatsAppInbox> logger)
{
    public const int MaxAttempts = 5;

    /// <summary>A status can arrive before the dispatcher has saved the wamid it just got back; an unknown id
    /// is looked for again on later runs for this long, then dropped.</summary>
    public static readonly TimeSpan UnknownStatusGrace = TimeSpan.FromMinutes(1);

    public sealed record Input
    {
        public int BatchSize { get; init; } = 200;

        /// <summary>Batches per run at most, so a run ends and the next picks up.</summary>
        public int MaxBatches { get; init; } = 50;
    }

    /// <param name="Waiting">Entries left for the next run: behind a failed message of the same sender, or a
    /// status whose message is not known yet.</param>
    public sealed record Result(int Processed, int Failed, int SetAside, int Waiting)
    {
        public string Summary => $"{Processed} processed, {Failed} failed, {SetAside} set aside, {Waiting} waiting";
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var (processed, failed, setAside, waiting) = (0, 0, 0, 0);

        // Senders with a message that failed in this run or earlier: their later messages wait.
        var blocked = new HashSet<string>(StringComparer.Ordinal);
        var after = 0L;
        for (var batch = 0; batch < input.MaxBatches && !ct.IsCancellationRequested; batch++)
        {
            var entries = await db.WhatsAppInbox
                .Where(e => !e.IsProcessed && e.Id > after)
                .OrderBy(e => e.Id)
                .Take(input.BatchSize)
                .ToListAsync(ct);
            foreach (var entry in entries)
            {
                after = entry.Id;
                if (ct.IsCancellationRequested)
                {
                    break;
                }

                if (entry.Kind == InboxKind.Message && entry.WaId is { } sender && blocked.Contains(sender))
                {
                    waiting++;
                    continue;
                }

                switch (await ProcessAsync(entry, ct))
                {
                    case Outcome.Processed:
                        processed++;
                        break;
                    case Outcome.Waiting:
                        waiting++;
                        break;
                    case Outcome.Failed:
                        failed++;
                        if (entry.Kind == InboxKind.Message && entry.WaId is { } failedSender)
                        {
                            blocked.Add(failedSender);
                        }

                        break;
                    case Outcome.SetAside:
                        setAside++;
                        break;
                }
            }

            db.ChangeTracker.Clear();
            if (entries.Count < input.BatchSize)
            {
                break;
            }
        }

        return new Result(processed, failed, setAside, waiting);
    }

    private enum Outcome
    {
        Processed,
        Failed,
        SetAside,
        Waiting,
    }

    private async Task<Outcome> ProcessAsync(WhatsAppInboxEntry entry, CancellationToken ct)
    {
        // Each entry on a clean context: the chatbot sees the database as the previous message left it, and a
        // failure's half-made changes are never saved with the next entry.
        db.ChangeTracker.Clear();
        db.Attach(entry);
        try
        {
            var outcome = entry.Kind switch
            {
                InboxKind.Message => await MessageAsync(entry, ct),
                InboxKind.Status => await StatusAsync(entry, ct),
                InboxKind.Error => Error(entry),
            };
            if (outcome == Outcome.Processed)
            {
                await SaveProcessedAsync(entry, ct);
            }

            return outcome;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            db.ChangeTracker.Clear();
            var fresh = await db.WhatsAppInbox.SingleAsync(x => x.Id == entry.Id, CancellationToken.None);
            if (fresh.IsProcessed)
            {
                // The chatbot saved its work (and this mark) and failed afterwards: done, not to be repeated.
                logger.LogWarning(e, "WhatsApp inbox entry {Id} ({Key}) was handled but failed afterwards", fresh.Id, fresh.ExternalKey);
                return Outcome.Processed;
            }

            fresh.MarkFailed($"{e.GetType().Name}: {e.Message}", MaxAttempts, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
            if (fresh.IsProcessed)
            {
                logger.LogError(e, "WhatsApp inbox entry {Id} ({Kind}, {Key}) set aside after {Attempts} attempts; the sender's later messages go on",
                    fresh.Id, fresh.Kind, fresh.ExternalKey, fresh.Attempts);
                return Outcome.SetAside;
            }

            logger.LogWarning(e, "WhatsApp inbox entry {Id} ({Kind}, {Key}) failed, attempt {Attempts} of {Max}; the sender's later messages wait",
                fresh.Id, fresh.Kind, fresh.ExternalKey, fresh.Attempts, MaxAttempts);
            return Outcome.Failed;
        }
    }

    private async Task<Outcome> MessageAsync(WhatsAppInboxEntry entry, CancellationToken ct)
    {
        var message = WhatsAppPayloads.Message(entry.Payload, entry.ContactName);

        // Marked first, so the chatbot's own save records it in the same transaction (see the class comment).
        entry.MarkProcessed(clock.GetUtcNow().UtcDateTime);
        await chatbot.HandleAsync(message, ct);
        return Outcome.Processed;
    }

    private async Task<Outcome> StatusAsync(WhatsAppInboxEntry entry, CancellationToken ct)
    {
        var status = WhatsAppPayloads.Status(entry.Payload);
        var now = clock.GetUtcNow().UtcDateTime;
        if (status.Status is not { } delivery)
        {
            logger.LogInformation("WhatsApp status {Status} of {MessageId} ignored", status.RawStatus, status.MessageId);
            entry.MarkProcessed(now);
            return Outcome.Processed;
        }

        var outbox = await db.OutboxMessages.FirstOrDefaultAsync(m => m.ProviderMessageId == status.MessageId, ct);
        if (outbox is null)
        {
            if (now - entry.ReceivedAtUtc < UnknownStatusGrace)
            {
                return Outcome.Waiting;
            }

            logger.LogInformation("WhatsApp status {Status} of {MessageId}, which is not one of our outbox messages, ignored", status.RawStatus, status.MessageId);
            entry.MarkProcessed(now);
            return Outcome.Processed;
        }

        outbox.RecordDelivery(delivery, status.Error, status.AtUtc ?? now);
        entry.MarkProcessed(now);
        if (delivery == Domain.Notifications.DeliveryStatus.Failed)
        {
            logger.LogWarning("WhatsApp could not deliver outbox message {OutboxId} (case {TrackingNumber}): {Error}", outbox.Id, outbox.TrackingNumber, status.Error);
        }

        return Outcome.Processed;
    }

    private Outcome Error(WhatsAppInboxEntry entry)
    {
        logger.LogWarning("WhatsApp reported an error for the account: {Error} (inbox entry {Id})", WhatsAppPayloads.Error(entry.Payload), entry.Id);
        entry.MarkProcessed(clock.GetUtcNow().UtcDateTime);
        return Outcome.Processed;
    }

    private async Task SaveProcessedAsync(WhatsAppInboxEntry entry, CancellationToken ct)
    {
        if (db.Entry(entry).State == EntityState.Detached)
        {
            // The chatbot cleared the context after its own save, which carried the mark unless it never saved.
            var stored = await db.WhatsAppInbox.SingleAsync(x => x.Id == entry.Id, ct);
            if (!stored.IsProcessed)
            {
                stored.MarkProcessed(clock.GetUtcNow().UtcDateTime);
            }
        }

        // Nothing to write when the chatbot's save already carried the mark.
        await db.SaveChangesAsync(ct);
    }
}
