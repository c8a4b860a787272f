using Complaints.Core.Domain.Calendar;
using Complaints.Core.Features.Statistics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The WhatsApp channel in numbers: the chatbot and the agents. For supervisors and administrators, who
/// also run the chatbot's FAQ and the agents' canned replies; agents and specialists do not see their colleagues'
/// figures.</summary>
[Route("regulator/statistics/channels")]
[Authorize(Roles = "Supervisor,Administrator")]
public sealed class ChannelStatisticsController(ChannelStatisticsQueries queries, TimeProvider clock) : RegulatorController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(string? from, string? to, CancellationToken ct)
    {
        var period = ReportingPeriod.Parse(from, to, WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime));
        return View("~/Areas/Regulator/Views/ChannelStatistics/Index.cshtml", await queries.ChannelsAsync(period, ct));
    }
}
