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
public sealed class TrackingController(TrackCase track, IStringLocalizer<SharedResource> l) : Controller
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
                return View("Case", result.Case);
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
}
