using System.Globalization;
using System.Text;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Identity;
using Complaints.Core.Features.Statistics;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>
/// The regulator's dashboards: /regulator/statistics (volume, institutions, escalations, deadlines), the cases
/// behind any number, and CSV of any table or of the cases. Management information for specialists and
/// supervisors; agents work cases one by one and see restricted cases nowhere, so their totals could not match.
/// </summary>
[Route("regulator/statistics")]
[Authorize(Roles = nameof(ActorRole.Specialist) + "," + nameof(ActorRole.Supervisor))]
public sealed class StatisticsController(RegulatorDashboardQueries queries, IStringLocalizer<SharedResource> l) : RegulatorController
{
    /// <summary>The page shows the busiest institutions; the CSV has them all.</summary>
    private const int InstitutionsShown = 50;

    [HttpGet("")]
    public async Task<IActionResult> Index([FromQuery] DashboardForm form, CancellationToken ct)
    {
        var filter = form.ToFilter(queries.Today);
        var csv = string.Equals(form.Format, "csv", StringComparison.OrdinalIgnoreCase);
        var tables = new DashboardTables(l, filter);
        IReadOnlyList<StatTable> built = form.Tab switch
        {
            DashboardTab.Volume => tables.Volume(await queries.VolumeAsync(Actor, filter, ct)),
            DashboardTab.Institutions => tables.Institutions(await queries.InstitutionsAsync(Actor, filter, ct), csv ? null : InstitutionsShown),
            DashboardTab.Escalations => tables.Escalations(await queries.EscalationsAsync(Actor, filter, ct)),
            DashboardTab.Deadlines => tables.Deadlines(await queries.DeadlinesAsync(Actor, filter, ct)),
        };

        if (csv)
        {
            var table = built.FirstOrDefault(t => t.Id == form.Table) ?? built[0];
            return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(TableCsv(table))).ToArray(), "text/csv; charset=utf-8",
                $"statistics-{form.Tab.ToString().ToLowerInvariant()}-{table.Id}-{queries.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv");
        }

        return View(new DashboardPage(form, filter, built, await queries.InstitutionChoicesAsync(ct)));
    }

    /// <summary>The cases behind one number, with the same filters.</summary>
    [HttpGet("cases")]
    public async Task<IActionResult> Cases([FromQuery] DashboardForm form, CancellationToken ct)
    {
        var filter = form.ToFilter(queries.Today);
        var page = await queries.CasesAsync(Actor, filter, form.Measure, form.Rule, form.Stage, form.Page, ct);
        form.Page = page.Page;
        return View(new DashboardCasesPage(form, filter, page, new DashboardTables(l, filter).Describe(form.Measure, form.Rule, form.Stage)));
    }

    /// <summary>One row per case, streamed as the database yields it: classification, dates, deadline, outcome;
    /// no personal data.</summary>
    [HttpGet("cases.csv")]
    public async Task CasesCsv([FromQuery] DashboardForm form, CancellationToken ct)
    {
        var filter = form.ToFilter(queries.Today);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"statistics-cases-{queries.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv\"";
        Response.Headers.CacheControl = "no-store";
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        await writer.WriteAsync("tracking_number,kind,complaint_type,channel,sector,institution,product,issue,province,submitted_at_utc,state,deadline,deadline_due_date,untimely,outcome,relief_amount,closed_at_utc\r\n");
        await foreach (var row in queries.ExportAsync(Actor, filter, form.Measure, form.Rule, form.Stage).WithCancellation(ct))
        {
            await writer.WriteAsync(string.Join(',',
                Field(row.TrackingNumber),
                row.Kind.ToString(),
                row.ComplaintType?.ToString() ?? "",
                row.Channel.ToString(),
                row.Sector?.ToString() ?? "",
                Field(row.InstitutionName ?? ""),
                Field(row.Product ?? ""),
                Field(row.IssueCategory ?? ""),
                row.ProvinceCode is { } p ? Field($"{p} {RegionCodes.Shipped.ProvinceName(p)}".Trim()) : "",
                Utc(row.SubmittedAtUtc),
                row.State.ToString(),
                row.DeadlineDueAtUtc is null ? "" : row.DeadlineKind?.ToString() ?? "",
                row.DeadlineDueAtUtc is { } due ? Core.Domain.Calendar.WorkingDayCalendar.DueDateOf(due).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "",
                row.IsUntimely ? "true" : "false",
                row.Outcome?.ToString() ?? "",
                row.ReliefAmount?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.ClosedAtUtc is { } closed ? Utc(closed) : "") + "\r\n");
        }

        await writer.FlushAsync(ct);
    }

    private static string Utc(DateTime utc) => utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string TableCsv(StatTable table)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', table.Columns.Select(Field))).Append("\r\n");
        foreach (var row in table.Rows)
        {
            csv.Append(string.Join(',', row.Select(c => Field(c.Raw)))).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>RFC 4180 quoting; a leading formula character is defused for spreadsheet programs.</summary>
    private static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
