using System.Globalization;
using Complaints.Core.Features.Documents;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>Any institution's monthly report for regulator staff: a picker (institution and month) and the PDF.
/// An unknown institution is a 404.</summary>
[Route("regulator/reports")]
[Authorize(Policy = Policies.RegulatorCaseWork)]
public sealed class ReportsController(DocumentQueries documents, IStringLocalizer<SharedResource> l) : RegulatorController
{
    private const string PageView = "~/Areas/Regulator/Views/Reports/Monthly.cshtml";

    [HttpGet("monthly")]
    public async Task<IActionResult> Monthly(int? institutionId, CancellationToken ct) =>
        View(PageView, new MonthlyReportForm
        {
            InstitutionId = institutionId,
            Month = documents.CurrentMonth().ToString("yyyy-MM", CultureInfo.InvariantCulture),
            Institutions = await documents.ReportInstitutionsAsync(ct),
        });

    [HttpGet("monthly.pdf")]
    public async Task<IActionResult> MonthlyPdf(int? institutionId, string? month, CancellationToken ct)
    {
        var valid = documents.TryParseMonth(month, out var parsed);
        if (!valid)
        {
            ModelState.AddModelError(nameof(MonthlyReportForm.Month), l["documents.reports.monthInvalid"]);
        }

        if (institutionId is null)
        {
            ModelState.AddModelError(nameof(MonthlyReportForm.InstitutionId), l["documents.reports.institutionRequired"]);
        }

        if (!valid || institutionId is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(PageView, new MonthlyReportForm { InstitutionId = institutionId, Month = month, Institutions = await documents.ReportInstitutionsAsync(ct) });
        }

        return this.Pdf(await documents.MonthlyReportAsync(Actor, institutionId.Value, parsed, l, Request.PublicBaseUrl(), ct));
    }
}
