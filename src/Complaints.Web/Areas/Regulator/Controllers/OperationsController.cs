using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.Administration;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Jobs;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The Administrator's view of the background work: each job's last and next run, and the outbox with
/// its dead letters to send again.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("regulator/admin")]
public sealed class OperationsController(
    JobsQueries queries,
    JobSchedule schedule,
    RetryOutboxMessage retry,
    IStringLocalizer<SharedResource> l) : RegulatorController
{
    [HttpGet("jobs")]
    public async Task<IActionResult> Jobs(CancellationToken ct)
    {
        var runs = (await queries.JobRunsAsync(Actor, ct)).ToDictionary(r => r.JobName, StringComparer.Ordinal);
        var next = await schedule.NextRunsAsync(ct);
        var rows = JobsSetup.Jobs
            .Select(key => new JobStatusRow(key.Name, runs.GetValueOrDefault(key.Name), next?.GetValueOrDefault(key)))
            .ToList();
        var backlog = await queries.OutboxBacklogAsync(Actor, ct);
        return backlog is null ? NotFound() : View(new JobsPage(rows, next is not null, backlog));
    }

    [HttpGet("outbox")]
    public async Task<IActionResult> Outbox(OutboxStatus? status, int page, string? done, CancellationToken ct) =>
        View(new OutboxListPage(
            await queries.OutboxAsync(Actor, status is { } s && Enum.IsDefined(s) ? s : OutboxStatus.DeadLetter, page, ct),
            DoneText(done)));

    [HttpPost("outbox/{id:long}/retry")]
    public async Task<IActionResult> Retry(long id, CancellationToken ct) =>
        await retry.HandleAsync(new RetryOutboxMessage.Input(id), Actor, ct) switch
        {
            RetryOutboxMessage.Outcome.Done => Redirect("/regulator/admin/outbox?status=DeadLetter&done=retried"),
            RetryOutboxMessage.Outcome.NotDeadLetter => Redirect("/regulator/admin/outbox?status=DeadLetter&done=unchanged"),
            RetryOutboxMessage.Outcome.NotFound => NotFound(),
        };

    private string? DoneText(string? done) => done switch
    {
        "retried" => l["ops.outbox.retried"].Value,
        "unchanged" => l["ops.outbox.unchanged"].Value,
        _ => null,
    };
}
