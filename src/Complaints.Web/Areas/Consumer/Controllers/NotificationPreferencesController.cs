using Complaints.Core.Domain.Cases;
using Complaints.Core.Features;
using Complaints.Core.Features.Consumers;
using Complaints.Core.Features.Tracking;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Consumer.Controllers;

/// <summary>The channel choices as posted; unticked boxes are not posted and read as off.</summary>
public sealed class NotificationPreferencesForm
{
    /// <summary>Tracking page only: the proof, re-posted as hidden fields (never in a URL).</summary>
    public string? TrackingNumber { get; set; }

    public string? Pin { get; set; }

    public bool Email { get; set; }

    public bool WhatsApp { get; set; }

    public bool Sms { get; set; }

    public bool EssentialOnly { get; set; }

    public string? Culture { get; set; }

    public static NotificationPreferencesForm From(NotificationPreferencesView view) => new()
    {
        Email = view.EmailOn,
        WhatsApp = view.WhatsAppOn,
        Sms = view.SmsOn,
        EssentialOnly = view.EssentialOnly,
        Culture = view.Culture,
    };
}

/// <param name="PostUrl">Where the form saves: /my/notifications, or /track/notifications/save with the PIN.</param>
/// <param name="Pin">Set on the tracking path only, to re-post with the form.</param>
public sealed record NotificationPreferencesPage(
    NotificationPreferencesView View, NotificationPreferencesForm Form, string PostUrl, string BackUrl, string? TrackingNumber, string? Pin, string? Done);

/// <summary>How a consumer hears about their cases: signed in under My cases, or from the tracking page with
/// the tracking number and PIN (posted, never in a URL; a wrong PIN gets the generic 404 under the tracking
/// attempt limits).</summary>
[Area("Consumer")]
public sealed class NotificationPreferencesController(
    NotificationPreferencesQueries queries,
    UpdateNotificationPreferences update,
    TrackCase track,
    IStringLocalizer<SharedResource> l) : Controller
{
    private const string PageView = "~/Areas/Consumer/Views/NotificationPreferences/Index.cshtml";
    private const string MyUrl = "/my/notifications";
    private const string TrackSaveUrl = "/track/notifications/save";

    [HttpGet(MyUrl)]
    [Authorize(Policy = Policies.Consumer)]
    public async Task<IActionResult> Mine(string? done, CancellationToken ct)
    {
        var view = await queries.GetAsync(User.ToActor(), ct);
        return view is null
            ? NotFound()
            : View(PageView, new NotificationPreferencesPage(view, NotificationPreferencesForm.From(view), MyUrl, "/my/cases", null, null,
                done == "saved" ? l["prefs.saved"].Value : null));
    }

    [HttpPost(MyUrl)]
    [Authorize(Policy = Policies.Consumer)]
    public async Task<IActionResult> SaveMine(NotificationPreferencesForm form, CancellationToken ct)
    {
        ModelState.Clear();
        var actor = User.ToActor();
        var result = await update.HandleAsync(Input(form), actor, ct);
        if (result.Outcome == UpdateNotificationPreferences.Outcome.Saved)
        {
            return Redirect(MyUrl + "?done=saved");
        }

        var view = await queries.GetAsync(actor, ct);
        if (result.Outcome == UpdateNotificationPreferences.Outcome.NotFound || view is null)
        {
            return NotFound();
        }

        AddErrors(result.Errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, new NotificationPreferencesPage(view, form, MyUrl, "/my/cases", null, null, null));
    }

    /// <summary>Opened from the tracking page's button, with the number and PIN posted.</summary>
    [HttpPost("/track/notifications")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public async Task<IActionResult> Tracked(TrackForm proof, CancellationToken ct)
    {
        NoStore();
        var (outcome, key) = await track.VerifyAsync(proof.TrackingNumber, proof.Pin, ct);
        if (key is null)
        {
            return Refused(outcome);
        }

        var view = await queries.GetAsync(Actor.ForConsumer(key.ConsumerId), ct);
        return view is null
            ? NotFound()
            : View(PageView, TrackedPage(view, NotificationPreferencesForm.From(view), proof.TrackingNumber, proof.Pin, null));
    }

    [HttpPost(TrackSaveUrl)]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public async Task<IActionResult> SaveTracked(NotificationPreferencesForm form, CancellationToken ct)
    {
        NoStore();
        ModelState.Clear();
        var (outcome, key) = await track.VerifyAsync(form.TrackingNumber, form.Pin, ct);
        if (key is null)
        {
            return Refused(outcome);
        }

        var actor = Actor.ForConsumer(key.ConsumerId);
        var result = await update.HandleAsync(Input(form), actor, ct);
        var view = await queries.GetAsync(actor, ct);
        if (result.Outcome == UpdateNotificationPreferences.Outcome.NotFound || view is null)
        {
            return NotFound();
        }

        if (result.Outcome == UpdateNotificationPreferences.Outcome.Saved)
        {
            // Answered in place rather than redirected: the PIN stays out of any URL.
            return View(PageView, TrackedPage(view, NotificationPreferencesForm.From(view), form.TrackingNumber, form.Pin, l["prefs.saved"].Value));
        }

        AddErrors(result.Errors);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(PageView, TrackedPage(view, form, form.TrackingNumber, form.Pin, null));
    }

    private static UpdateNotificationPreferences.Input Input(NotificationPreferencesForm form) =>
        new(form.Email, form.WhatsApp, form.Sms, form.EssentialOnly, form.Culture);

    private static NotificationPreferencesPage TrackedPage(NotificationPreferencesView view, NotificationPreferencesForm form, string? number, string? pin, string? done) =>
        new(view, form, TrackSaveUrl, "/track" + (number is null ? "" : "?number=" + Uri.EscapeDataString(number)), number, pin, done);

    /// <summary>A wrong number and a wrong PIN look the same: the generic "not found" page.</summary>
    private StatusCodeResult Refused(TrackCase.Outcome outcome) =>
        StatusCode(outcome == TrackCase.Outcome.TooManyAttempts ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound);

    /// <summary>The page carries the PIN in its form.</summary>
    private void NoStore()
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
    }

    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var field = error.Field switch
            {
                "culture" => nameof(NotificationPreferencesForm.Culture),
                _ => "",
            };
            ModelState.AddModelError(field, l[$"error.{error.Code}", error.Arguments]);
        }
    }
}
