using Complaints.Core.Features.Deadlines;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>Records reminders two working days before running deadlines (<see cref="SendDeadlineReminders"/>).</summary>
[DisallowConcurrentExecution]
public sealed class DeadlineReminderJob(IServiceScopeFactory scopes) : IJob
{
    public static readonly JobKey Key = new("deadline-reminders", "deadlines");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SendDeadlineReminders>().HandleAsync(new(), cancellationToken);
        context.Result = $"{result.Total} reminders recorded";
    }
}
