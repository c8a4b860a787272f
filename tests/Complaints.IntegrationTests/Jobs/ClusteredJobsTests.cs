using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Complaints.IntegrationTests.Jobs;

/// <summary>
/// Two real app nodes with their schedulers on one PostgreSQL database, as in production: Quartz's clustered
/// store fires each sweep on one node, and the sweep's per-case saves keep a case from moving twice even if
/// two runs did overlap.
/// </summary>
public sealed class ClusteredJobsTests
{
    /// <summary>Tuesday 17 March 2026, 10:00 in Jakarta; forwarded then, the institution's 10 working days end on 8 April.</summary>
    private static readonly DateTime ForwardedAt = new(2026, 3, 17, 3, 0, 0, DateTimeKind.Utc);

    private const string Never = "0 0 0 1 1 ? 2099";

    [Fact]
    public async Task Two_nodes_sweeping_every_second_on_one_PostgreSQL_mark_each_overdue_case_untimely_exactly_once()
    {
        Databases.EnsureAvailable(DatabaseProvider.PostgreSql);
        var clock = new SettableClock(ForwardedAt);
        var settings = new Dictionary<string, string?>
        {
            ["Jobs:Enabled"] = "true",
            ["Jobs:DeadlineSweepCron"] = "* * * * * ?",
            // Only the sweep is under test; the other jobs wait for 2099.
            ["Jobs:DeadlineReminderCron"] = Never,
            ["Jobs:OutboxDispatchCron"] = Never,
            ["Jobs:PinExpiryCron"] = Never,
            ["Jobs:WhatsAppInboxCron"] = Never,
            ["Jobs:ConversationExpiryCron"] = Never,
            ["Jobs:AgentQueueCron"] = Never,
            ["Jobs:ClusterCheckinInterval"] = "00:00:01",
        };
        await using var first = new ComplaintsApp(DatabaseProvider.PostgreSql, settings, s => s.AddSingleton<TimeProvider>(clock));
        _ = first.Server;
        var connectionString = first.Services.GetRequiredService<IConfiguration>().GetConnectionString("PostgreSql")!;

        // The second node: the same database and clock, its own scheduler instance. Disposed first (await using
        // runs in reverse), before the first node drops the database.
        await using var second = new ComplaintsApp(
            DatabaseProvider.PostgreSql,
            new Dictionary<string, string?>(settings) { ["ConnectionStrings:PostgreSql"] = connectionString },
            s => s.AddSingleton<TimeProvider>(clock));
        _ = second.Server;

        // Forty cases with the institution, arranged a few at a time through both nodes.
        var institution = await TestCases.NewInstitutionAsync(first);
        var arranged = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var node = i % 2 == 0 ? first : second;
            var (number, _) = await PublicCasesApiTests.FileAsync(node.CreateClient(), TestCases.DisputeAgainst(institution));
            arranged.Add((await TestCases.ForwardAsync(node, number, institution)).CaseId);
        });
        var ids = arranged.ToList();

        // Both schedulers have been sweeping all along and found nothing due. Now the deadline passes.
        clock.UtcNow = WorkingDayCalendar.EndOfJakartaDayUtc(new DateOnly(2026, 4, 8)).AddMinutes(1);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        var untimely = 0;
        while (DateTime.UtcNow < deadline)
        {
            untimely = await first.WithDbAsync(d => d.Cases.CountAsync(c => ids.Contains(c.Id) && c.IsUntimely));
            if (untimely == ids.Count)
            {
                break;
            }

            await Task.Delay(250);
        }

        Assert.Equal(ids.Count, untimely);

        // A few more sweeps on both nodes change nothing.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var perCase = await first.WithDbAsync(d => d.CaseEvents.AsNoTracking()
            .Where(e => ids.Contains(e.CaseId) && e.Trigger == Trigger.InstitutionDeadlinePassed)
            .GroupBy(e => e.CaseId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(ids.Count, perCase.Count);
        Assert.All(perCase, count => Assert.Equal(1, count));

        // Two members of one cluster: one scheduler name, two instance ids.
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = 'complaints'", connection);
            var instances = new List<string>();
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                instances.Add(reader.GetString(0));
            }

            Assert.Equal(2, instances.Distinct().Count());
        }

        // The jobs page's record: the sweep ran many times, last on one of the two nodes, without failing.
        var run = await first.WithDbAsync(d => d.JobRuns.AsNoTracking().SingleAsync(j => j.JobName == "deadline-sweep"));
        Assert.True(run.RunCount >= 2, $"{run.RunCount} runs");
        Assert.Equal(0, run.FailureCount);
        Assert.True(run.LastSucceeded);
        Assert.NotNull(run.LastNode);
    }
}
