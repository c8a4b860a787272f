using Complaints.Core.Features.Statistics;
using Complaints.Web.Api.V1;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Consumer.Controllers;

/// <summary>The page of the public statistics, with the figures the open-data API gives (same suppression).</summary>
public sealed record PublicStatisticsPage(StatisticsResponse Statistics, string? Error, string? From, string? To);

/// <summary>Public statistics for anyone, without signing in: <c>/statistik</c>.</summary>
[Area("Consumer")]
public sealed class PublicStatisticsController(IStringLocalizer<SharedResource> l) : Controller
{
    [HttpGet("/statistik")]
    [EnableRateLimiting(SecuritySetup.StatisticsPolicy)]
    public async Task<IActionResult> Index(string? from, string? to, string? year, [FromServices] PublicStatisticsQueries statistics, CancellationToken ct)
    {
        // A period that cannot be read shows the default one with the reason, rather than an error page.
        var valid = statistics.TryParsePeriod(from, to, year, out var period, out var error);
        var data = StatisticsController.ToResponse(await statistics.ForPeriodAsync(valid ? period : statistics.DefaultPeriod(), ct), l);
        return View("Index", new PublicStatisticsPage(data, valid ? null : l[error!].Value, data.From, data.To));
    }
}
