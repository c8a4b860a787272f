using Complaints.Core.Domain.Calendar;
using Complaints.Core.Features.Documents;
using Complaints.Core.Features.Statistics;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>The institution's own figures for a period beside its sector's average per institution, for its
/// officers and its admin, as a page and as a PDF report. Always the caller's own institution: no parameter names
/// another.</summary>
[Route("institution/statistics")]
public sealed class InstitutionStatisticsController(InstitutionStatisticsQueries queries, TimeProvider clock) : InstitutionController
{
    /// <summary>A year at most (a leap year's days): the covering index answers a year of a million-case sector in
    /// about 0.2 s; longer spans belong to the regulator's dashboards.</summary>
    public const int MaxDays = 366;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? from, string? to, CancellationToken ct)
    {
        if (Actor.InstitutionId is not { } institutionId)
        {
            return NotFound();
        }

        var dashboard = await queries.DashboardAsync(institutionId, Period(from, to), ct);
        return dashboard is null ? NotFound() : View("~/Areas/Institution/Views/Statistics/Index.cshtml", dashboard);
    }

    /// <summary>The same figures and period as the page, as a PDF with a verification code.</summary>
    [HttpGet("report.pdf")]
    public async Task<IActionResult> Report(
        string? from, string? to, [FromServices] DocumentQueries documents, [FromServices] IStringLocalizer<SharedResource> l, CancellationToken ct) =>
        this.Pdf(await documents.InstitutionStatisticsAsync(Actor, Period(from, to), l, Request.PublicBaseUrl(), ct));

    private ReportingPeriod Period(string? from, string? to) =>
        ReportingPeriod.Parse(from, to, WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime), MaxDays);
}
