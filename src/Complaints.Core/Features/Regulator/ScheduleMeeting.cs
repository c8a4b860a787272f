using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Regulator;

/// <summary>Schedules a clarification meeting or a facilitation session with both parties.</summary>
public sealed class ScheduleMeeting(ComplaintsDbContext db, TimeProvider clock)
{
    public sealed record Input
    {
        public required string TrackingNumber { get; init; }

        /// <summary>Jakarta local time (WIB).</summary>
        public DateTime? StartsAtWib { get; init; }

        public string? Location { get; init; }
        public string? VideoLink { get; init; }
        public string? Participants { get; init; }
    }

    /// <summary>The kind of meeting the case's state calls for, or null when no meeting belongs to it.</summary>
    public static MeetingKind? KindFor(CaseState state) => state switch
    {
        CaseState.EligibilityReview or CaseState.ClarificationMeeting => MeetingKind.Clarification,
        CaseState.FacilitationAgreementPending or CaseState.Facilitation => MeetingKind.Facilitation,
        _ => null,
    };

    public async Task<CaseChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff || !TrackingNumber.TryNormalize(input.TrackingNumber, out var number))
        {
            return CaseChange.NotFound;
        }

        var @case = await db.Cases.VisibleTo(actor)
            .Select(c => new { c.Id, c.TrackingNumber, c.State })
            .FirstOrDefaultAsync(c => c.TrackingNumber == number, ct);
        if (@case is null)
        {
            return CaseChange.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var kind = KindFor(@case.State);
        var errors = new List<FieldError>();
        if (kind is null || actor.Tier < 2)
        {
            errors.Add(new FieldError("meeting", "meeting.notNow"));
        }

        DateTime? startsUtc = input.StartsAtWib is { } local
            ? TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), WorkingDayCalendar.Jakarta)
            : null;
        if (startsUtc is null)
        {
            errors.Add(new FieldError("startsAt", "required"));
        }
        else if (startsUtc < now)
        {
            errors.Add(new FieldError("startsAt", "meeting.inPast"));
        }

        var location = Trimmed(input.Location);
        var link = Trimmed(input.VideoLink);
        if (location is null && link is null)
        {
            errors.Add(new FieldError("location", "meeting.placeRequired"));
        }

        if (link is not null && !(Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps))
        {
            errors.Add(new FieldError("videoLink", "meeting.linkInvalid"));
        }

        var participants = Trimmed(input.Participants);
        if (participants is null)
        {
            errors.Add(new FieldError("participants", "required"));
        }

        if (location?.Length > 300 || link?.Length > 500 || participants?.Length > 1_000)
        {
            errors.Add(new FieldError("participants", "meeting.tooLong"));
        }

        if (errors.Count > 0)
        {
            return CaseChange.Invalid(errors);
        }

        db.CaseMeetings.Add(new CaseMeeting
        {
            CaseId = @case.Id,
            Kind = kind!.Value,
            ScheduledAtUtc = startsUtc!.Value,
            Location = location,
            VideoLink = link,
            Participants = participants,
            CreatedAtUtc = now,
            CreatedById = actor.UserId,
        });
        await db.SaveChangesAsync(ct);
        return CaseChange.Done;
    }

    internal static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
