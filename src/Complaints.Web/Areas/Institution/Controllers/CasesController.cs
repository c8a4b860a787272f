using Complaints.Core;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.InstitutionPortal;
using Complaints.Web.Areas.Institution.Models;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Web.Areas.Institution.Controllers;

/// <summary>One case as the institution sees it, and the institution's moves on it. Every move goes through
/// <see cref="PerformCaseAction"/>; a case the officer may not see is a 404.</summary>
[Route("institution/cases/{trackingNumber}")]
public sealed class CasesController(
    InstitutionQueries queries,
    PerformCaseAction perform,
    AddAttachments addAttachments,
    PostInstitutionMessage postMessage,
    IOptions<StorageOptions> storage,
    IStringLocalizer<SharedResource> l) : InstitutionController
{
    /// <summary>The triggers this portal offers; anything else posted here does not exist.</summary>
    public static readonly Trigger[] InstitutionTriggers =
        [Trigger.Respond, Trigger.ExtendDeadline, Trigger.RequestDocuments, Trigger.ReportWrongInstitution];

    [HttpGet("")]
    public async Task<IActionResult> Show(string trackingNumber, string? done, CancellationToken ct)
    {
        var view = await queries.CaseAsync(Actor, Normalized(trackingNumber), ct);
        if (view is null)
        {
            return NotFound();
        }

        var doneText = Enum.TryParse<Trigger>(done, out var t) && InstitutionTriggers.Contains(t) ? l[$"institution.done.{t}"].Value
            : done == "message" ? l["institution.done.message"].Value
            : done == "filesFailed" ? l["institution.done.filesFailed"].Value
            : null;
        return View(new CasePage(view, Done: doneText));
    }

    [HttpPost("actions/{trigger}")]
    [RequestSizeLimit(64 * 1024 * 1024)]
    public async Task<IActionResult> Act(string trackingNumber, string trigger, CaseActionForm form, CancellationToken ct)
    {
        var number = Normalized(trackingNumber);
        if (!Enum.TryParse<Trigger>(trigger, ignoreCase: false, out var move) || !InstitutionTriggers.Contains(move))
        {
            return NotFound();
        }

        // Field problems the use case cannot see: the amount as typed, and the files.
        var files = form.Attachments.Where(f => f.Length > 0 || f.FileName.Length > 0)
            .Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream))
            .ToList();
        long? amount = null;
        if (move == Trigger.Respond && form.Outcome == ResponseOutcome.MonetaryRelief && !string.IsNullOrWhiteSpace(form.Amount))
        {
            if (Formats.TryParseRupiah(form.Amount, out var parsed))
            {
                amount = parsed;
            }
            else
            {
                ModelState.AddModelError(Field(move, nameof(CaseActionForm.Amount)), l["error.amount.invalid"]);
            }
        }

        if (move == Trigger.Respond && files.Count > 0)
        {
            foreach (var error in AttachmentStore.CheckAll(files, storage.Value))
            {
                ModelState.AddModelError(Field(move, nameof(CaseActionForm.Attachments)), Message(error));
            }
        }

        if (ModelState.ErrorCount > 0)
        {
            return await RedisplayAsync(number, move, form, null, StatusCodes.Status400BadRequest, ct);
        }

        var result = await perform.HandleAsync(new PerformCaseAction.Input
        {
            TrackingNumber = number,
            Trigger = move,
            ExpectedVersion = form.Version,
            Note = form.Note,
            Outcome = move == Trigger.Respond ? form.Outcome : null,
            Amount = amount,
        }, Actor, ct);

        switch (result.Outcome)
        {
            case PerformCaseAction.Outcome.NotFound:
                return NotFound();
            case PerformCaseAction.Outcome.Conflict:
                return await RedisplayAsync(number, move, form, l["institution.conflict"], StatusCodes.Status409Conflict, ct);
            case PerformCaseAction.Outcome.Refused:
                ModelState.AddModelError(FieldOf(move, result.ErrorCode), RefusalMessage(result.ErrorCode));
                return await RedisplayAsync(number, move, form, null, StatusCodes.Status422UnprocessableEntity, ct);
            case PerformCaseAction.Outcome.Done:
                break;
        }

        var done = move.ToString();
        if (move == Trigger.Respond && files.Count > 0)
        {
            // The answer stands; its documents follow it, visible to both parties.
            var added = await addAttachments.HandleAsync(result.Case!.Id, Actor, files, Visibility.Public, ct);
            if (added.Errors.Count > 0)
            {
                done = "filesFailed";
            }
        }

        return Redirect($"/institution/cases/{number}?done={done}");
    }

    [HttpPost("messages")]
    public async Task<IActionResult> PostMessage(string trackingNumber, MessageForm form, CancellationToken ct)
    {
        var number = Normalized(trackingNumber);
        var result = await postMessage.HandleAsync(new PostInstitutionMessage.Input(number, form.Body), Actor, ct);
        switch (result.Outcome)
        {
            case PostInstitutionMessage.Outcome.NotFound:
                return NotFound();
            case PostInstitutionMessage.Outcome.Invalid:
                foreach (var error in result.Errors)
                {
                    ModelState.AddModelError("Message.Body", Message(error));
                }

                var view = await queries.CaseAsync(Actor, number, ct);
                if (view is null)
                {
                    return NotFound();
                }

                Response.StatusCode = StatusCodes.Status400BadRequest;
                return View("Show", new CasePage(view, Message: form));
            case PostInstitutionMessage.Outcome.Done:
                break;
        }

        return Redirect($"/institution/cases/{number}?done=message");
    }

    /// <summary>Shows the current case again with the posted form as typed (files must be chosen again).</summary>
    private async Task<IActionResult> RedisplayAsync(string number, Trigger move, CaseActionForm form, string? conflict, int status, CancellationToken ct)
    {
        var view = await queries.CaseAsync(Actor, number, ct);
        if (view is null)
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return View("Show", new CasePage(view, move, form, conflict));
    }

    /// <summary>Field names carry the trigger, so each action form shows its own errors.</summary>
    public static string Field(Trigger trigger, string name) => $"{trigger}.{name}";

    private static string FieldOf(Trigger move, string? code) => code switch
    {
        "case.reliefAmountRequired" => Field(move, nameof(CaseActionForm.Amount)),
        "case.outcomeRequired" => Field(move, nameof(CaseActionForm.Outcome)),
        "case.reasonRequired" => Field(move, nameof(CaseActionForm.Note)),
        _ => "",
    };

    private string RefusalMessage(string? code)
    {
        var own = l[$"institution.error.{code}"];
        if (!own.ResourceNotFound)
        {
            return own.Value;
        }

        var shared = l[$"error.{code}"];
        return shared.ResourceNotFound ? l["institution.error.refused"].Value : shared.Value;
    }

    private string Message(FieldError error) => l[$"error.{error.Code}", error.Arguments].Value;

    private static string Normalized(string trackingNumber) =>
        Core.Domain.Cases.TrackingNumber.TryNormalize(trackingNumber, out var formatted) ? formatted : trackingNumber;
}
