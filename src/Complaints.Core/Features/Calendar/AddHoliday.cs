using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Calendar;

/// <summary>
/// The Administrator adds a one-off day off, such as an election day. It counts for clocks started afterwards;
/// due dates of running clocks are stored on their cases and do not move.
/// </summary>
public sealed class AddHoliday(ComplaintsDbContext db, CalendarCache calendars, TimeProvider clock, ILogger<AddHoliday> logger)
{
    public const int MaxNameLength = 200;

    public sealed record Input(DateOnly? Date, string? Name);

    /// <param name="Allowed">False when the actor is not the Administrator.</param>
    public sealed record Result(bool Allowed, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return new(false, []);
        }

        var errors = new List<FieldError>();
        var name = input.Name?.Trim() ?? "";
        if (input.Date is null)
        {
            errors.Add(new("date", "settings.holiday.dateRequired"));
        }
        else if (await db.Holidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == input.Date, ct) is { } existing)
        {
            errors.Add(new("date", "settings.holiday.dateTaken", existing.Name));
        }

        if (name.Length == 0)
        {
            errors.Add(new("name", "settings.holiday.nameRequired"));
        }
        else if (name.Length > MaxNameLength)
        {
            errors.Add(new("name", "settings.holiday.nameTooLong", MaxNameLength));
        }

        if (errors.Count > 0)
        {
            return new(true, errors);
        }

        var date = input.Date!.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var holiday = new Holiday { Date = date, Name = name, Type = HolidayType.Special };
        db.Holidays.Add(holiday);
        db.AuditEntries.Add(AuditEntry.Record(actor.UserId, "calendar", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), null, Describe(holiday), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another administrator added the same day a moment ago; anything else is not ours to explain.
            db.ChangeTracker.Clear();
            if (await db.Holidays.AsNoTracking().FirstOrDefaultAsync(h => h.Date == date, ct) is { } taken)
            {
                return new(true, [new("date", "settings.holiday.dateTaken", taken.Name)]);
            }

            throw;
        }

        calendars.Invalidate();
        logger.LogInformation("Holiday {Date} added by {AdminId}", date, actor.UserId);
        return new(true, []);
    }

    /// <summary>How a day reads in the audit: "Pemilihan Umum (Special)".</summary>
    internal static string Describe(Holiday holiday) => $"{holiday.Name} ({holiday.Type})";
}
