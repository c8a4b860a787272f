using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Administration;

/// <summary>One duration an administrator may change: its <see cref="DeadlinePolicy"/> property, how to read it
/// and how to set it on the immutable record, and its unit.</summary>
public sealed record PolicyDuration(string Key, bool CalendarDays, Func<DeadlinePolicy, int> Get, Func<DeadlinePolicy, int, DeadlinePolicy> With)
{
    public const int Min = 1;

    /// <summary>A year of working days, or ten calendar years: far beyond any sensible value, short of overflow.</summary>
    public int Max => CalendarDays ? 3650 : 365;
}

/// <summary>
/// The deadline durations in force: the configured <see cref="DeadlinePolicy"/> (section "Policy", defaults from
/// DOMAIN.md) with the administrators' <c>PolicySettings</c> rows applied on top. Read on every clock start, so
/// it is cached; an entry lives at most <see cref="MaxAge"/>, which is how other nodes pick up a change, and
/// <see cref="Invalidate"/> drops it at once on the node that made the change.
/// </summary>
public sealed class DeadlinePolicies(IOptions<DeadlinePolicy> configured, TimeProvider clock, ILogger<DeadlinePolicies> logger)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    /// <summary>Every duration an administrator may change, in the order of the settings page. An explicit map
    /// rather than reflection: a renamed property breaks the build here instead of silently orphaning rows.</summary>
    public static readonly IReadOnlyList<PolicyDuration> Durations =
    [
        new(nameof(DeadlinePolicy.InstitutionWrittenDays), false, p => p.InstitutionWrittenDays, (p, v) => p with { InstitutionWrittenDays = v }),
        new(nameof(DeadlinePolicy.InstitutionVerbalDays), false, p => p.InstitutionVerbalDays, (p, v) => p with { InstitutionVerbalDays = v }),
        new(nameof(DeadlinePolicy.InstitutionExtensionDays), false, p => p.InstitutionExtensionDays, (p, v) => p with { InstitutionExtensionDays = v }),
        new(nameof(DeadlinePolicy.ConsumerDocumentsDays), false, p => p.ConsumerDocumentsDays, (p, v) => p with { ConsumerDocumentsDays = v }),
        new(nameof(DeadlinePolicy.ConsumerDecisionDays), false, p => p.ConsumerDecisionDays, (p, v) => p with { ConsumerDecisionDays = v }),
        new(nameof(DeadlinePolicy.FacilitationSignatureDays), false, p => p.FacilitationSignatureDays, (p, v) => p with { FacilitationSignatureDays = v }),
        new(nameof(DeadlinePolicy.FacilitationDays), false, p => p.FacilitationDays, (p, v) => p with { FacilitationDays = v }),
        new(nameof(DeadlinePolicy.FacilitationExtensionDays), false, p => p.FacilitationExtensionDays, (p, v) => p with { FacilitationExtensionDays = v }),
        new(nameof(DeadlinePolicy.ReopenWindowDays), true, p => p.ReopenWindowDays, (p, v) => p with { ReopenWindowDays = v }),
        new(nameof(DeadlinePolicy.PinValidityDaysAfterClosure), true, p => p.PinValidityDaysAfterClosure, (p, v) => p with { PinValidityDaysAfterClosure = v }),
    ];

    private static readonly Dictionary<string, PolicyDuration> ByKey = Durations.ToDictionary(d => d.Key, StringComparer.Ordinal);

    private sealed record Entry(DeadlinePolicy Policy, DateTimeOffset LoadedAt);

    private volatile Entry? _entry;

    // Bumped by Invalidate: a load that started before a change must not put its older values back.
    private int _generation;

    /// <summary>The configured values, before any administrator's change: the "default" of the settings page.</summary>
    public DeadlinePolicy Configured => configured.Value;

    public static PolicyDuration? Find(string key) => ByKey.GetValueOrDefault(key);

    public async Task<DeadlinePolicy> GetAsync(ComplaintsDbContext db, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        if (_entry is { } cached && IsFresh(cached, now))
        {
            return cached.Policy;
        }

        var generation = Volatile.Read(ref _generation);
        var rows = await db.PolicySettings.AsNoTracking().Select(s => new { s.Key, s.Value }).ToListAsync(ct);
        var policy = configured.Value;
        foreach (var row in rows)
        {
            if (ByKey.TryGetValue(row.Key, out var duration))
            {
                policy = duration.With(policy, row.Value);
            }
            else
            {
                // A row written by another version of the program, or by hand: never fatal for a clock.
                logger.LogWarning("Ignoring unknown deadline policy setting {Key}", row.Key);
            }
        }

        if (Volatile.Read(ref _generation) == generation)
        {
            _entry = new Entry(policy, now);
        }

        return policy;
    }

    /// <summary>Call after a duration changed, so this node uses it for the next clock.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _entry = null;
    }

    // A clock set back (tests, or a corrected system clock) also counts as stale.
    private static bool IsFresh(Entry entry, DateTimeOffset now) => now >= entry.LoadedAt && now - entry.LoadedAt < MaxAge;
}
