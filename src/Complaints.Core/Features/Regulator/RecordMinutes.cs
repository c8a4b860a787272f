using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Regulator;

/// <summary>Writes (or corrects) the minutes of a meeting held on a case.</summary>
public sealed class RecordMinutes(ComplaintsDbContext db)
{
    public const int MaxLength = 10_000;

    public sealed record Input
    {
        public required string TrackingNumber { get; init; }
        public Guid MeetingId { get; init; }
        public string? Minutes { get; init; }
    }

    public async Task<CaseChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Tier < 2 || !TrackingNumber.TryNormalize(input.TrackingNumber, out var number))
        {
            return CaseChange.NotFound;
        }

        var caseIds = db.Cases.VisibleTo(actor).Where(c => c.TrackingNumber == number).Select(c => c.Id);
        var meeting = await db.CaseMeetings.FirstOrDefaultAsync(m => m.Id == input.MeetingId && caseIds.Contains(m.CaseId), ct);
        if (meeting is null)
        {
            return CaseChange.NotFound;
        }

        var minutes = ScheduleMeeting.Trimmed(input.Minutes);
        if (minutes is null)
        {
            return CaseChange.Invalid([new FieldError("minutes", "required")]);
        }

        if (minutes.Length > MaxLength)
        {
            return CaseChange.Invalid([new FieldError("minutes", "tooLong", MaxLength)]);
        }

        meeting.Minutes = minutes;
        await db.SaveChangesAsync(ct);
        return CaseChange.Done;
    }
}
