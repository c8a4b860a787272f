using System.Globalization;
using Complaints.Core.Features;
using Complaints.Core.Features.Administration;
using Complaints.Core.Features.Calendar;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The regulator's Administrator: deadline durations, the working-day calendar, and the audit of
/// every change to them.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("regulator/admin")]
public sealed class SettingsController(
    SettingsQueries queries,
    UpdateDeadlinePolicy updatePolicy,
    AddHoliday addHoliday,
    RemoveHoliday removeHoliday,
    ImportHolidays importHolidays,
    IStringLocalizer<SharedResource> l) : RegulatorController
{
    // Enough for the largest file we accept plus the form around it, so a too-large file gets our message
    // rather than the server's; the whole body stays in memory (never buffered to a temporary file).
    private const int UploadRequestLimit = 1024 * 1024;

    [HttpGet("deadlines")]
    public async Task<IActionResult> Deadlines(string? done, CancellationToken ct) =>
        View(new SettingsDeadlinesPage(await queries.DeadlinesAsync(Actor, ct), new Dictionary<string, string?>(), DoneText(done)));

    [HttpPost("deadlines")]
    public async Task<IActionResult> SaveDeadlines(Dictionary<string, string?> values, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await updatePolicy.HandleAsync(new UpdateDeadlinePolicy.Input(values), Actor, ct);
        if (!result.Allowed)
        {
            return NotFound();
        }

        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Values." + error.Field, l[$"error.{error.Code}", error.Arguments]);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Deadlines", new SettingsDeadlinesPage(await queries.DeadlinesAsync(Actor, ct), values, null));
        }

        return Redirect("/regulator/admin/deadlines?done=" + (result.Changed.Count > 0 ? "saved" : "unchanged"));
    }

    [HttpGet("calendar")]
    public async Task<IActionResult> Calendar(int? year, string? done, CancellationToken ct) =>
        View(await CalendarPageAsync(year, new HolidayForm(), DoneText(done), ct));

    [HttpPost("calendar")]
    public async Task<IActionResult> AddDay(HolidayForm form, CancellationToken ct)
    {
        ModelState.Clear();
        DateOnly? date = DateOnly.TryParseExact(form.Date?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;
        var result = await addHoliday.HandleAsync(new AddHoliday.Input(date, form.Name), Actor, ct);
        if (!result.Allowed)
        {
            return NotFound();
        }

        if (result.Errors.Count > 0)
        {
            AddErrors(result.Errors);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Calendar", await CalendarPageAsync(date?.Year, form, null, ct));
        }

        return Redirect($"/regulator/admin/calendar?year={date!.Value.Year.ToString(CultureInfo.InvariantCulture)}&done=added");
    }

    [HttpPost("calendar/{date}/remove")]
    public async Task<IActionResult> RemoveDay(string date, CancellationToken ct)
    {
        if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            || !await removeHoliday.HandleAsync(new RemoveHoliday.Input(day), Actor, ct))
        {
            return NotFound();
        }

        return Redirect($"/regulator/admin/calendar?year={day.Year.ToString(CultureInfo.InvariantCulture)}&done=removed");
    }

    [HttpPost("calendar/import")]
    [RequestSizeLimit(UploadRequestLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadRequestLimit, MemoryBufferThreshold = UploadRequestLimit)]
    public async Task<IActionResult> Import(int? year, IFormFile? file, CancellationToken ct)
    {
        ModelState.Clear();
        var content = Array.Empty<byte>();
        if (file is { Length: > 0 and <= ImportHolidays.MaxBytes })
        {
            using var memory = new MemoryStream((int)file.Length);
            await file.CopyToAsync(memory, ct);
            content = memory.ToArray();
        }

        var result = await importHolidays.HandleAsync(new ImportHolidays.Input(year, file?.FileName, file?.Length ?? 0, content), Actor, ct);
        if (!result.Allowed)
        {
            return NotFound();
        }

        if (result.Problems.Count > 0)
        {
            foreach (var problem in result.Problems)
            {
                var message = l[$"error.{problem.Code}", problem.Arguments].Value;
                if (problem.Detail is not null)
                {
                    message += " " + l["settings.import.detail", problem.Detail].Value;
                }

                ModelState.AddModelError("File", problem.Line > 0 ? l["settings.import.line", problem.Line, message].Value : message);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("Calendar", await CalendarPageAsync(year, new HolidayForm(), null, ct));
        }

        // Shown at once rather than redirected: the counts are the answer to "did my file do what I meant".
        var done = l["settings.import.done", year!.Value, result.Total, result.Added, result.Updated, result.Removed].Value;
        return View("Calendar", await CalendarPageAsync(year, new HolidayForm(), done, ct));
    }

    [HttpGet("audit")]
    public async Task<IActionResult> Audit(string? area, int page, CancellationToken ct) =>
        View(new SettingsAuditPage(await queries.AuditAsync(Actor, area, page, ct)));

    private async Task<SettingsCalendarPage> CalendarPageAsync(int? year, HolidayForm form, string? done, CancellationToken ct) =>
        new(await queries.CalendarAsync(Actor, year, ct), form, done);

    private string? DoneText(string? done) => done switch
    {
        "saved" => l["settings.deadlines.saved"].Value,
        "unchanged" => l["settings.deadlines.unchanged"].Value,
        "added" => l["settings.calendar.added"].Value,
        "removed" => l["settings.calendar.removed"].Value,
        _ => null,
    };

    /// <summary>Core names fields in camelCase; the form's inputs are Form.PascalCase.</summary>
    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            var field = "Form." + char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
            ModelState.AddModelError(field, l[$"error.{error.Code}", error.Arguments]);
        }
    }
}
