using Complaints.Core.Features.Registry;
using Complaints.Core.Data;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Consumer.Controllers;

/// <summary>The public front door: what you can do here, in plain words.</summary>
[Area("Consumer")]
public sealed class HomeController : Controller
{
    [HttpGet("/")]
    public IActionResult Index() => View();

    /// <summary>Institution suggestions for the intake form (htmx partial); licensed institutions only.</summary>
    [HttpGet("/registry/institutions")]
    public async Task<IActionResult> Institutions([FromQuery(Name = "InstitutionName")] string? q, [FromServices] RegistryCache registry, [FromServices] ComplaintsDbContext db, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Trim().Length < 3)
        {
            return PartialView("_InstitutionSuggestions", Array.Empty<RegistryMatch>());
        }

        var index = await registry.GetAsync(db, ct);
        return PartialView("_InstitutionSuggestions", index.Search(q, RegistryEntryKind.Institution, max: 6));
    }
}
