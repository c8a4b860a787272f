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
}

/// <summary>The consumer's receipt (posted from the tracking page with number and PIN, never a PIN in a URL)
/// and the public page that checks a document's verification code.</summary>
[Area("Consumer")]
public sealed class DocumentsController(DocumentQueries documents, VerifyDocument verify, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpPost("/track/receipt")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public async Task<IActionResult> Receipt(TrackForm form, [FromServices] TrackCase track, CancellationToken ct)
    {
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        var (outcome, key) = await track.VerifyAsync(form.TrackingNumber, form.Pin, ct);
        if (key is null)
        {
            // A wrong number and a wrong PIN look the same: the generic "not found" page.
            return StatusCode(outcome == TrackCase.Outcome.TooManyAttempts ? StatusCodes.Status429TooManyRequests : StatusCodes.Status404NotFound);
        }

        return this.Pdf(await documents.ReceiptAsync(key.CaseId, l, Request.PublicBaseUrl(), ct));
    }

    [HttpGet("/documents/verify")]
    public IActionResult Verify(string? code)
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
            }
        }

        return View(page);
    }
}
