using Complaints.Core.Domain.Calendar;
using Complaints.Core.Features.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The regulator's stored monthly and quarterly reports (<see cref="RegulatorReport"/>): the list, the
/// download and "generate now". Supervisors only: the report is the service's management summary.</summary>
[Route("regulator/statistics/reports")]
[Authorize(Roles = "Supervisor")]
public sealed class RegulatorReportsController(RegulatorReport reports, TimeProvider clock) : RegulatorController
{
    private const string PageView = "~/Areas/Regulator/Views/RegulatorReports/Index.cshtml";

    [HttpGet("")]
    public IActionResult Index(string? generated) =>
        View(PageView, new RegulatorReportsPage(reports.List(), LastMonth(), RegulatorReport.ParseSubject(generated) is null ? null : generated));

    /// <param name="span">Month or Quarter.</param>
    /// <param name="period">"yyyy-MM" (a month; for a quarter, any month of it), not after the current month.</param>
    [HttpPost("")]
    public async Task<IActionResult> Generate(ReportSpan span, string? period, CancellationToken ct)
    {
        var today = WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime);
        if (RegulatorReport.ParseSubject(period) is not { Span: ReportSpan.Month } parsed || parsed.Start > today || parsed.Start.Year < 2000)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View(PageView, new RegulatorReportsPage(reports.List(), period ?? LastMonth(), Generated: null, Invalid: true, Span: span));
        }

        await reports.HandleAsync(new(span, parsed.Start), ct);
        return Redirect("/regulator/statistics/reports?generated=" + RegulatorReport.Subject(span, RegulatorReport.Period(span, parsed.Start).From));
    }

    [HttpGet("{fileName}")]
    public async Task<IActionResult> Download(string fileName, CancellationToken ct)
    {
        var content = await reports.ReadAsync(fileName, ct);
        if (content is null)
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "no-cache, no-store";
        return File(content, "application/pdf", fileName);
    }

    private string LastMonth() =>
        RegulatorReport.Subject(ReportSpan.Month, WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime).AddMonths(-1));
}

/// <param name="Span">The choice the form shows: what was asked for when the period was refused.</param>
public sealed record RegulatorReportsPage(IReadOnlyList<StoredRegulatorReport> Reports, string Period, string? Generated, bool Invalid = false, ReportSpan Span = ReportSpan.Month);
