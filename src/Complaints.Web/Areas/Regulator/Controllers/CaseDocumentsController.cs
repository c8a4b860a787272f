using Complaints.Core.Features.Documents;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The regulator's documents of a case as PDFs: the case file (the whole history), the minutes of a meeting and
/// the deed of agreement. A case outside <c>VisibleTo</c> is a 404.</summary>
[Route("regulator/cases/{trackingNumber}")]
[Authorize(Policy = Policies.RegulatorCaseWork)]
public sealed class CaseDocumentsController(DocumentQueries documents, IStringLocalizer<SharedResource> l) : RegulatorController
{
    [HttpGet("file.pdf")]
    public async Task<IActionResult> CaseFile(string trackingNumber, CancellationToken ct)
    {
        return this.Pdf(await documents.CaseFileAsync(Actor, trackingNumber, l, Request.PublicBaseUrl(), ct));
    }

    [HttpGet("meetings/{meetingId:guid}/minutes.pdf")]
    public async Task<IActionResult> Minutes(string trackingNumber, Guid meetingId, CancellationToken ct)
    {
        return this.Pdf(await documents.MinutesAsync(Actor, trackingNumber, meetingId, l, Request.PublicBaseUrl(), ct));
    }

    [HttpGet("deed.pdf")]
    public async Task<IActionResult> Deed(string trackingNumber, CancellationToken ct)
    {
        return this.Pdf(await documents.DeedAsync(Actor, trackingNumber, l, Request.PublicBaseUrl(), ct));
    }
}
