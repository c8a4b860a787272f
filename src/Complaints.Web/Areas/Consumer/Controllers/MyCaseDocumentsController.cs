using Complaints.Core.Features.Documents;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Consumer.Controllers;

/// <summary>The signed-in consumer's documents of an own case as PDFs: the case file, the minutes of a meeting and
/// the deed of agreement. Proof is the sign-in, so these are plain links; a case that is not the consumer's is a 404.</summary>
[Area("Consumer")]
[Route("my/cases/{trackingNumber}")]
[Authorize(Policy = Policies.Consumer)]
public sealed class MyCaseDocumentsController(DocumentQueries documents, IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("file.pdf")]
    public async Task<IActionResult> CaseFile(string trackingNumber, CancellationToken ct)
    {
        return this.Pdf(await documents.CaseFileAsync(User.ToActor(), trackingNumber, l, Request.PublicBaseUrl(), ct));
    }

    [HttpGet("meetings/{meetingId:guid}/minutes.pdf")]
    public async Task<IActionResult> Minutes(string trackingNumber, Guid meetingId, CancellationToken ct)
    {
        return this.Pdf(await documents.MinutesAsync(User.ToActor(), trackingNumber, meetingId, l, Request.PublicBaseUrl(), ct));
    }

    [HttpGet("deed.pdf")]
    public async Task<IActionResult> Deed(string trackingNumber, CancellationToken ct)
    {
        return this.Pdf(await documents.DeedAsync(User.ToActor(), trackingNumber, l, Request.PublicBaseUrl(), ct));
    }
}
