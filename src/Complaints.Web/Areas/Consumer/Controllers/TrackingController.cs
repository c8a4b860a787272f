using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Tracking;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Consumer.Controllers;

public sealed class TrackForm
{
    public string? TrackingNumber { get; set; }

    public string? Pin { get; set; }
}

/// <summary>Public tracking with tracking number and PIN. The PIN is posted, never put in a URL.</summary>
[Area("Consumer")]
[Route("track")]
public sealed class TrackingController(TrackCase track, IStringLocalizer<SharedResource> l) : ConsumerCaseControllerBase
{
    [HttpGet("")]
    public IActionResult Index(string? number) => View(new TrackForm { TrackingNumber = number });

    [HttpPost("")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public async Task<IActionResult> Index(TrackForm form, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        var result = await track.HandleAsync(form.TrackingNumber, form.Pin, ct);
        switch (result.Outcome)
        {
            case TrackCase.Outcome.Found:
                return await CasePageAsync(result.Case!.Id, ActionsBase, form.Pin, ct: ct);
            case TrackCase.Outcome.TooManyAttempts:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                ModelState.AddModelError("", l["tracking.tooMany"]);
                break;
            case TrackCase.Outcome.NotFound:
                ModelState.AddModelError("", l["tracking.notFound"]);
                break;
        }

        // The number stays; the PIN is asked again.
        form.Pin = null;
        ModelState.Remove(nameof(TrackForm.Pin));
        return View(form);
    }

    /// <summary>An action from the tracking page: the number and PIN come again as hidden fields and are checked
    /// under the same limits; the answer is the case page again (the PIN never goes into a URL).</summary>
    [HttpPost("actions/{trigger}")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    [RequestSizeLimit(60 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
    public async Task<IActionResult> Act(string trigger, CaseActionForm form, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        var (outcome, key) = await track.VerifyAsync(form.TrackingNumber, form.Pin, ct);
        if (key is null)
        {
            // Nothing happens; the answer is the same as for a wrong PIN on the tracking form.
            Response.StatusCode = outcome == TrackCase.Outcome.TooManyAttempts ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound;
            ModelState.Clear();
            ModelState.AddModelError("", l[outcome == TrackCase.Outcome.TooManyAttempts ? "tracking.tooMany" : "tracking.notFound"]);
            return View(nameof(Index), new TrackForm { TrackingNumber = form.TrackingNumber });
        }

        var result = await RunAsync(trigger, key.CaseId, Actor.ForConsumer(key.ConsumerId), form, ct);
        switch (result)
        {
            case ActionOutcome.Done:
                ModelState.Clear();
                return await CasePageAsync(key.CaseId, ActionsBase, form.Pin, success: SuccessText(trigger), ct: ct);
            case ActionOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await CasePageAsync(key.CaseId, ActionsBase, form.Pin, trigger, form, conflict: true, ct: ct);
            case ActionOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await CasePageAsync(key.CaseId, ActionsBase, form.Pin, trigger, form, ct: ct);
            case ActionOutcome.NotFound:
                return NotFound();
        }

        throw new InvalidOperationException($"Unknown outcome {result}.");
    }

    private const string ActionsBase = "/track/actions";
}
