using Complaints.Core.Data;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.WhatsApp;

/// <summary>
/// Stores the events of a verified webhook body in the inbox, once each: Meta redelivers on any doubt, so an
/// event already stored (or repeated within the body) is skipped, never an error. Nothing is processed here;
/// the webhook answers as soon as this returns and <see cref="ProcessWhatsAppInbox"/> does the work.
/// </summary>
public sealed class ReceiveWhatsAppEvents(ComplaintsDbContext db, TimeProvider clock)
{
    public sealed record Input(ReadOnlyMemory<byte> Body);

    public sealed record Result(int Stored, int Duplicates);

    /// <summary>Throws <see cref="System.Text.Json.JsonException"/> or <see cref="FormatException"/> for a body
    /// that is not a JSON object; then nothing is stored.</summary>
    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var all = WhatsAppPayloads.Events(input.Body);
        var events = all.DistinctBy(e => e.ExternalKey).ToList();
        if (events.Count == 0)
        {
            return new Result(0, all.Count);
        }

        // SQLite has one writer and runs on one node: queueing here beats its busy-retry sleeps under a burst.
        var sqlite = db.Database.IsSqlite();
        if (sqlite)
        {
            await SqliteWriter.WaitAsync(ct);
        }

        try
        {
            return await StoreAsync(events, all.Count, ct);
        }
        finally
        {
            if (sqlite)
            {
                SqliteWriter.Release();
            }
        }
    }

    private static readonly SemaphoreSlim SqliteWriter = new(1, 1);

    private async Task<Result> StoreAsync(List<WhatsAppPayloads.InboxEvent> events, int total, CancellationToken ct)
    {
        var keys = events.Select(e => e.ExternalKey).ToList();
        var known = (await db.WhatsAppInbox.Where(e => keys.Contains(e.ExternalKey)).Select(e => e.ExternalKey).ToListAsync(ct)).ToHashSet();
        var fresh = events.Where(e => !known.Contains(e.ExternalKey)).ToList();
        if (fresh.Count == 0)
        {
            return new Result(0, total);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.WhatsAppInbox.AddRange(fresh.Select(e => New(e, now)));
        try
        {
            await db.SaveChangesAsync(ct);
            return new Result(fresh.Count, total - fresh.Count);
        }
        catch (DbUpdateException)
        {
            // The same delivery raced in on another request or node between the check and the insert (the unique
            // key refused it). One by one, the events the other request stored are the duplicates.
            db.ChangeTracker.Clear();
        }

        var stored = 0;
        foreach (var e in fresh)
        {
            db.WhatsAppInbox.Add(New(e, now));
            try
            {
                await db.SaveChangesAsync(ct);
                stored++;
            }
            catch (DbUpdateException)
            {
                db.ChangeTracker.Clear();
                if (!await db.WhatsAppInbox.AnyAsync(x => x.ExternalKey == e.ExternalKey, ct))
                {
                    throw;
                }
            }

            db.ChangeTracker.Clear();
        }

        return new Result(stored, total - stored);
    }

    private static WhatsAppInboxEntry New(WhatsAppPayloads.InboxEvent e, DateTime now) =>
        WhatsAppInboxEntry.Receive(e.ExternalKey, e.Kind, Clip(e.WaId, 64), Clip(e.ContactName, 200), e.OccurredAtUtc, e.Payload, now);

    private static string? Clip(string? text, int max) => text is { Length: > 0 } t && t.Length > max ? t[..max] : text;
}
