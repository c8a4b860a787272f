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

    /// <summary>Clustered nodes check in this often; a node silent for longer is taken over.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(10);
}

public static class JobsSetup
{
    /// <summary>
    /// Quartz in the web app. SQLite (one node): in-memory store. PostgreSQL: Quartz's clustered ADO.NET store in
    /// the same database, so each firing runs on one node only. Its tables (qrtz_*) are created by Quartz at start-up
    /// when missing (<c>ProvisionSchema</c>), from the DDL embedded in the Quartz version we run, and validated;
    /// they are not part of our EF migrations, which stay identical on both providers.
    /// </summary>
    public static void AddJobs(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(JobsOptions.Section);
        builder.Services.Configure<JobsOptions>(section);
        var options = section.Get<JobsOptions>() ?? new JobsOptions();
        if (!options.Enabled)
        {
            return;
        }

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s => s.InstanceName = "complaints");
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

            q.AddJob<DeadlineSweepJob>(j => j.WithIdentity(DeadlineSweepJob.Key));
            q.AddTrigger(t => t.ForJob(DeadlineSweepJob.Key).WithIdentity("deadline-sweep", "deadlines")
                .WithCronSchedule(options.DeadlineSweepCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddJob<DeadlineReminderJob>(j => j.WithIdentity(DeadlineReminderJob.Key));
            q.AddTrigger(t => t.ForJob(DeadlineReminderJob.Key).WithIdentity("deadline-reminders", "deadlines")
                .WithCronSchedule(options.DeadlineReminderCron, c => c.InTimeZone(TimeZoneInfo.Utc)));
        });
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
    }
}
