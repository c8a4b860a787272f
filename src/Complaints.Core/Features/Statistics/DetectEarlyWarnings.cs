using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Statistics;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Statistics;

/// <summary>
/// The weekly early warning: for the last full Jakarta week (Monday to Sunday) it counts the complaints submitted
/// against each institution, each product and each issue category, compares every count with the same key's
/// counts in the trailing weeks (<see cref="EarlyWarningOptions.TrailingWeeks"/>, default 8) and records an
/// <see cref="EarlyWarningFlag"/> for each unusual rise.
/// <para>
/// The statistic: with the trailing weeks' mean m and sample standard deviation s (weeks without complaints count
/// as 0), a week's count c is flagged when c ≥ MinCount and c &gt; m + k·max(s, √max(m, 1)) (k =
/// <see cref="EarlyWarningOptions.Threshold"/>, default 3). The floor √m is the spread of a Poisson count with
/// that mean: independent complaints arrive roughly as a Poisson process, so even a baseline that happened to be
/// flat (20, 20, 20, …; s = 0) has a natural week-to-week noise of about √20 ≈ 4.5, and 21 must not raise an alarm.
/// A real spike stands out against both the observed spread and that natural noise. The floor of 1 and
/// <see cref="EarlyWarningOptions.MinCount"/> keep new or quiet keys from flagging on a handful of complaints.
/// The flag stores m and the spread the comparison used, so the page shows exactly what was compared.
/// </para>
/// <para>
/// Only cases of kind <see cref="CaseKind.Complaint"/> count (questions are not complaints), by their current
/// classification. Counting reads the week range of the SubmittedAtUtc index with one GROUP BY per week, so the
/// database returns a few hundred groups, not the cases. A flag is unique per dimension, key and week: a re-run,
/// or a second node, adds nothing.
/// </para>
/// </summary>
public sealed class DetectEarlyWarnings(
    ComplaintsDbContext db,
    IOptions<EarlyWarningOptions> options,
    TimeProvider clock,
    ILogger<DetectEarlyWarnings> logger)
{
    public sealed record Input
    {
        /// <summary>A day of the week to examine (its Monday is used); by default the last full week before now.</summary>
        public DateOnly? Week { get; init; }
    }

    /// <param name="Keys">Institutions, products and issue categories with complaints in the week.</param>
    /// <param name="Flagged">Flags this run added.</param>
    /// <param name="AlreadyFlagged">Unusual rises an earlier run (or another node) had flagged already.</param>
    public sealed record Result(DateOnly WeekStart, int Keys, int Flagged, int AlreadyFlagged)
    {
        public string Summary => string.Create(CultureInfo.InvariantCulture,
            $"week of {WeekStart:yyyy-MM-dd}: {Flagged} new flags, {AlreadyFlagged} already flagged, {Keys} keys examined");
    }

    /// <summary>A key's week and its baseline, whether flagged or not (for the bench and the tests' reasoning).</summary>
    public sealed record Comparison(WarningDimension Dimension, string Key, int Count, double Mean, double Spread, bool Unusual);

    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        var settings = options.Value;
        var week = input.Week is { } day ? MondayOf(day) : LastFullWeek(clock.GetUtcNow().UtcDateTime);
        var comparisons = await CompareAsync(week, settings, ct);
        var unusual = comparisons.Where(c => c.Unusual).ToList();
        if (unusual.Count == 0)
        {
            return new(week, comparisons.Count, 0, 0);
        }

        var existing = (await db.EarlyWarningFlags.AsNoTracking()
                .Where(f => f.WeekStart == week)
                .Select(f => new { f.Dimension, f.Key })
                .ToListAsync(ct))
            .Select(f => (f.Dimension, f.Key))
            .ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = unusual
            .Where(c => !existing.Contains((c.Dimension, c.Key)))
            .Select(c => new EarlyWarningFlag
            {
                Dimension = c.Dimension,
                Key = c.Key,
                WeekStart = week,
                Count = c.Count,
                BaselineMean = c.Mean,
                BaselineStdDev = c.Spread,
                CreatedAtUtc = now,
            })
            .ToList();
        if (added.Count == 0)
        {
            return new(week, comparisons.Count, 0, unusual.Count);
        }

        db.EarlyWarningFlags.AddRange(added);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node stored the same flags between our read and our insert (the unique index refused ours):
            // the week is flagged either way.
            db.ChangeTracker.Clear();
            logger.LogInformation("Early warnings for the week of {WeekStart} were stored by another run", week);
            return new(week, comparisons.Count, 0, unusual.Count);
        }

        logger.LogInformation("Early warnings for the week of {WeekStart}: {Flagged} new ({Keys})", week, added.Count,
            string.Join(", ", added.Select(f => $"{f.Dimension} {f.Key}: {f.Count}")));
        return new(week, comparisons.Count, added.Count, unusual.Count - added.Count);
    }

    /// <summary>Every key with complaints in the week, compared with its trailing weeks.</summary>
    public async Task<IReadOnlyList<Comparison>> CompareAsync(DateOnly weekStart, EarlyWarningOptions settings, CancellationToken ct = default)
    {
        var trailing = Math.Max(1, settings.TrailingWeeks);
        // Per key, the counts of the trailing weeks (oldest first) and, last, of the examined week.
        var series = new Dictionary<(WarningDimension, string), int[]>();
        void Add(WarningDimension dimension, string? key, int week, int count)
        {
            if (key is null)
            {
                return;
            }

            if (!series.TryGetValue((dimension, key), out var counts))
            {
                series[(dimension, key)] = counts = new int[trailing + 1];
            }

            counts[week] += count;
        }

        for (var i = 0; i <= trailing; i++)
        {
            var (from, to) = WeekRangeUtc(weekStart.AddDays(-7 * (trailing - i)));
            var groups = await db.Cases.AsNoTracking().VisibleTo(Actor.System)
                .Where(c => c.SubmittedAtUtc >= from && c.SubmittedAtUtc < to && c.Kind == CaseKind.Complaint)
                .GroupBy(c => new { c.InstitutionId, c.Product, c.IssueCategory })
                .Select(g => new { g.Key.InstitutionId, g.Key.Product, g.Key.IssueCategory, Count = g.Count() })
                .ToListAsync(ct);
            foreach (var g in groups)
            {
                Add(WarningDimension.Institution, g.InstitutionId?.ToString(CultureInfo.InvariantCulture), i, g.Count);
                Add(WarningDimension.Product, g.Product, i, g.Count);
                Add(WarningDimension.IssueCategory, g.IssueCategory, i, g.Count);
            }
        }

        return series
            .Where(s => s.Value[trailing] > 0)
            .Select(s => Compare(s.Key.Item1, s.Key.Item2, s.Value, settings))
            .OrderBy(c => c.Dimension).ThenBy(c => c.Key, StringComparer.Ordinal)
            .ToList();
    }

    private static Comparison Compare(WarningDimension dimension, string key, int[] counts, EarlyWarningOptions settings)
    {
        var baseline = counts[..^1];
        var count = counts[^1];
        var mean = baseline.Average();
        var sd = baseline.Length > 1
            ? Math.Sqrt(baseline.Sum(c => (c - mean) * (c - mean)) / (baseline.Length - 1))
            : 0;
        var spread = Math.Max(sd, Math.Sqrt(Math.Max(mean, 1)));
        var unusual = count >= settings.MinCount && count > mean + (settings.Threshold * spread);
        return new(dimension, key, count, mean, spread, unusual);
    }

    /// <summary>Monday of the Jakarta week before the one <paramref name="utcNow"/> falls in.</summary>
    public static DateOnly LastFullWeek(DateTime utcNow) => MondayOf(WorkingDayCalendar.JakartaDate(utcNow)).AddDays(-7);

    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The week from Monday 00:00 to the next Monday 00:00 in Jakarta, in UTC.</summary>
    public static (DateTime FromUtc, DateTime ToUtc) WeekRangeUtc(DateOnly monday) =>
        (WorkingDayCalendar.EndOfJakartaDayUtc(monday.AddDays(-1)), WorkingDayCalendar.EndOfJakartaDayUtc(monday.AddDays(6)));
}
