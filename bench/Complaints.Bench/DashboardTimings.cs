using System.Diagnostics;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Statistics;
using Complaints.Core.Features.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Bench;

/// <summary>
/// Times each section of the regulator's dashboards through <see cref="RegulatorDashboardQueries"/>: all time and
/// this year, unfiltered and for the busiest institution, plus the first page of a drill-down and the whole
/// one-row-per-case export; the institution portal's dashboard, the WhatsApp and agents page and the regulator
/// report's figures over a month, a quarter and a year. Each warmed once, then the median of five, each on a fresh
/// context.
/// </summary>
public sealed class DashboardTimings(Func<ComplaintsDbContext> newContext, TextWriter log, string? only = null)
{
    public async Task RunAsync()
    {
        int institutionId;
        await using (var db = newContext())
        {
            // Like `measure`: the schema the app would run, and the planner statistics it gathers at start-up.
            await Complaints.Web.Setup.DatabaseSetup.MigrateAsync(db);

            log.WriteLine($"{await db.Cases.CountAsync():N0} cases, {await db.CaseEvents.CountAsync():N0} events");
            institutionId = await db.Cases.Where(c => c.ForwardedAtUtc != null).GroupBy(c => c.InstitutionId).OrderByDescending(g => g.Count()).Select(g => g.Key!.Value).FirstAsync();
        }

        var supervisor = new Actor(ActorRole.Supervisor, "bench-supervisor");
        RegulatorDashboardQueries Queries(ComplaintsDbContext db) => new(db, TimeProvider.System);
        ChannelStatisticsQueries Channels(ComplaintsDbContext db) => new(db, Options.Create(new WhatsAppOptions()));
        var allTime = new DashboardFilter();
        var filters = new (string Name, DashboardFilter Filter)[]
        {
            ("all time", allTime),
            ("this year", new DashboardFilter { Preset = DashboardPreset.ThisYear }),
            ("all time, busiest institution", allTime with { Institution = institutionId.ToString(System.Globalization.CultureInfo.InvariantCulture) }),
        };
        foreach (var (name, raw) in filters)
        {
            DashboardFilter filter;
            await using (var db = newContext())
            {
                filter = raw.Resolve(Queries(db).Today);
            }

            foreach (var by in Enum.GetValues<VolumeDimension>())
            {
                await TimeAsync($"volume by {by} and by month, {name}", db => Queries(db).VolumeAsync(supervisor, filter with { By = by }));
            }

            await TimeAsync($"volume by kind and by day, {name}", db => Queries(db).VolumeAsync(supervisor, filter with { Granularity = DashboardGranularity.Day }));
            await TimeAsync($"institutions, {name}", db => Queries(db).InstitutionsAsync(supervisor, filter));
            await TimeAsync($"escalations and facilitation, {name}", db => Queries(db).EscalationsAsync(supervisor, filter));
            await TimeAsync($"deadlines, {name}", db => Queries(db).DeadlinesAsync(supervisor, filter));
            await TimeAsync($"drill-down page 1 (untimely), {name}", db => Queries(db).CasesAsync(supervisor, filter, DashboardMeasure.Untimely, null, null, 1));
        }

        // The institution portal's dashboard: the busiest institution beside its sector, over the last month, quarter and year.
        DateOnly today;
        await using (var db = newContext())
        {
            today = Queries(db).Today;
        }

        foreach (var (name, days) in new[] { ("30 days", 30), ("92 days", 92), ("366 days", 366) })
        {
            var period = new ReportingPeriod(today.AddDays(1 - days), today);
            await TimeAsync($"institution dashboard (own and sector average), last {name}", db => new InstitutionStatisticsQueries(db).DashboardAsync(institutionId, period));
            await TimeAsync($"WhatsApp and agents (channels page), last {name}", db => Channels(db).ChannelsAsync(period));
            // The regulator report's figures (the PDF itself: bench `documents`); its unused services are not needed to count.
            await TimeAsync($"regulator report figures, last {name}", db => new RegulatorReport(db, Channels(db), null!, null!, null!, null!, null!, TimeProvider.System).FiguresAsync(period));
        }

        await TimeAsync("cases.csv, all time (every row read)", async db =>
        {
            var rows = 0;
            await foreach (var _ in Queries(db).ExportAsync(supervisor, allTime, DashboardMeasure.All, null, null))
            {
                rows++;
            }

            return rows;
        }, samples: 1);
    }

    private async Task TimeAsync<T>(string name, Func<ComplaintsDbContext, Task<T>> query, int samples = 5)
    {
        if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        async Task<double> Once()
        {
            await using var db = newContext();
            var watch = Stopwatch.StartNew();
            await query(db);
            return watch.Elapsed.TotalMilliseconds;
        }

        await Once();
        var times = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            times.Add(await Once());
        }

        times.Sort();
        log.WriteLine($"{name}: median {times[times.Count / 2]:N1} ms (min {times[0]:N1}, max {times[^1]:N1})");
    }
}
