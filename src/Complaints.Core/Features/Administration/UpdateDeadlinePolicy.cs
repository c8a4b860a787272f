using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Administration;

/// <summary>
/// The Administrator changes deadline durations. A change applies to clocks started afterwards: a running
/// clock's due date is stored on its case and is never recomputed. Each changed duration is audited.
/// </summary>
public sealed class UpdateDeadlinePolicy(
    ComplaintsDbContext db,
    DeadlinePolicies policies,
    TimeProvider clock,
    ILogger<UpdateDeadlinePolicy> logger)
{
    /// <summary>The values as typed, by <see cref="PolicyDuration.Key"/>; a key left out keeps its value.</summary>
    public sealed record Input(IReadOnlyDictionary<string, string?> Values);

    /// <param name="Allowed">False when the actor is not the Administrator.</param>
    /// <param name="Errors">One per refused value, <see cref="FieldError.Field"/> being the duration's key;
    /// nothing is saved when there is any.</param>
    /// <param name="Changed">The keys whose value changed.</param>
    public sealed record Result(bool Allowed, IReadOnlyList<FieldError> Errors, IReadOnlyList<string> Changed);

    /// <summary>Two administrators' simultaneous first change of the same duration: the later is saved over the
    /// earlier (<see cref="FirstInsertRace"/>), both in the change log.</summary>
    public Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default) =>
        db.SaveOverEarlierInsertAsync<PolicySetting, Result>(() => ApplyAsync(input, actor, ct));

    private async Task<Result> ApplyAsync(Input input, Actor actor, CancellationToken ct)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return new(false, [], []);
        }

        var errors = new List<FieldError>();
        var wanted = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var duration in DeadlinePolicies.Durations)
        {
            if (!input.Values.TryGetValue(duration.Key, out var text))
            {
                continue;
            }

            text = text?.Trim() ?? "";
            if (text.Length == 0)
            {
                errors.Add(new(duration.Key, "settings.required"));
            }
            else if (text.Length > 9 || !text.All(char.IsAsciiDigit))
            {
                // Digits only: "5.0", "-3" or "1e2" are not a whole number of days.
                errors.Add(new(duration.Key, "settings.wholeNumber"));
            }
            else
            {
                var value = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
                if (value < PolicyDuration.Min || value > duration.Max)
                {
                    errors.Add(new(duration.Key, "settings.range", PolicyDuration.Min, duration.Max));
                }
                else
                {
                    wanted[duration.Key] = value;
                }
            }
        }

        if (errors.Count > 0)
        {
            return new(true, errors, []);
        }

        // Compared with the database, not the cache: another node may have changed a value a moment ago.
        policies.Invalidate();
        var current = await policies.GetAsync(db, ct);
        var rows = await db.PolicySettings.ToDictionaryAsync(s => s.Key, StringComparer.Ordinal, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var changed = new List<string>();
        foreach (var (key, value) in wanted)
        {
            var before = DeadlinePolicies.Find(key)!.Get(current);
            if (before == value)
            {
                continue;
            }

            if (rows.TryGetValue(key, out var row))
            {
                row.Value = value;
                row.UpdatedAtUtc = now;
                row.UpdatedById = actor.UserId;
            }
            else
            {
                db.PolicySettings.Add(new PolicySetting { Key = key, Value = value, UpdatedAtUtc = now, UpdatedById = actor.UserId });
            }

            db.AuditEntries.Add(AuditEntry.Record(actor.UserId, "policy", key,
                before.ToString(CultureInfo.InvariantCulture), value.ToString(CultureInfo.InvariantCulture), now));
            changed.Add(key);
        }

        if (changed.Count > 0)
        {
            await db.SaveChangesAsync(ct);
            policies.Invalidate();
            logger.LogInformation("Deadline policy {Keys} changed by {AdminId}", string.Join(", ", changed), actor.UserId);
        }

        return new(true, [], changed);
    }
}
