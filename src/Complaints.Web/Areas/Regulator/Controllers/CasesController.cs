using Complaints.Core;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Regulator;
using Complaints.Web.Areas.Regulator.Models;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Controllers;

/// <summary>
/// The case page and everything done on it. Case actions all post to one endpoint per trigger and go through
/// <see cref="PerformCaseAction"/>; a case outside <c>VisibleTo</c> is a 404.
/// </summary>
[Route("regulator/cases/{trackingNumber}")]
[Authorize(Policy = Policies.RegulatorCaseWork)]
public sealed class CasesController(RegulatorQueries queries, AttachmentStore store, IStringLocalizer<SharedResource> l) : RegulatorController
{
    [HttpGet("")]
    public async Task<IActionResult> Show(string trackingNumber, string? done, CancellationToken ct)
    {
        var page = await PageAsync(trackingNumber, ct);
        if (page is null)
        {
            return NotFound();
        }

        if (done is not null)
        {
            page.Notice = l["regulator.case.saved"];
        }

        return View("Case", page);
    }

    [HttpPost("actions/{trigger}")]
    public async Task<IActionResult> Act(string trackingNumber, string trigger, ActionForm form, [FromServices] PerformCaseAction perform, CancellationToken ct)
    {
        ModelState.Clear();
        if (!Enum.TryParse<Trigger>(trigger, ignoreCase: false, out var parsedTrigger) || !Enum.IsDefined(parsedTrigger) || int.TryParse(trigger, out _))
        {
            return NotFound();
        }

        return await ActAsync(trackingNumber, parsedTrigger, form, perform, ct);
    }

    private async Task<IActionResult> ActAsync(string trackingNumber, Trigger trigger, ActionForm form, PerformCaseAction perform, CancellationToken ct)
    {
        long? amount = null;
        if (!string.IsNullOrWhiteSpace(form.Amount))
        {
            if (Formats.TryParseRupiah(form.Amount, out var parsed))
            {
                amount = parsed;
            }
            else
            {
                ModelState.AddModelError(nameof(ActionForm.Amount), l["regulator.error.amount"]);
            }
        }

        if (trigger == Trigger.ScheduleClarificationMeeting && !form.NotInCourt)
        {
            ModelState.AddModelError(nameof(ActionForm.NotInCourt), l["regulator.error.notInCourtUnchecked"]);
        }

        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(trackingNumber, PostedForm.Action, p => { p.Action = form; p.PostedTrigger = trigger; }, StatusCodes.Status422UnprocessableEntity, ct);
        }

        var result = await perform.HandleAsync(new PerformCaseAction.Input
        {
            TrackingNumber = Normalized(trackingNumber),
            Trigger = trigger,
            ExpectedVersion = form.Version,
            Note = form.Note,
            InstitutionId = form.InstitutionId,
            ReferredTo = form.ReferredTo,
            DuplicateOf = TrackingNumber.TryNormalize(form.DuplicateOf, out var original) ? original : form.DuplicateOf,
            FailedRule = form.FailedRule,
            LimitedFacilitation = form.Limited,
            Terms = form.Terms,
            Amount = amount,
        }, Actor, ct);

