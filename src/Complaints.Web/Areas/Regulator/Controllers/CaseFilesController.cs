using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Regulator;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>Regulator staff add documents to a case (the signed deed of agreement, the meeting minutes),
/// for the regulator only or for the parties too. A case outside <c>VisibleTo</c> is a 404.</summary>
[Route("regulator/cases/{trackingNumber}/files")]
[Authorize(Policy = Policies.RegulatorCaseWork)]
public sealed class CaseFilesController(ComplaintsDbContext db, AddAttachments addAttachments, RegulatorQueries queries, IStringLocalizer<SharedResource> l) : RegulatorController
{
    public const string FilesField = "Files";
    public const string VisibilityKey = "UploadVisibility";

    [HttpPost("")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> Upload(string trackingNumber, List<IFormFile>? files, string? visibility, CancellationToken ct)
    {
        ModelState.Clear();
        var number = TrackingNumber.TryNormalize(trackingNumber, out var normalized) ? normalized : trackingNumber;
        var caseId = await db.Cases.VisibleTo(Actor).Where(c => c.TrackingNumber == number).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(ct);
        if (caseId is not { } id)
        {
            return NotFound();
        }

        // Only the two choices of the form; anything else keeps the file with the regulator.
        var chosen = visibility == nameof(Visibility.Public) ? Visibility.Public : Visibility.RegulatorOnly;
        var uploads = (files ?? []).Where(f => f.Length > 0 || f.FileName.Length > 0)
            .Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream))
            .ToList();
        var result = await addAttachments.HandleAsync(id, Actor, uploads, chosen, ct);
        if (result.Errors.Count == 0)
        {
            return Redirect($"/regulator/cases/{number}?done=files");
        }

        foreach (var error in result.Errors)
        {
            ModelState.AddModelError(FilesField, l[$"error.{error.Code}", error.Arguments]);
        }

        var view = await queries.CaseAsync(Actor, number, ct);
        if (view is null)
        {
            return NotFound();
        }

        // The files cannot be kept (browsers do not refill file inputs); the choice is.
        ViewData[VisibilityKey] = chosen;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("/Areas/Regulator/Views/Cases/Case.cshtml", await CasesController.PageModelAsync(queries, view, ct));
    }
}
