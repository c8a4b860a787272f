namespace Complaints.Core.Domain.Administration;

/// <summary>
/// An administrator's change to a setting outside any case (deadline durations, the calendar, notification
/// templates, dead-letter retries): who, when, what and the values before and after. Append-only.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; private set; }

    public DateTime OccurredAtUtc { get; private set; }

    public string? UserId { get; private set; }

    /// <summary>What kind of setting: "policy", "calendar", "template", "outbox".</summary>
    public string Area { get; private set; } = "";

    /// <summary>Which one: the policy key, the holiday date, the template key and language, the message id.</summary>
    public string Subject { get; private set; } = "";

    public string? Before { get; private set; }

    public string? After { get; private set; }

    private AuditEntry()
    {
    }

    public const int MaxValueLength = 4_000;

    public static AuditEntry Record(string? userId, string area, string subject, string? before, string? after, DateTime nowUtc) => new()
    {
        OccurredAtUtc = nowUtc,
        UserId = userId,
        Area = area,
        Subject = subject,
        Before = Clip(before),
        After = Clip(after),
    };

    private static string? Clip(string? value) => value is { Length: > MaxValueLength } ? value[..MaxValueLength] : value;
}
