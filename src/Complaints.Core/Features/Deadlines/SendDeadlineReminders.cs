using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Deadlines;

/// <summary>
/// Records a reminder for the party who must act when a running clock has two working days or fewer left
/// (DOMAIN.md: "two working days before a deadline"). One reminder per case, clock and due date: a re-run, a
/// second node or a restart records nothing new; an extended clock gets a reminder for its new date. The
/// outbox delivers the recorded reminders.
/// </summary>
public sealed class SendDeadlineReminders(
    ComplaintsDbContext db,
    CalendarCache calendars,
    TimeProvider clock,
    ILogger<SendDeadlineReminders> logger)
{
    /// <summary>Working days before the due date from which the party is reminded.</summary>
    public const int WorkingDaysBefore = 2;

    public sealed record Input
    {
        public int BatchSize { get; init; } = 500;
    }

    public sealed record Result(IReadOnlyDictionary<ReminderParty, int> Recorded)
    {
        public int Total => Recorded.Values.Sum();
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var calendar = await calendars.GetAsync(db, ct);
        var today = WorkingDayCalendar.JakartaDate(now);

        // Due on or before the second working day from today, and not yet passed: a narrow range of the due index.
        var until = WorkingDayCalendar.EndOfJakartaDayUtc(calendar.AddWorkingDays(today, WorkingDaysBefore));
        var recorded = Enum.GetValues<ReminderParty>().ToDictionary(p => p, _ => 0);

        while (!ct.IsCancellationRequested)
        {
            var due = await db.Cases.VisibleTo(Actor.System).AsNoTracking()
                .Where(c => c.Deadline!.DueAtUtc > now && c.Deadline!.DueAtUtc <= until)
                .Where(c => !db.DeadlineReminders.Any(r =>
                    r.CaseId == c.Id && r.DueAtUtc == c.Deadline!.DueAtUtc && r.ClockKind == c.Deadline!.Kind))
                .OrderBy(c => c.Deadline!.DueAtUtc).ThenBy(c => c.Id)
                .Select(c => new { c.Id, Kind = c.Deadline!.Kind, DueAtUtc = c.Deadline!.DueAtUtc!.Value })
                .Take(input.BatchSize)
                .ToListAsync(ct);

            // The same rule the pages show: working days left after today.
            var reminders = due
                .Where(c => calendar.WorkingDaysLeft(today, WorkingDayCalendar.DueDateOf(c.DueAtUtc)) <= WorkingDaysBefore)
                .Select(c => DeadlineReminder.For(c.Id, c.Kind, c.DueAtUtc, now))
                .ToList();
            var saved = await SaveAsync(reminders, ct);
            foreach (var reminder in saved)
            {
                recorded[reminder.Party]++;
            }

            // A full batch of which nothing new was saved would come back the same: stop instead.
            if (due.Count < input.BatchSize || saved.Count == 0)
            {
                break;
            }
        }

        var result = new Result(recorded);
        if (result.Total > 0)
        {
            logger.LogInformation("Deadline reminders recorded: {Count}", result.Total);
        }

        return result;
    }

    /// <summary>Saves the batch at once; when another node recorded some first, saves one by one and skips those.</summary>
    private async Task<List<DeadlineReminder>> SaveAsync(List<DeadlineReminder> reminders, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        db.DeadlineReminders.AddRange(reminders);
        try
        {
            await db.SaveChangesAsync(ct);
            return reminders;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
        }

        var saved = new List<DeadlineReminder>();
        foreach (var one in reminders)
        {
            var copy = DeadlineReminder.For(one.CaseId, one.ClockKind, one.DueAtUtc, one.CreatedAtUtc);
            db.DeadlineReminders.Add(copy);
            try
            {
                await db.SaveChangesAsync(ct);
                saved.Add(copy);
            }
            catch (DbUpdateException)
            {
                // Recorded by someone else: the unique (case, due, clock) index keeps it once.
            }

            db.ChangeTracker.Clear();
        }

        return saved;
    }
}
