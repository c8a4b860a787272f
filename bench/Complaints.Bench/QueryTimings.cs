using System.Diagnostics;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Bench;

/// <summary>Times the queries that lists and jobs run, each warmed once and then the median of five.</summary>
public sealed class QueryTimings(Func<ComplaintsDbContext> newContext, TextWriter log)
{
    public async Task RunAsync()
    {
        await using var db = newContext();
        var total = await db.Cases.CountAsync();
        log.WriteLine($"{total:N0} cases, {await db.CaseEvents.CountAsync():N0} events");
        var specialist = new Actor(ActorRole.Specialist, "bench-specialist");
        var institutionId = await db.Cases.Where(c => c.InstitutionId != null).Select(c => c.InstitutionId).FirstAsync();
        var officer = new Actor(ActorRole.InstitutionOfficer, "bench-officer", InstitutionId: institutionId);
        var now = DateTime.UtcNow;

        await TimeAsync("new queue, first page (Submitted, newest first)", () =>
            newContext().Cases.VisibleTo(specialist).Where(c => c.State == CaseState.Submitted)
                .OrderByDescending(c => c.SubmittedAtUtc).Take(50).Select(c => c.TrackingNumber).ToListAsync());
        await TimeAsync("waiting on institution, by due date", () =>
            newContext().Cases.VisibleTo(specialist).Where(c => c.State == CaseState.WithInstitution)
                .OrderBy(c => c.Deadline!.DueAtUtc).Take(50).Select(c => c.TrackingNumber).ToListAsync());
        await TimeAsync("overdue (deadline sweep scan)", () =>
            newContext().Cases.Where(c => c.Deadline!.DueAtUtc < now)
                .OrderBy(c => c.Deadline!.DueAtUtc).Take(500).Select(c => c.Id).ToListAsync());
        await TimeAsync("institution dashboard, first page", () =>
            newContext().Cases.VisibleTo(officer).Where(c => c.State == CaseState.WithInstitution)
                .OrderBy(c => c.Deadline!.DueAtUtc).Take(50).Select(c => c.TrackingNumber).ToListAsync());
        await TimeAsync("count of the new queue", () => newContext().Cases.CountAsync(c => c.State == CaseState.Submitted));
        await TimeAsync("search by tracking number", async () =>
        {
            var number = await newContext().Cases.OrderBy(c => c.Id).Select(c => c.TrackingNumber).Skip(total / 2).FirstAsync();
            return await newContext().Cases.Where(c => c.TrackingNumber == number).Select(c => c.Id).ToListAsync();
        });
        await TimeAsync("search by consumer email", () =>
            newContext().Cases.Where(c => c.Consumer!.Email == "konsumen12345@example.org").Select(c => c.TrackingNumber).ToListAsync());
    }

    private async Task TimeAsync<T>(string name, Func<Task<T>> query)
    {
        await query();
        var samples = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var watch = Stopwatch.StartNew();
            await query();
            samples.Add(watch.Elapsed.TotalMilliseconds);
        }

        samples.Sort();
        log.WriteLine($"{name}: median {samples[2]:N1} ms (min {samples[0]:N1}, max {samples[4]:N1})");
    }
}
