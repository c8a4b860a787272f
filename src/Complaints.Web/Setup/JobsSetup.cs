using Complaints.Core.Data;
using Complaints.Web.Jobs;
using Quartz;

namespace Complaints.Web.Setup;

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Off in test hosts, which run the use cases themselves with a controlled clock.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Quartz cron (seconds first). Every 5 minutes: a deadline ends at midnight Jakarta time, so a case
    /// moves within minutes of it.</summary>
    public string DeadlineSweepCron { get; set; } = "0 0/5 * * * ?";

    /// <summary>Hourly, at minute 7.</summary>
    public string DeadlineReminderCron { get; set; } = "0 7 * * * ?";

    /// <summary>Every 30 seconds: a consumer's receipt arrives within a minute of filing.</summary>
    public string OutboxDispatchCron { get; set; } = "0/30 * * * * ?";

    /// <summary>Daily at 18:30 UTC, which is 01:30 the next day in Jakarta (WIB, UTC+7, no daylight saving): a
    /// quiet hour, and a PIN lives a few hours past its day at most.</summary>
    public string PinExpiryCron { get; set; } = "0 30 18 * * ?";

    /// <summary>Every 5 seconds, as a safety net: the webhook triggers the inbox job the moment it stores events.</summary>
    public string WhatsAppInboxCron { get; set; } = "0/5 * * * * ?";

    /// <summary>Every 15 minutes: idle WhatsApp conversations close within the last half hour of their day.</summary>
    public string ConversationExpiryCron { get; set; } = "0 0/15 * * * ?";

    /// <summary>Every 10 seconds: queued WhatsApp chats go to available agents within seconds.</summary>
    public string AgentQueueCron { get; set; } = "0/10 * * * * ?";

    /// <summary>Mondays at 01:00 in Jakarta (Sunday 18:00 UTC): last week's early warnings are ready for
    /// supervisors when they start the week.</summary>
    public string EarlyWarningCron { get; set; } = "0 0 18 ? * SUN";

    /// <summary>On the 1st at 02:00 in Jakarta, which is 19:00 UTC on the last day of the month before: last month's
    /// (and at a quarter's start last quarter's) regulator report.</summary>
    public string RegulatorReportCron { get; set; } = "0 0 19 L * ?";

    /// <summary>Clustered nodes check in this often; a node silent for longer is taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);
}

public static class JobsSetup
{
    /// <summary>Every job, in the order the jobs page lists them.</summary>
    public static readonly IReadOnlyList<JobKey> Jobs = [DeadlineSweepJob.Key, DeadlineReminderJob.Key, OutboxDispatchJob.Key, ExpiredPinJob.Key, AgentQueueJob.Key, WhatsAppInboxJob.Key, ExpireConversationsJob.Key, EarlyWarningJob.Key, RegulatorReportJob.Key];

    /// <summary>
    /// Quartz in the web app. SQLite (one node): in-memory store. PostgreSQL: Quartz's clustered ADO.NET store in
    /// the same database, so each firing runs on one node only. Its tables (qrtz_*) are created by Quartz at start-up
    /// when missing (<c>ProvisionSchema</c>), from the DDL embedded in the Quartz version we run, and validated;
    /// they are not part of our EF migrations, which stay identical on both providers. Every job is thin: it calls
    /// a Core use case that scans the database, so a missed or repeated run is harmless.
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(JobsOptions.Section);
        builder.Services.Configure<JobsOptions>(section);
        // The early-warning statistic's settings, used by its job and by tests that run it on their own clock.
        builder.Services.Configure<Complaints.Core.Features.Statistics.EarlyWarningOptions>(builder.Configuration.GetSection(Complaints.Core.Features.Statistics.EarlyWarningOptions.Section));
        builder.Services.AddSingleton<JobSchedule>();
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        if (!options.Enabled)
        {
            return;
        }

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddSingleton<JobRunRecorder>();
        builder.Services.AddQuartz(q =>
        {
            // One scheduler name for the cluster; each node generates its own instance id (host name and start
            // time), which the cluster needs to tell nodes apart and the jobs page shows as the node that ran a job.
            // ("AUTO" is not special in Quartz 4: it would be taken literally and every node would be "AUTO".)
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = "complaints";
                s.GenerateInstanceId = true;
            });

            // Quartz would otherwise take the app's TimeProvider from DI. The scheduler waits in real time; the use
            // cases read the app's clock, which tests set and stop.
            q.UseTimeProvider(TimeProvider.System);
            if (database.Provider == DatabaseProvider.PostgreSql)
            {
                var connectionString = builder.Configuration.GetConnectionString("PostgreSql")
                    ?? throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:PostgreSql is not set.");
                q.UsePersistentStore(s =>
                {
                    s.UsePostgres(connectionString);
                    s.UseSystemTextJsonSerializer();
                    s.UseClustering(c => c.CheckinInterval = options.ClusterCheckinInterval);
                    s.ProvisionSchema();
                });
            }
            else
            {
                q.UseInMemoryStore();
            }

            q.AddJobListener<JobRunRecorder>([Matchers.AllJobs()]);
            Schedule<DeadlineSweepJob>(q, DeadlineSweepJob.Key, options.DeadlineSweepCron);
            Schedule<DeadlineReminderJob>(q, DeadlineReminderJob.Key, options.DeadlineReminderCron);
            Schedule<OutboxDispatchJob>(q, OutboxDispatchJob.Key, options.OutboxDispatchCron);
            Schedule<ExpiredPinJob>(q, ExpiredPinJob.Key, options.PinExpiryCron);
            Schedule<AgentQueueJob>(q, AgentQueueJob.Key, options.AgentQueueCron);
            Schedule<WhatsAppInboxJob>(q, WhatsAppInboxJob.Key, options.WhatsAppInboxCron);
            Schedule<ExpireConversationsJob>(q, ExpireConversationsJob.Key, options.ConversationExpiryCron);
            Schedule<EarlyWarningJob>(q, EarlyWarningJob.Key, options.EarlyWarningCron);
            Schedule<RegulatorReportJob>(q, RegulatorReportJob.Key, options.RegulatorReportCron);
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }

    /// <summary>One job, one cron trigger of the same name, in UTC (the Jakarta time is in the option's comment).</summary>
    private static void Schedule<T>(IQuartzBuilder q, JobKey key, string cron)
        where T : IJob
    {
        q.AddJob<T>(j => j.WithIdentity(key));
        q.AddTrigger(t => t.ForJob(key).WithIdentity(key.Name, key.Group)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc)));
    }
}
