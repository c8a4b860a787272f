using System.Globalization;
using System.Text;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.InstitutionPortal;
using Complaints.Web.Areas.Institution.Models;
using Microsoft.AspNetCore.Mvc;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>The institution's open cases, most urgent first, and the same list as CSV.</summary>
[Route("institution")]
public sealed class DashboardController(InstitutionQueries queries, TimeProvider clock) : InstitutionController
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CaseFilterForm filter, CancellationToken ct)
    {
        // The admin manages accounts and contacts; it sees no case content.
        if (Actor.Role != ActorRole.InstitutionOfficer)
        {
            return View("AdminHome");
        }

        var cases = await queries.CasesAsync(Actor, filter.ToFilter(), filter.Page, ct);
        return View(new DashboardPage(filter, cases));
    }

    [HttpGet("cases.csv")]
    public async Task Csv(CaseFilterForm filter, CancellationToken ct)
    {
        if (Actor.Role != ActorRole.InstitutionOfficer)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var today = Core.Domain.Calendar.WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime);
        Response.ContentType = "text/csv; charset=utf-8";
        Response.Headers.ContentDisposition = $"attachment; filename=\"cases-{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.csv\"";
        Response.Headers.CacheControl = "no-store";

        // Rows go out as the database yields them; only the writer's buffer is held in memory.
        await using var writer = new StreamWriter(Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        await writer.WriteAsync("tracking_number,submitted_at_utc,state,deadline_date,working_days_left,untimely,outcome,relief_amount\r\n");
        await foreach (var row in queries.CsvAsync(Actor, filter.ToFilter(), ct))
        {
            await writer.WriteAsync(string.Join(',',
                Field(row.TrackingNumber),
                row.SubmittedAtUtc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                row.State.ToString(),
                row.DeadlineDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                row.WorkingDaysLeft?.ToString(CultureInfo.InvariantCulture) ?? "",
                row.IsUntimely ? "true" : "false",
                row.Outcome?.ToString() ?? "",
                row.ReliefAmount?.ToString(CultureInfo.InvariantCulture) ?? "") + "\r\n");
        }

        await writer.FlushAsync(ct);
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