        switch (result.Outcome)
        {
            case PerformCaseAction.Outcome.Done:
                return Redirect($"/regulator/cases/{result.Case!.TrackingNumber}?done={trigger}");
            case PerformCaseAction.Outcome.NotFound:
                return NotFound();
            case PerformCaseAction.Outcome.Conflict:
                return await RedisplayAsync(trackingNumber, PostedForm.Action, p => { p.Action = form; p.PostedTrigger = trigger; p.Conflict = true; }, StatusCodes.Status409Conflict, ct);
            default:
                var message = l[$"error.{result.ErrorCode}"];
                return await RedisplayAsync(trackingNumber, PostedForm.Action, p =>
                {
                    p.Action = form;
                    p.PostedTrigger = trigger;
                    p.Problem = message.ResourceNotFound ? l["regulator.error.refused"] : message.Value;
                }, StatusCodes.Status422UnprocessableEntity, ct);
        }
    }

    [HttpPost("classify")]
    public async Task<IActionResult> Classify(string trackingNumber, ClassifyForm form, [FromServices] ClassifyCase classify, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await classify.HandleAsync(new ClassifyCase.Input
        {
            TrackingNumber = trackingNumber,
            ExpectedVersion = form.Version,
            Kind = form.Kind,
            ComplaintType = form.ComplaintType,
            Sector = form.Sector,
            Product = string.IsNullOrWhiteSpace(form.Product) ? null : form.Product,
            IssueCategory = string.IsNullOrWhiteSpace(form.IssueCategory) ? null : form.IssueCategory,
            Restricted = form.Restricted,
        }, Actor, ct);
        return await AfterChangeAsync(trackingNumber, result, PostedForm.Classify, p => p.Classify = form, ct);
    }

    [HttpPost("assign")]
    public async Task<IActionResult> Assign(string trackingNumber, AssignForm form, [FromServices] AssignCase assign, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await assign.HandleAsync(new AssignCase.Input { TrackingNumber = trackingNumber, ExpectedVersion = form.Version, UserId = form.UserId }, Actor, ct);
        return await AfterChangeAsync(trackingNumber, result, PostedForm.Assign, p => p.Assign = form, ct);
    }

    [HttpPost("messages")]
    public async Task<IActionResult> Message(string trackingNumber, MessageForm form, [FromServices] PostCaseMessage post, CancellationToken ct)
    {
        ModelState.Clear();
        var result = await post.HandleAsync(new PostCaseMessage.Input { TrackingNumber = trackingNumber, Audience = form.Audience, Body = form.Body }, Actor, ct);
        return await AfterChangeAsync(trackingNumber, result, PostedForm.Message, p => p.Message = form, ct);
    }

    [HttpPost("meetings")]
    public async Task<IActionResult> Meeting(string trackingNumber, MeetingForm form, [FromServices] ScheduleMeeting schedule, CancellationToken ct)
    {
        ModelState.Clear();
        var start = form.ParseStart();
        CaseChange result;
        if (start is null && !string.IsNullOrWhiteSpace(form.StartsAt))
        {
            result = CaseChange.Invalid([new FieldError("startsAt", "valueInvalid", form.StartsAt)]);
        }
        else
        {
            result = await schedule.HandleAsync(new ScheduleMeeting.Input
            {
                TrackingNumber = trackingNumber,
                StartsAtWib = start,
                Location = form.Location,
                VideoLink = form.VideoLink,
                Participants = form.Participants,
            }, Actor, ct);
        }

        return await AfterChangeAsync(trackingNumber, result, PostedForm.Meeting, p => p.Meeting = form, ct);
    }

    [HttpPost("meetings/{meetingId:guid}/minutes")]
    public async Task<IActionResult> Minutes(string trackingNumber, Guid meetingId, MinutesForm form, [FromServices] RecordMinutes record, CancellationToken ct)
    {
        ModelState.Clear();
        form.MeetingId = meetingId;
        var result = await record.HandleAsync(new RecordMinutes.Input { TrackingNumber = trackingNumber, MeetingId = meetingId, Minutes = form.Minutes }, Actor, ct);
        return await AfterChangeAsync(trackingNumber, result, PostedForm.Minutes, p => p.MinutesForm = form, ct);
    }

    /// <summary>Files come from the store after the case and the file's visibility are checked; never a static path.</summary>
    [HttpGet("attachments/{attachmentId:guid}")]
    public async Task<IActionResult> Attachment(string trackingNumber, Guid attachmentId, CancellationToken ct)
    {
        var attachment = await queries.AttachmentAsync(Actor, trackingNumber, attachmentId, ct);
        if (attachment is null || !Actor.MaySee(attachment.Visibility))
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(store.OpenRead(attachment.Sha256), attachment.ContentType, attachment.FileName);
    }

    private async Task<IActionResult> AfterChangeAsync(string trackingNumber, CaseChange result, PostedForm posted, Action<CasePageModel> keep, CancellationToken ct)
    {
        switch (result.Result)
        {
            case CaseChange.Outcome.Done:
                return Redirect($"/regulator/cases/{Normalized(trackingNumber)}?done={posted}");
            case CaseChange.Outcome.NotFound:
                return NotFound();
            case CaseChange.Outcome.Conflict:
                return await RedisplayAsync(trackingNumber, posted, p => { keep(p); p.Conflict = true; }, StatusCodes.Status409Conflict, ct);
            default:
                foreach (var error in result.Errors)
                {
                    var key = error.Field.Length == 0 ? "" : char.ToUpperInvariant(error.Field[0]) + error.Field[1..];
                    ModelState.AddModelError(key, l[$"error.{error.Code}", error.Arguments]);
                }

                return await RedisplayAsync(trackingNumber, posted, keep, StatusCodes.Status422UnprocessableEntity, ct);
        }
    }

    /// <summary>The current state of the case, with the posted form's input kept.</summary>
    private async Task<IActionResult> RedisplayAsync(string trackingNumber, PostedForm posted, Action<CasePageModel> keep, int status, CancellationToken ct)
    {
        var page = await PageAsync(trackingNumber, ct);
        if (page is null)
        {
            return NotFound();
        }

        page.Posted = posted;
        keep(page);
        if (page.Conflict)
        {
            page.Problem = l["regulator.error.conflict"];
        }

        Response.StatusCode = status;
        return View("Case", page);
    }

    private async Task<CasePageModel?> PageAsync(string trackingNumber, CancellationToken ct)
    {
        var view = await queries.CaseAsync(Actor, trackingNumber, ct);
        return view is null ? null : await PageModelAsync(queries, view, ct);
    }

    /// <summary>The case page's model with its forms filled from the case (also used by the files upload).</summary>
    internal static async Task<CasePageModel> PageModelAsync(RegulatorQueries queries, RegulatorCaseView view, CancellationToken ct) =>
        new()
        {
            Case = view,
            Institutions = view.AvailableTriggers.Contains(Trigger.ForwardToInstitution) ? await queries.InstitutionChoicesAsync(ct) : [],
            Staff = view.MayAssignOthers ? await queries.StaffChoicesAsync(ct) : [],
            Classify = new ClassifyForm
            {
                Kind = view.Kind,
                ComplaintType = view.ComplaintType,
                Sector = view.Sector,
                Product = view.Product,
                IssueCategory = view.IssueCategory,
                Restricted = view.IsRestricted,
            },
            Assign = new AssignForm { UserId = view.AssignedToUserId },
        };

    private static string Normalized(string trackingNumber) =>
        TrackingNumber.TryNormalize(trackingNumber, out var number) ? number : trackingNumber;
}
