using Complaints.Core.Domain.Calendar;
using Complaints.Core.Features.Statistics;
using Quartz;

namespace Complaints.Web.Jobs;

/// <summary>On the 1st of each month (Jakarta time), stores last month's regulator report and, when a quarter
/// starts, last quarter's (<see cref="RegulatorReport"/>). A repeated run regenerates the same files.</summary>
[DisallowConcurrentExecution]
public sealed class RegulatorReportJob(IServiceScopeFactory scopes, TimeProvider clock) : IJob
{
    public static readonly JobKey Key = new("regulator-report", "statistics");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var reports = scope.ServiceProvider.GetRequiredService<RegulatorReport>();
        var lastMonth = WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime).AddMonths(-1);
        var names = new List<string>((await reports.HandleAsync(new(ReportSpan.Month, lastMonth), cancellationToken)).FileNames);
        // Last month closed a quarter (March, June, September, December): the quarter is complete too.
        if (lastMonth.Month % 3 == 0)
        {
            names.AddRange((await reports.HandleAsync(new(ReportSpan.Quarter, lastMonth), cancellationToken)).FileNames);
        }

        context.Result = string.Join(", ", names);
    }
}
