using System.Diagnostics;
using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Bench;

/// <summary>
/// Times the weekly early-warning job (<see cref="DetectEarlyWarnings"/>) on a generated database, for the last full
/// Jakarta week of the data: the counting alone (the default 8 trailing weeks, then 52, which reads as many cases as
/// 9 weeks at a regulator's ~60,000 complaints a week), then the job itself, run twice (the second run finds its
/// flags stored and adds nothing). The job's runs are inside a transaction that is rolled back, so the database is
/// left as it was; the query plan of one week's count is printed.
/// </summary>
public sealed class EarlyWarningTimings(Func<ComplaintsDbContext> newContext, TextWriter log)
{
    public async Task RunAsync()
    {
        DateTime latest;
        await using (var db = newContext())
        {
            latest = DateTime.SpecifyKind(await db.Cases.MaxAsync(c => c.SubmittedAtUtc), DateTimeKind.Utc);
        }

        // The data's last day plays "now": the job examines the last full week before it.
        var week = DetectEarlyWarnings.LastFullWeek(latest);
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latest case {latest:yyyy-MM-dd HH:mm} UTC; examined week {week:yyyy-MM-dd} to {week.AddDays(6):yyyy-MM-dd}"));
        foreach (var trailing in new[] { 8, 52 })
        {
            var settings = new EarlyWarningOptions { TrailingWeeks = trailing };
            var (from, _) = DetectEarlyWarnings.WeekRangeUtc(week.AddDays(-7 * trailing));
            var (_, to) = DetectEarlyWarnings.WeekRangeUtc(week);
            int cases;
            await using (var db = newContext())
            {
                cases = await db.Cases.CountAsync(c => c.SubmittedAtUtc >= from && c.SubmittedAtUtc < to && c.Kind == CaseKind.Complaint);
            }

            IReadOnlyList<DetectEarlyWarnings.Comparison> comparisons = [];
            await TimeAsync(string.Create(CultureInfo.InvariantCulture, $"count and compare, {trailing} trailing weeks ({trailing + 1} weeks, {cases:N0} complaints)"), async db =>
            {
                comparisons = await Detector(db, settings).CompareAsync(week, settings);
                return comparisons.Count;
            });
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {comparisons.Count:N0} keys, {comparisons.Count(c => c.Unusual):N0} unusual"));
        }

        await using (var db = newContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var detector = Detector(db, new EarlyWarningOptions());
            var watch = Stopwatch.StartNew();
            var first = await detector.HandleAsync(new() { Week = week });
            var firstMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var second = await detector.HandleAsync(new() { Week = week });
            var secondMs = watch.Elapsed.TotalMilliseconds;
            await transaction.RollbackAsync();
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"job, first run: {firstMs:N1} ms ({first.Summary})"));
            log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"job, re-run: {secondMs:N1} ms ({second.Summary})"));
        }

        await ExplainAsync(week);
    }

    private static DetectEarlyWarnings Detector(ComplaintsDbContext db, EarlyWarningOptions settings) =>
        new(db, Options.Create(settings), TimeProvider.System, NullLogger<DetectEarlyWarnings>.Instance);

    /// <summary>The plan of one week's GROUP BY, the same shape the job sends nine times.</summary>
    private async Task ExplainAsync(DateOnly week)
    {
        await using var db = newContext();
        var (from, to) = DetectEarlyWarnings.WeekRangeUtc(week);
        // The command EF sends, with its parameters bound, asked for its plan instead.
        await using var command = db.Cases.AsNoTracking()
            .Where(c => c.SubmittedAtUtc >= from && c.SubmittedAtUtc < to && c.Kind == CaseKind.Complaint)
            .GroupBy(c => new { c.InstitutionId, c.Product, c.IssueCategory })
            .Select(g => new { g.Key.InstitutionId, g.Key.Product, g.Key.IssueCategory, Count = g.Count() })
            .CreateDbCommand();
        command.CommandText = (db.Database.IsSqlite() ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + command.CommandText;
        await db.Database.OpenConnectionAsync();
        log.WriteLine("plan of one week's count:");
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            log.WriteLine("  " + reader.GetValue(reader.FieldCount - 1));
        }
    }

    private async Task TimeAsync<T>(string name, Func<ComplaintsDbContext, Task<T>> work)
    {
        async Task<double> Once()
        {
            await using var db = newContext();
            var watch = Stopwatch.StartNew();
            await work(db);
            return watch.Elapsed.TotalMilliseconds;
        }

        await Once();
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            samples.Add(await Once());
        }

        samples.Sort();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: median {samples[2]:N1} ms (min {samples[0]:N1}, max {samples[4]:N1})"));
    }
}
