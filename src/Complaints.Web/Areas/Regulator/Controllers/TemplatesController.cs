using Complaints.Core.Features;
using Complaints.Core.Features.Notifications;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>The regulator's Administrator: the wording of every notification in Indonesian and English, with a
/// preview on a sample case and a way back to the shipped wording.</summary>
[Authorize(Policy = Policies.Administrator)]
[Route("regulator/admin/templates")]
public sealed class TemplatesController(
    NotificationTemplateQueries queries,
    UpdateNotificationTemplate update,
    IStringLocalizer<SharedResource> l) : RegulatorController
{
    private const string IndexView = "~/Areas/Regulator/Views/Templates/Index.cshtml";
    private const string EditView = "~/Areas/Regulator/Views/Templates/Edit.cshtml";

    /// <summary>The Preview button's value; any other submit saves.</summary>
    private const string PreviewIntent = "preview";

    [HttpGet("")]
    public async Task<IActionResult> Index(string? done, CancellationToken ct) =>
        View(IndexView, new TemplatesIndexPage(await queries.ListAsync(Actor, ct), DoneText(done)));

    [HttpGet("{key}/{culture}")]
    public async Task<IActionResult> Edit(string key, string culture, string? done, CancellationToken ct)
    {
        var view = await queries.EditAsync(Actor, key, culture, ct);
        if (view is null)
        {
            return NotFound();
        }

        var form = new TemplateForm { Subject = view.Current.Subject, Body = view.Current.Body, ShortText = view.Current.ShortText };
        return View(EditView, new TemplateEditPage(view, form, queries.Preview(view.Spec, culture, view.Current), false, DoneText(done)));
    }

    [HttpPost("{key}/{culture}")]
    public async Task<IActionResult> Save(string key, string culture, TemplateForm form, string? intent, CancellationToken ct)
    {
        ModelState.Clear();
        var view = await queries.EditAsync(Actor, key, culture, ct);
        if (view is null)
        {
            return NotFound();
        }

        var input = new UpdateNotificationTemplate.Input(key, culture, form.Subject, form.Body, form.ShortText);
        if (intent == PreviewIntent)
        {
            // Checked like a save, so the administrator learns of a typo before saving; nothing is stored.
            var typed = UpdateNotificationTemplate.Normalized(input);
            var problems = UpdateNotificationTemplate.Validate(view.Spec, typed);
            AddErrors(problems);
            if (problems.Count > 0)
            {
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }

            return View(EditView, new TemplateEditPage(view, form, queries.Preview(view.Spec, culture, typed), true, null));
        }

        var result = await update.HandleAsync(input, Actor, ct);
        switch (result.Outcome)
        {
            case UpdateNotificationTemplate.Outcome.NotAllowed:
            case UpdateNotificationTemplate.Outcome.NotFound:
                return NotFound();
            case UpdateNotificationTemplate.Outcome.Invalid:
                AddErrors(result.Errors);
                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View(EditView, new TemplateEditPage(view, form, queries.Preview(view.Spec, culture, UpdateNotificationTemplate.Normalized(input)), true, null));
            case UpdateNotificationTemplate.Outcome.Saved:
            case UpdateNotificationTemplate.Outcome.Restored:
            case UpdateNotificationTemplate.Outcome.Unchanged:
                break;
        }

        return Redirect(EditUrl(key, culture) + "?done=" + (result.Outcome == UpdateNotificationTemplate.Outcome.Saved ? "saved" : "unchanged"));
    }

    [HttpPost("{key}/{culture}/reset")]
    public async Task<IActionResult> Reset(string key, string culture, CancellationToken ct)
    {
        var result = await update.HandleAsync(new UpdateNotificationTemplate.Input(key, culture, null, null, null, Reset: true), Actor, ct);
        return result.Outcome switch
        {
            UpdateNotificationTemplate.Outcome.Restored => Redirect(EditUrl(key, culture) + "?done=restored"),
            UpdateNotificationTemplate.Outcome.Unchanged => Redirect(EditUrl(key, culture) + "?done=unchanged"),
            _ => NotFound(),
        };
    }

    private static string EditUrl(string key, string culture) =>
        $"/regulator/admin/templates/{Uri.EscapeDataString(key)}/{Uri.EscapeDataString(culture)}";

    private string? DoneText(string? done) => done switch
    {
        "saved" => l["templates.done.saved"].Value,
        "restored" => l["templates.done.restored"].Value,
        "unchanged" => l["templates.done.unchanged"].Value,
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
