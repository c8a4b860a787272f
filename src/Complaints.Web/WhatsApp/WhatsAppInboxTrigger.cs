using System.Diagnostics;
using Complaints.Web.Jobs;
using Quartz;

namespace Complaints.Web.WhatsApp;

/// <summary>
/// Starts the inbox job now, after the webhook stored events. A burst of webhooks asks once: while this node's
/// request is waiting for the job to start, further pokes are dropped (the run about to start reads them too).
/// The pending mark lapses after a second, in case a run on another node took the trigger. Without a scheduler
/// (jobs disabled on this node) it does nothing; the job's schedule on the other nodes picks the events up.
/// </summary>
public sealed class WhatsAppInboxTrigger(IServiceProvider services, ILogger<WhatsAppInboxTrigger> logger)
{
    private static readonly TimeSpan PendingFor = TimeSpan.FromSeconds(1);

    private long _pendingSinceTicks;

    /// <summary>The job calls this as it starts: what arrives from now on needs a new run.</summary>
    public void Started() => Interlocked.Exchange(ref _pendingSinceTicks, 0);

    public async Task PokeAsync()
    {
        if (services.GetService<ISchedulerFactory>() is not { } factory)
        {
            return;
        }

        // Real time, like the scheduler's: test clocks stand still.
        var now = Stopwatch.GetTimestamp();
        var since = Interlocked.Read(ref _pendingSinceTicks);
        if ((since != 0 && Stopwatch.GetElapsedTime(since, now) < PendingFor) || Interlocked.CompareExchange(ref _pendingSinceTicks, now, since) != since)
        {
            return;
        }

        try
        {
            var scheduler = await factory.GetScheduler();
            await scheduler.TriggerJob(WhatsAppInboxJob.Key);
        }
        catch (Exception e) when (e is SchedulerException or InvalidOperationException)
        {
            // The scheduled run picks the events up within seconds.
            Interlocked.Exchange(ref _pendingSinceTicks, 0);
            logger.LogWarning(e, "Could not start the WhatsApp inbox job now; its schedule will");
        }
    }
}
