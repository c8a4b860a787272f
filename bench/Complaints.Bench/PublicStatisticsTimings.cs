using System.Diagnostics;
using Complaints.Core.Data;
using Complaints.Core.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Bench;

/// <summary>
/// Times the public statistics (page and open-data API) for the default twelve months, a calendar year and the
/// longest period allowed: each warmed once, then the median of five on a fresh context. The clock is the newest
/// case's time, so a generated database is measured where its data is.
/// </summary>
public sealed class PublicStatisticsTimings(Func<ComplaintsDbContext> newContext, TextWriter log)
{
    public async Task RunAsync()
    {
        DateTime newest;
        await using (var db = newContext())
        {
            log.WriteLine($"{await db.Cases.CountAsync():N0} cases");
            newest = await db.Cases.MaxAsync(c => c.SubmittedAtUtc);
        }

        var clock = new FixedClock(DateTime.SpecifyKind(newest, DateTimeKind.Utc));
        PublicStatisticsQueries Queries(ComplaintsDbContext db) => new(db, clock, Options.Create(new PublicStatisticsOptions()));
        await using (var db = newContext())
        {
            var queries = Queries(db);
            var year = queries.DefaultPeriod().To.Year;
            var periods = new (string Name, StatisticsPeriod Period)[]
            {
                ("last 12 full months", queries.DefaultPeriod()),
                ($"year {year}", new(new DateOnly(year, 1, 1), queries.DefaultPeriod().To)),
                ("36 months", new(queries.DefaultPeriod().To.AddMonths(-35), queries.DefaultPeriod().To)),
            };
            foreach (var (name, period) in periods)
            {
                await TimeAsync($"public statistics, {name}", d => Queries(d).ForPeriodAsync(period));
            }
        }
    }

    private async Task TimeAsync(string name, Func<ComplaintsDbContext, Task<PublicStatistics>> query)
    {
        PublicStatistics? last = null;
        async Task<double> Once()
        {
            await using var db = newContext();
            var watch = Stopwatch.StartNew();
            last = await query(db);
            return watch.Elapsed.TotalMilliseconds;
        }

        await Once();
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            samples.Add(await Once());
        }

        samples.Sort();
        log.WriteLine($"{name}: median {samples[2]:N1} ms (min {samples[0]:N1}, max {samples[4]:N1}); "
            + $"{last!.Total:N0} complaints, {last.Institutions.Count} institutions shown");
    }

    private sealed class FixedClock(DateTime utcNow) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(utcNow);
    }
}
