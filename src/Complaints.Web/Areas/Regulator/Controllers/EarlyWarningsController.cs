using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Statistics;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>Supervisors' early warnings (/regulator/early-warnings): the weekly job's flags, newest first, each
/// with the cases behind it and a review with a note.</summary>
[Authorize(Roles = nameof(ActorRole.Supervisor))]
[Route("regulator/early-warnings")]
public sealed class EarlyWarningsController(
    EarlyWarningQueries queries,
    ReviewEarlyWarning review,
    IOptions<EarlyWarningOptions> options,
    IStringLocalizer<SharedResource> l) : RegulatorController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page, CancellationToken ct) =>
        View(new EarlyWarningListPage(await queries.FlagsAsync(Actor, page, ct), options.Value));

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Flag(long id, int page, string? done, CancellationToken ct)
    {
        var detail = await queries.FlagAsync(Actor, id, page, ct);
        var notice = done switch
        {
            "reviewed" => l["earlywarning.review.done"].Value,
            "already" => l["earlywarning.review.already"].Value,
            _ => null,
        };
        return detail is null ? NotFound() : View(new EarlyWarningFlagPage(detail, null, [], notice));
    }

    [HttpPost("{id:long}/review")]
    public async Task<IActionResult> Review(long id, EarlyWarningReviewForm form, CancellationToken ct)
    {
        var result = await review.HandleAsync(new ReviewEarlyWarning.Input(id, form.Note), Actor, ct);
        switch (result.Outcome)
        {
            case ReviewEarlyWarning.Outcome.Done:
                return Redirect($"/regulator/early-warnings/{id}?done=reviewed");
            case ReviewEarlyWarning.Outcome.AlreadyReviewed:
                return Redirect($"/regulator/early-warnings/{id}?done=already");
            case ReviewEarlyWarning.Outcome.NotFound:
                return NotFound();
            case ReviewEarlyWarning.Outcome.Invalid:
                break;
        }

        var detail = await queries.FlagAsync(Actor, id, 1, ct);
        if (detail is null)
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        var errors = result.Errors.Select(e => l[$"error.{e.Code}", e.Arguments].Value).ToList();
        return View("Flag", new EarlyWarningFlagPage(detail, form.Note, errors, null));
    }
}
