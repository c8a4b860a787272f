using Complaints.Core.Domain.Calendar;
using Complaints.Core.Features.Statistics;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>The institution's own figures for a period beside its sector's average per institution, for its
/// officers and its admin. Always the caller's own institution: no parameter names another.</summary>
[Route("institution/statistics")]
public sealed class InstitutionStatisticsController(InstitutionStatisticsQueries queries, TimeProvider clock) : InstitutionController
{
    /// <summary>A quarter at most: the sector average groups every case of the sector in the period, which on a
    /// million cases in one sector takes about 0.5 s for a month and several seconds for a year (SQLite, cold).</summary>
    private const int MaxDays = 92;

    [HttpGet("")]
    public async Task<IActionResult> Index(string? from, string? to, CancellationToken ct)
    {
        if (Actor.InstitutionId is not { } institutionId)
        {
            return NotFound();
        }

        var period = ReportingPeriod.Parse(from, to, WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime), MaxDays);
        var dashboard = await queries.DashboardAsync(institutionId, period, ct);
        return dashboard is null ? NotFound() : View("~/Areas/Institution/Views/Statistics/Index.cshtml", dashboard);
    }
}
