using System.Globalization;
using System.Text;
using Complaints.Core.Features.Statistics;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Api.V1;

/// <summary>One published count. A suppressed count (from 1 to minCellCount-1, or hidden so that it cannot be
/// recovered from the total) is null with <c>suppressed</c> true. A null key is "not stated".</summary>
public sealed record StatisticsCellResponse(string? Key, string Label, int? Count, bool Suppressed);

/// <summary>An institution with at least minInstitutionCases complaints forwarded to it. <c>concluded</c>: answered
/// or late; <c>onTimePercent</c>: answered within the deadline, of the concluded, in whole percent. Both are null
/// (suppressed true) when the concluded count is under minCellCount.</summary>
public sealed record InstitutionStatisticsResponse(string Name, int Cases, int? Concluded, int? OnTimePercent, bool Suppressed);

/// <summary>Complaints filed in the period (Jakarta months, from and to included): aggregates only.</summary>
public sealed record StatisticsResponse(
    string From,
    string To,
    DateTime AsOfUtc,
    int MinCellCount,
    int MinInstitutionCases,
    int? Total,
    bool TotalSuppressed,
    IReadOnlyList<StatisticsCellResponse> ByMonth,
    IReadOnlyList<StatisticsCellResponse> BySector,
    IReadOnlyList<StatisticsCellResponse> ByProduct,
    IReadOnlyList<StatisticsCellResponse> ByIssue,
    IReadOnlyList<InstitutionStatisticsResponse> Institutions);

/// <summary>Open data on complaints: no account, no personal data, small counts suppressed.</summary>
[ApiController]
[Route("api/v1/statistics")]
[IgnoreAntiforgeryToken]
public sealed class StatisticsController(IStringLocalizer<SharedResource> l) : ControllerBase
{
    /// <summary>
    /// Complaints filed per month, sector, product and issue category, and per licensed institution the complaints
    /// forwarded to it and the share answered on time. Period: <c>year=2026</c>, or <c>from</c>/<c>to</c> as yyyy-MM
    /// (at most 36 months); by default the last 12 full months. <c>format=csv</c> or <c>Accept: text/csv</c> gives CSV.
    /// </summary>
    [HttpGet]
    [EnableRateLimiting(SecuritySetup.StatisticsPolicy)]
    [ProducesResponseType<StatisticsResponse>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<string>(StatusCodes.Status200OK, "text/csv")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Get(
        [FromQuery] string? from,
        [FromQuery] string? to,
        [FromQuery] string? year,
        [FromQuery] string? format,
        [FromServices] PublicStatisticsQueries statistics,
        CancellationToken ct)
    {
        if (!statistics.TryParsePeriod(from, to, year, out var period, out var error))
        {
            ModelState.AddModelError(year is { Length: > 0 } ? "year" : "from", l[error!]);
            return ValidationProblem(title: l["problem.validation"]);
        }

        var response = ToResponse(await statistics.ForPeriodAsync(period, ct), l);
        var csv = string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase)
            || (format is null && Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)));
        if (csv)
        {
            return File(Encoding.UTF8.GetBytes(Csv(response, l)), "text/csv; charset=utf-8", $"statistik-{response.From}-{response.To}.csv");
        }

        return Ok(response);
    }

    internal static StatisticsResponse ToResponse(PublicStatistics s, IStringLocalizer l)
    {
        var culture = CultureInfo.CurrentUICulture;
        StatisticsCellResponse Cell(StatisticsCell c, Func<string, string> label) =>
            new(c.Key, c.Key is null ? l["statistics.notStated"] : c.Label?.For(culture) ?? label(c.Key), c.Count, c.Suppressed);
        IReadOnlyList<StatisticsCellResponse> Cells(IReadOnlyList<StatisticsCell> cells) => cells.Select(c => Cell(c, key => key)).ToList();

        return new(
            StatisticsPeriod.Text(s.Period.From),
            StatisticsPeriod.Text(s.Period.To),
            s.AsOfUtc,
            s.MinCellCount,
            s.MinInstitutionCases,
            s.Total,
            s.Total is null,
            s.ByMonth.Select(c => Cell(c, key => DateOnly.ParseExact(key, "yyyy-MM", CultureInfo.InvariantCulture).ToString("MMMM yyyy", culture))).ToList(),
            Cells(s.BySector),
            Cells(s.ByProduct),
            Cells(s.ByIssue),
            s.Institutions.Select(i => new InstitutionStatisticsResponse(i.Name, i.Cases, i.Concluded, i.OnTimePercent, i.Concluded is null)).ToList());
    }

    /// <summary>
    /// One long table: table, key, label, count, then the institution columns; a suppressed value is empty with
    /// "&lt;minCellCount" in the note column, so a spreadsheet never reads it as zero.
    /// </summary>
    private static string Csv(StatisticsResponse r, IStringLocalizer l)
    {
        var suppressed = "<" + r.MinCellCount.ToString(CultureInfo.InvariantCulture);
        var text = new StringBuilder();
        void Row(params string?[] fields) => text.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
        string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";

        Row("table", "key", "label", "count", "concluded", "on_time_percent", "note");
        Row("total", "", l["statistics.total"], N(r.Total), "", "", r.TotalSuppressed ? suppressed : "");
        foreach (var (table, cells) in new[] { ("month", r.ByMonth), ("sector", r.BySector), ("product", r.ByProduct), ("issue", r.ByIssue) })
        {
            foreach (var c in cells)
            {
                Row(table, c.Key ?? "", c.Label, N(c.Count), "", "", c.Suppressed ? suppressed : "");
            }
        }

        foreach (var i in r.Institutions)
        {
            Row("institution", "", i.Name, N(i.Cases), N(i.Concluded), N(i.OnTimePercent), i.Suppressed ? suppressed : "");
        }

        return text.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading formula character is neutralised so a spreadsheet never runs a name.</summary>
    private static string Field(string? value)
    {
        value ??= "";
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
