using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Complaints.Core.Domain.Cases;

/// <summary>
/// One entry of a case's append-only history. Each event's hash covers its content and the previous event's
/// hash, so editing or deleting any past event breaks the chain (<see cref="CaseHistory.FindBreak"/>).
/// </summary>
public sealed class CaseEvent
{
    public long Id { get; private set; }

    public Guid CaseId { get; private set; }

    /// <summary>1 for the submission, then one more per event.</summary>
    public int Sequence { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public ActorRole ActorRole { get; private set; }

    public string? ActorId { get; private set; }

    public Trigger Trigger { get; private set; }

    public CaseState? FromState { get; private set; }

    public CaseState ToState { get; private set; }

    public string? Note { get; private set; }

    public Visibility Visibility { get; private set; }

    public string PreviousHash { get; private set; } = "";

    public string Hash { get; private set; } = "";

    private CaseEvent()
    {
    }

    internal static CaseEvent Create(
        Guid caseId, int sequence, string previousHash, DateTime occurredAtUtc, Actor actor,
        Trigger trigger, CaseState? from, CaseState to, string? note, Visibility visibility)
    {
        var e = new CaseEvent
        {
            CaseId = caseId,
            Sequence = sequence,
            // Both databases keep at least microseconds; whole milliseconds hash the same after a round trip.
            OccurredAtUtc = new DateTime(occurredAtUtc.Ticks - (occurredAtUtc.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc),
            ActorRole = actor.Role,
            ActorId = actor.UserId ?? actor.ConsumerId?.ToString(),
            Trigger = trigger,
            FromState = from,
            ToState = to,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Visibility = visibility,
            PreviousHash = previousHash,
        };
        e.Hash = e.ComputeHash();
        return e;
    }

    public string ComputeHash()
    {
        var canonical = string.Join('\u001f',
            PreviousHash,
            CaseId.ToString("N"),
            Sequence.ToString(CultureInfo.InvariantCulture),
            OccurredAtUtc.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ActorRole.ToString(),
            ActorId ?? "",
            Trigger.ToString(),
            FromState?.ToString() ?? "",
            ToState.ToString(),
            Visibility.ToString(),
            Note ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}

public static class CaseHistory
{
    /// <summary>The sequence number of the first event whose hash or link does not verify, or null when the
    /// whole chain is intact.</summary>
    public static int? FindBreak(IEnumerable<CaseEvent> events)
    {
        var previous = "";
        var expected = 1;
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            if (e.Sequence != expected || e.PreviousHash != previous || e.Hash != e.ComputeHash())
            {
                return expected;
            }

            previous = e.Hash;
            expected++;
        }

        return null;
    }
}
