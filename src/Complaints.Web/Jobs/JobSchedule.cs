using Complaints.Web.Setup;
using Microsoft.Extensions.Options;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>When each job fires next, from this node's scheduler (in a cluster the triggers are shared, so every
/// node answers the same). A node with Jobs:Enabled=false has no scheduler and answers null.</summary>
public sealed class JobSchedule(IServiceProvider services, IOptions<JobsOptions> options)
{
    public async Task<IReadOnlyDictionary<JobKey, DateTime?>?> NextRunsAsync(CancellationToken ct = default)
    {
        if (!options.Value.Enabled || services.GetService<ISchedulerFactory>() is not { } factory)
        {
            return null;
        }

        var scheduler = await factory.GetScheduler(ct);
        var next = new Dictionary<JobKey, DateTime?>();
        foreach (var key in JobsSetup.Jobs)
        {
            var triggers = await scheduler.GetTriggersOfJob(key, ct);
            next[key] = triggers
                .Select(t => t.NextFireTimeUtc)
                .Where(t => t is not null)
                .Select(t => (DateTime?)t!.Value.UtcDateTime)
                .Min();
        }

        return next;
    }
}
