using Complaints.Core.Domain.Calendar;

namespace Complaints.Core.Domain.Cases;

/// <summary>Who must act before a deadline, and so who is reminded.</summary>
public enum ReminderParty
{
    Institution,
    Consumer,
    Regulator,
}

/// <summary>
/// A reminder that a running deadline is two working days away, recorded once per case, clock and due date
/// (a unique index, so two nodes never record it twice). The outbox delivers from here.
/// </summary>
public sealed class DeadlineReminder
{
    public long Id { get; private set; }

    public Guid CaseId { get; private set; }

    public ClockKind ClockKind { get; private set; }

    /// <summary>The due instant the reminder is for; an extended or restarted clock gets its own reminder.</summary>
    public DateTime DueAtUtc { get; private set; }

    public ReminderParty Party { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }

    private DeadlineReminder()
    {
    }

    public static DeadlineReminder For(Guid caseId, ClockKind kind, DateTime dueAtUtc, DateTime nowUtc) => new()
    {
        CaseId = caseId,
        ClockKind = kind,
        DueAtUtc = dueAtUtc,
        Party = PartyFor(kind),
        CreatedAtUtc = nowUtc,
    };

    /// <summary>The party whose move the clock waits for.</summary>
    public static ReminderParty PartyFor(ClockKind kind) => kind switch
    {
        ClockKind.InstitutionResponse => ReminderParty.Institution,
        ClockKind.ConsumerDocuments or ClockKind.ConsumerDecision or ClockKind.FacilitationSignature => ReminderParty.Consumer,
        ClockKind.Facilitation => ReminderParty.Regulator,
    };
}
