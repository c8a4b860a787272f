using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Documents;
using Complaints.Core.Features.Tracking;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Consumer.Controllers;

public sealed class VerifyDocumentPage
{
    public string? Code { get; set; }

    public DocumentClaim? Claim { get; set; }

    public bool Checked { get; set; }

    /// <summary>A monthly report's institution, looked up for the page (the code carries only its id).</summary>
    public string? InstitutionName { get; set; }
}

/// <summary>The consumer's documents posted from the tracking page with number and PIN (never a PIN in a URL): the
/// receipt, the case file, the minutes of a meeting and the deed; and the public page that checks a document's
/// verification code.</summary>
[Area("Consumer")]
public sealed class DocumentsController(DocumentQueries documents, VerifyDocument verify, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpPost("/track/receipt")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public Task<IActionResult> Receipt(TrackForm form, [FromServices] TrackCase track, CancellationToken ct) =>
        WithPinAsync(form, track, key => documents.ReceiptAsync(key.CaseId, l, Request.PublicBaseUrl(), ct), ct);

    [HttpPost("/track/file")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public Task<IActionResult> CaseFile(TrackForm form, [FromServices] TrackCase track, CancellationToken ct) =>
        WithPinAsync(form, track, key => documents.CaseFileAsync(Actor.ForConsumer(key.ConsumerId), form.TrackingNumber!, l, Request.PublicBaseUrl(), ct), ct);

    [HttpPost("/track/meetings/{meetingId:guid}/minutes")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public Task<IActionResult> Minutes(Guid meetingId, TrackForm form, [FromServices] TrackCase track, CancellationToken ct) =>
        WithPinAsync(form, track, key => documents.MinutesAsync(Actor.ForConsumer(key.ConsumerId), form.TrackingNumber!, meetingId, l, Request.PublicBaseUrl(), ct), ct);

    [HttpPost("/track/deed")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public Task<IActionResult> Deed(TrackForm form, [FromServices] TrackCase track, CancellationToken ct) =>
        WithPinAsync(form, track, key => documents.DeedAsync(Actor.ForConsumer(key.ConsumerId), form.TrackingNumber!, l, Request.PublicBaseUrl(), ct), ct);

    [HttpGet("/documents/verify")]
    public async Task<IActionResult> Verify(string? code, CancellationToken ct)
    {
        var page = new VerifyDocumentPage { Code = code };
        if (code is not null)
        {
            page.Checked = true;
            if (string.IsNullOrWhiteSpace(code))
            {
                ModelState.AddModelError(nameof(VerifyDocumentPage.Code), l["documents.verify.required"]);
            }
            else
            {
                page.Claim = verify.Read(code);
                if (page.Claim is { } claim && (claim.TryReadMonthly(out var institutionId, out _) || claim.TryReadInstitutionStatistics(out institutionId, out _, out _)))
                {
                    page.InstitutionName = await documents.InstitutionNameAsync(institutionId, ct);
                }
            }
        }

        return View(page);
    }

    /// <summary>Checks the number and PIN like the tracking form (same limits, same generic 404) and answers with
    /// the document, which no cache keeps.</summary>
    private async Task<IActionResult> WithPinAsync(TrackForm form, TrackCase track, Func<CaseKey, Task<DocumentFile?>> document, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        var (outcome, key) = await track.VerifyAsync(form.TrackingNumber, form.Pin, ct);
        if (key is null)
        {
            // A wrong number and a wrong PIN look the same: the generic "not found" page.
            return StatusCode(outcome == TrackCase.Outcome.TooManyAttempts ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound);
        }

        return this.Pdf(await document(key));
    }
}
