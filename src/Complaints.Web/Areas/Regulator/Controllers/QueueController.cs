using Complaints.Core.Features.Regulator;
using Complaints.Web.Areas.Regulator.Models;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The work queues: /regulator.</summary>
[Route("regulator")]
public sealed class QueueController(RegulatorQueries queries) : RegulatorController
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] QueueForm form, CancellationToken ct)
    {
        // An administrator without a case role sees no case content (DOMAIN.md).
        if (!Actor.IsStaff)
        {
            return View("NoCaseRole");
        }

        var page = await queries.QueueAsync(Actor, form.ToFilter(), ct);
        form.Page = page.Page;
        return View(new QueueModel(form, page, await queries.InstitutionChoicesAsync(ct)));
    }
}
