using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.InstitutionPortal;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>Traceability: the institution follows its escalated disputes to the end.</summary>
[Route("institution/traces")]
public sealed class TracesController(InstitutionQueries queries) : InstitutionController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default)
    {
        if (Actor.Role != ActorRole.InstitutionOfficer)
        {
            return NotFound();
        }

        return View(await queries.TracesAsync(Actor, page, ct));
    }

    [HttpGet("{trackingNumber}")]
    public async Task<IActionResult> Show(string trackingNumber, CancellationToken ct)
    {
        var number = Core.Domain.Cases.TrackingNumber.TryNormalize(trackingNumber, out var formatted) ? formatted : trackingNumber;
        var trace = await queries.TraceAsync(Actor, number, ct);
        return trace is null ? NotFound() : View(trace);
    }
}
