using System.Runtime.CompilerServices;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Complaints.Core.Features.Notifications;

/// <summary>
/// Writes the outbox in the same transaction as the change that causes it: just before any save, the history
/// events and deadline reminders it adds are handed to <see cref="NotificationPlanner"/> and its messages are
/// added to the same save. Every path that changes a case (portals, API, jobs) is covered without calling it.
/// </summary>
public sealed class OutboxInterceptor(NotificationPlanner planner, TimeProvider clock) : SaveChangesInterceptor
{
    // An event whose save failed and is saved again must not be announced twice.
    private static readonly ConditionalWeakTable<object, object> Planned = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is ComplaintsDbContext db)
        {
            await PlanAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is ComplaintsDbContext db)
        {
            PlanAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    private async Task PlanAsync(ComplaintsDbContext db, CancellationToken ct)
    {
        var events = Added<CaseEvent>(db);
        var reminders = Added<DeadlineReminder>(db);
        if (events.Count == 0 && reminders.Count == 0)
        {
            return;
        }

        // Added<T> above has just detected changes; the planner looks tracked cases, consumers and institutions up
        // many times per save (a reminder batch holds hundreds), so it must not scan the tracker again each time.
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var messages = await planner.PlanAsync(db, events, reminders, clock.GetUtcNow().UtcDateTime, ct);
            db.OutboxMessages.AddRange(messages);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static List<T> Added<T>(ComplaintsDbContext db) where T : class
    {
        var added = new List<T>();
        foreach (var entry in db.ChangeTracker.Entries<T>())
        {
            if (entry.State == EntityState.Added && !Planned.TryGetValue(entry.Entity, out _))
            {
                Planned.Add(entry.Entity, entry.Entity);
                added.Add(entry.Entity);
            }
        }

        return added;
    }
}
