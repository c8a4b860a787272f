using System.Globalization;
using Complaints.Core.Features.Documents;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>The institution's monthly report: a month picker and the PDF, for the institution's officers and its
/// admin, of their own institution only.</summary>
[Route("institution/reports")]
public sealed class ReportsController(DocumentQueries documents, IStringLocalizer<SharedResource> l) : InstitutionController
{
    private const string PageView = "~/Areas/Institution/Views/Reports/Monthly.cshtml";

    [HttpGet("monthly")]
    public IActionResult Monthly() =>
        View(PageView, new MonthlyReportForm { Month = documents.CurrentMonth().ToString("yyyy-MM", CultureInfo.InvariantCulture) });

    /// <param name="institutionId">The institution the report is for: the caller's own unless given; another
    /// institution's is a 404, like any case outside the caller's scope.</param>
    [HttpGet("monthly.pdf")]
    public async Task<IActionResult> MonthlyPdf(string? month, int? institutionId, CancellationToken ct)
    {
        if (!documents.TryParseMonth(month, out var parsed))
        {
            ModelState.AddModelError(nameof(MonthlyReportForm.Month), l["documents.reports.monthInvalid"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(PageView, new MonthlyReportForm { Month = month });
        }

        return (institutionId ?? Actor.InstitutionId) is { } institution
            ? this.Pdf(await documents.MonthlyReportAsync(Actor, institution, parsed, l, Request.PublicBaseUrl(), ct))
            : NotFound();
    }
}
