using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Deadlines;

/// <summary>
/// Fires the system trigger of every case whose running clock has passed: the institution is marked untimely
/// for good, unanswered document requests close as withdrawn, undecided answers close without feedback and
/// unsigned facilitation agreements close without agreement. Facilitation's own deadline has no automatic move.
/// Safe to run on several nodes at once: each case is saved on its own with its version, and a case someone
/// else changed first is skipped.
/// </summary>
public sealed class SweepDeadlines(
    ComplaintsDbContext db,
    CalendarCache calendars,
    DeadlinePolicies policies,
    TimeProvider clock,
    ILogger<SweepDeadlines> logger)
{
    /// <summary>The state whose overdue clock has an automatic move, and that move.</summary>
    public static readonly IReadOnlyList<(CaseState State, Trigger Trigger)> Moves =
    [
        (CaseState.WithInstitution, Trigger.InstitutionDeadlinePassed),
        (CaseState.AwaitingConsumerDocuments, Trigger.DocumentsDeadlinePassed),
        (CaseState.ConsumerReview, Trigger.DecisionDeadlinePassed),
        (CaseState.FacilitationAgreementPending, Trigger.SignatureDeadlinePassed),
    ];

    public sealed record Input
    {
        /// <summary>Cases read per query; each case is still saved on its own.</summary>
        public int BatchSize { get; init; } = 200;
    }

    /// <param name="Fired">Cases moved, per trigger.</param>
    /// <param name="Skipped">Cases another node (or a person) changed first.</param>
    public sealed record Result(IReadOnlyDictionary<Trigger, int> Fired, int Skipped)
    {
        public int Total => Fired.Values.Sum();
    }

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var context = new TransitionContext(Actor.System, now, await calendars.GetAsync(db, ct), await policies.GetAsync(db, ct));
        var fired = Moves.ToDictionary(m => m.Trigger, _ => 0);
        var skipped = 0;

        foreach (var (state, trigger) in Moves)
        {
            // Keyset paging over (due, id): a case that cannot move is passed over, never read twice in one run.
            DateTime? afterDue = null;
            var afterId = Guid.Empty;
            while (!ct.IsCancellationRequested)
            {
                var query = Overdue(state, now);
                if (afterDue is { } due)
                {
                    var id = afterId;
                    query = query.Where(c => c.Deadline!.DueAtUtc > due || (c.Deadline!.DueAtUtc == due && c.Id.CompareTo(id) > 0));
                }

                var batch = await query
                    .OrderBy(c => c.Deadline!.DueAtUtc).ThenBy(c => c.Id)
                    .Select(c => new { c.Id, c.Deadline!.DueAtUtc })
                    .Take(input.BatchSize)
                    .ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var row in batch)
                {
                    if (await FireAsync(row.Id, trigger, context, ct))
                    {
                        fired[trigger]++;
                    }
                    else
                    {
                        skipped++;
                    }
                }

                (afterDue, afterId) = (batch[^1].DueAtUtc, batch[^1].Id);
                if (batch.Count < input.BatchSize)
                {
                    break;
                }
            }
        }

        var result = new Result(fired, skipped);
        if (result.Total > 0 || skipped > 0)
        {
            logger.LogInformation("Deadline sweep: {Fired} moved ({PerTrigger}), {Skipped} skipped",
                result.Total, string.Join(", ", fired.Where(f => f.Value > 0).Select(f => $"{f.Key} {f.Value}")), skipped);
        }

        return result;
    }

    /// <summary>Running clocks past due in a state; institutions already untimely are not read again.</summary>
    private IQueryable<Case> Overdue(CaseState state, DateTime now)
    {
        var cases = db.Cases.VisibleTo(Actor.System).AsNoTracking().Where(c => c.State == state && c.Deadline!.DueAtUtc <= now);
        // A parameter, not a literal: EF writes `NOT IsUntimely` for a literal, which SQLite cannot match to the
        // (State, IsUntimely, Deadline_DueAtUtc) index; `IsUntimely = @p` uses it on both databases.
        var untimely = false;
        return state == CaseState.WithInstitution ? cases.Where(c => c.IsUntimely == untimely) : cases;
    }

    /// <summary>Reloads the case, fires the trigger and saves it alone; false when the case moved meanwhile.</summary>
    private async Task<bool> FireAsync(Guid id, Trigger trigger, TransitionContext context, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var @case = await db.Cases.VisibleTo(Actor.System).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (@case is null || !CaseLifecycle.AvailableTriggers(@case, context).Contains(trigger))
        {
            return false;
        }

        try
        {
            @case.Fire(trigger, context);
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException or CaseRuleException)
        {
            // Another node or a person changed the case first; the next run sees its new state.
            logger.LogDebug("Deadline sweep skipped case {TrackingNumber}: {Reason}", @case.TrackingNumber, e.GetType().Name);
            return false;
        }
        catch (DbUpdateException e) when (IsDuplicateEvent(e))
        {
            return false;
        }
    }

    /// <summary>Two nodes appending the same event sequence collide on the (case, sequence) unique index.</summary>
    private static bool IsDuplicateEvent(DbUpdateException e) =>
        e.InnerException?.Message.Contains("unique", StringComparison.OrdinalIgnoreCase) == true
        || e.InnerException?.Message.Contains("duplicate", StringComparison.OrdinalIgnoreCase) == true;
}
