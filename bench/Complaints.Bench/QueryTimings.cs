using System.Diagnostics;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Administration;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.InstitutionPortal;
using Complaints.Core.Features.Regulator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Complaints.Bench;

/// <summary>
/// Times the real read models the portals call (regulator queues, institution dashboard) and the scan the
/// deadline job will run: each warmed once, then the median of five, each on a fresh context.
/// </summary>
public sealed class QueryTimings(Func<ComplaintsDbContext> newContext, TextWriter log)
{
    public async Task RunAsync()
    {
        await using (var db = newContext())
        {
            log.WriteLine($"{await db.Cases.CountAsync():N0} cases, {await db.CaseEvents.CountAsync():N0} events");
        }

        var calendars = new CalendarCache(TimeProvider.System);
        var policies = new DeadlinePolicies(Options.Create(DeadlinePolicy.Default), TimeProvider.System, NullLogger<DeadlinePolicies>.Instance);
        RegulatorQueries Regulator(ComplaintsDbContext db) => new(db, calendars, policies, Options.Create(new EligibilityPolicy()), TimeProvider.System);
        InstitutionQueries Institution(ComplaintsDbContext db) => new(db, calendars, policies, TimeProvider.System);
        var specialist = new Actor(ActorRole.Specialist, "bench-specialist");
        var agent = new Actor(ActorRole.Agent, "bench-agent");
        int institutionId;
        string someEmail;
        await using (var db = newContext())
        {
            institutionId = await db.Cases.Where(c => c.ForwardedAtUtc != null).GroupBy(c => c.InstitutionId).OrderByDescending(g => g.Count()).Select(g => g.Key!.Value).FirstAsync();
            someEmail = await db.Consumers.OrderBy(c => c.Id).Select(c => c.Email!).Skip(12_345).FirstAsync();
        }

        var officer = new Actor(ActorRole.InstitutionOfficer, "bench-officer", InstitutionId: institutionId);
        foreach (var queue in Enum.GetValues<RegulatorQueue>())
        {
            foreach (var sort in new[] { QueueSort.SubmittedNewest, QueueSort.DeadlineSoonest })
            {
                await TimeAsync($"regulator queue {queue}, {sort}, page 1", db => Regulator(db).QueueAsync(queue == RegulatorQueue.MyTier ? agent : specialist, new QueueFilter { Queue = queue, Sort = sort }));
            }
        }

        await TimeAsync("regulator queue AllOpen, page 200", db => Regulator(db).QueueAsync(specialist, new QueueFilter { Queue = RegulatorQueue.AllOpen, Page = 200 }));
        await TimeAsync("regulator search by email", db => Regulator(db).QueueAsync(specialist, new QueueFilter { Queue = RegulatorQueue.AllOpen, Search = someEmail }));
        await TimeAsync("regulator search by consumer name", db => Regulator(db).QueueAsync(specialist, new QueueFilter { Queue = RegulatorQueue.AllOpen, Search = "Konsumen 4242" }));
        await TimeAsync($"institution dashboard (largest institution), page 1", db => Institution(db).CasesAsync(officer, new InstitutionCaseFilter(), 1));
        var now = DateTime.UtcNow;
        await TimeAsync("deadline sweep: next 500 due", db => db.Cases.Where(c => c.Deadline!.DueAtUtc < now)
            .OrderBy(c => c.Deadline!.DueAtUtc).Take(500).Select(c => c.Id).ToListAsync());
    }

    private async Task TimeAsync<T>(string name, Func<ComplaintsDbContext, Task<T>> query)
    {
        async Task<double> Once()
        {
            await using var db = newContext();
            var watch = Stopwatch.StartNew();
            await query(db);
            return watch.Elapsed.TotalMilliseconds;
        }

        await Once();
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            samples.Add(await Once());
        }

        samples.Sort();
        log.WriteLine($"{name}: median {samples[2]:N1} ms (min {samples[0]:N1}, max {samples[4]:N1})");
    }
}
