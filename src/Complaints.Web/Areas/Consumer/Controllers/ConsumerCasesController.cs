using Complaints.Core.Domain.Cases;
using Complaints.Core.Features;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Consumers;
using Complaints.Core.Features.Tracking;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Consumer.Controllers;

/// <summary>One form for every consumer action on a case; each action uses the fields it needs.</summary>
public sealed class CaseActionForm
{
    /// <summary>Tracking page only: the proof, re-posted as hidden fields (never in a URL).</summary>
    public string? TrackingNumber { get; set; }

    public string? Pin { get; set; }

    /// <summary>The case version the consumer saw.</summary>
    public int? Version { get; set; }

    /// <summary>Reason, comment or message text.</summary>
    public string? Note { get; set; }

    public bool Confirm { get; set; }

    public int? Stars { get; set; }

    /// <summary>Messages: also to the institution.</summary>
    public bool ToInstitution { get; set; }

    public List<IFormFile> Files { get; set; } = [];
}

/// <summary>What the case page needs besides the case: where the forms post, the proof to re-post, and the
/// outcome of the last action with what the consumer typed.</summary>
public sealed record CaseActionsModel(
    ConsumerCaseView Case,
    ConsumerCaseExtrasView Extras,
    string PostBase,
    string? TrackingNumber,
    string? Pin,
    string? ActiveAction = null,
    CaseActionForm? Kept = null,
    string? Success = null,
    bool Conflict = false)
{
    public const string ViewDataKey = "CaseActions";
    public const string Rate = "rate";
    public const string Message = "message";

    public string? KeptNote(string action) => ActiveAction == action ? Kept?.Note : null;
}

/// <summary>The action handling shared by the tracking page (proof: number + PIN) and My cases (proof: sign-in).</summary>
public abstract class ConsumerCaseControllerBase : Controller
{
    protected const string CaseView = "~/Areas/Consumer/Views/Tracking/Case.cshtml";

    protected enum ActionOutcome
    {
        Done,
        NotFound,
        Invalid,
        Conflict,
    }

    /// <summary>The triggers the lifecycle table lets a consumer fire; anything else is not an address here.</summary>
    private static readonly HashSet<Trigger> ConsumerTriggers =
        CaseLifecycle.Transitions.Where(t => t.Who.HasFlag(Parties.Consumer)).Select(t => t.Trigger).ToHashSet();

    private T Service<T>()
        where T : notnull => HttpContext.RequestServices.GetRequiredService<T>();

    private IStringLocalizer L => Service<IStringLocalizer<SharedResource>>();

    /// <summary>Runs one action; on Invalid the errors are in ModelState (field errors under the form's names).</summary>
    protected async Task<ActionOutcome> RunAsync(string action, Guid caseId, Actor actor, CaseActionForm form, CancellationToken ct)
    {
        var view = await Service<ConsumerCaseQueries>().GetAsync(caseId, ct);
        if (view is null)
        {
            return ActionOutcome.NotFound;
        }

        if (action == CaseActionsModel.Message)
        {
            var posted = await Service<PostConsumerMessage>().HandleAsync(
                new PostConsumerMessage.Input { TrackingNumber = view.TrackingNumber, Body = form.Note, ToInstitution = form.ToInstitution }, actor, ct);
            AddErrors(posted.Errors);
            return posted.NotFound ? ActionOutcome.NotFound : posted.Succeeded ? ActionOutcome.Done : ActionOutcome.Invalid;
        }

        if (action == CaseActionsModel.Rate)
        {
            var rated = await Service<RateService>().HandleAsync(
                new RateService.Input { TrackingNumber = view.TrackingNumber, Stars = form.Stars, Comment = form.Note, ExpectedVersion = form.Version }, actor, ct);
            return FromCaseResult(rated, nameof(CaseActionForm.Stars));
        }

        if (!Enum.TryParse<Trigger>(action, ignoreCase: false, out var trigger) || !ConsumerTriggers.Contains(trigger))
        {
            return ActionOutcome.NotFound;
        }

        if ((trigger is Trigger.Withdraw or Trigger.SignFacilitationAgreement) && !form.Confirm)
        {
            ModelState.AddModelError(nameof(CaseActionForm.Confirm), L[$"consumer.confirm.required.{trigger}"]);
        }

        var files = form.Files.Where(f => f.Length > 0 || f.FileName.Length > 0).ToList();
        if (trigger == Trigger.SupplyDocuments && files.Count == 0)
        {
            ModelState.AddModelError(nameof(CaseActionForm.Files), L["consumer.files.required"]);
        }

        if (!ModelState.IsValid)
        {
            return ActionOutcome.Invalid;
        }

        if (trigger == Trigger.SupplyDocuments)
        {
            // The files go in only when the documents can be supplied now, on the version the consumer saw.
            if (form.Version != view.Version)
            {
                return ActionOutcome.Conflict;
            }

            if (!view.AvailableActions.Contains(Trigger.SupplyDocuments))
            {
                ModelState.AddModelError("", RefusalText("case.triggerNotAllowedInState"));
                return ActionOutcome.Invalid;
            }

            var added = await Service<AddAttachments>().HandleAsync(
                caseId, actor, files.Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream)).ToList(), Visibility.Public, ct);
            if (added.Errors.Count > 0)
            {
                foreach (var error in added.Errors)
                {
                    ModelState.AddModelError(nameof(CaseActionForm.Files), L[$"error.{error.Code}", error.Arguments]);
                }

                return ActionOutcome.Invalid;
            }
        }

        var result = await Service<PerformCaseAction>().HandleAsync(new PerformCaseAction.Input
        {
            TrackingNumber = view.TrackingNumber,
            Trigger = trigger,
            ExpectedVersion = form.Version,
            Note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim(),
        }, actor, ct);
        return FromCaseResult(result, nameof(CaseActionForm.Note));
    }

    private ActionOutcome FromCaseResult(PerformCaseAction.Result result, string field)
    {
        switch (result.Outcome)
        {
            case PerformCaseAction.Outcome.Done:
                return ActionOutcome.Done;
            case PerformCaseAction.Outcome.NotFound:
                return ActionOutcome.NotFound;
            case PerformCaseAction.Outcome.Conflict:
                return ActionOutcome.Conflict;
            case PerformCaseAction.Outcome.Refused:
                var code = result.ErrorCode ?? "";
                var key = code is "case.reasonRequired" or "case.ratingRange" or "tooLong" ? field : "";
                ModelState.AddModelError(key, RefusalText(code));
                return ActionOutcome.Invalid;
        }

        throw new InvalidOperationException($"Unknown outcome {result.Outcome}.");
    }

    /// <summary>This portal's wording (consumer.error.&lt;code&gt;) first, then the shared error.&lt;code&gt;.</summary>
    private string RefusalText(string code)
    {
        var own = L[$"consumer.error.{code}"];
        if (!own.ResourceNotFound)
        {
            return own;
        }

        var shared = L[$"error.{code}", RateService.MaxCommentLength];
        return shared.ResourceNotFound ? L["consumer.error.refused"] : shared;
    }

    private void AddErrors(IEnumerable<FieldError> errors)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field == "body" ? nameof(CaseActionForm.Note) : "", L[$"error.{error.Code}", error.Arguments]);
        }
    }

    protected string SuccessText(string action)
    {
        var text = L[$"consumer.done.{action}"];
        return text.ResourceNotFound ? L["consumer.done"] : text;
    }

    /// <summary>The case page with its action forms.</summary>
    protected async Task<IActionResult> CasePageAsync(
        Guid caseId, string postBase, string? pin, string? active = null, CaseActionForm? kept = null, string? success = null, bool conflict = false, CancellationToken ct = default)
    {
        var view = await Service<ConsumerCaseQueries>().GetAsync(caseId, ct);
        if (view is null)
        {
            return NotFound();
        }

        var extras = await Service<ConsumerMessagesQueries>().GetAsync(caseId, ct);
        if (conflict)
        {
            ModelState.AddModelError("", L["consumer.conflict"]);
        }

        ViewData[CaseActionsModel.ViewDataKey] = new CaseActionsModel(
            view, extras, postBase, pin is null ? null : view.TrackingNumber, pin, active, kept, success, conflict);
        return View(CaseView, view);
    }
}

/// <summary>The signed-in consumer's cases: the list, one case with its actions, and claiming a case filed
/// without an account.</summary>
[Area("Consumer")]
[Route("my/cases")]
[Authorize(Policy = Policies.Consumer)]
public sealed class ConsumerCasesController(ConsumerAccountQueries queries, ClaimCase claim, IStringLocalizer<SharedResource> l) : ConsumerCaseControllerBase
{
    private const string SuccessKey = "consumer.success";

    public sealed class ClaimForm
    {
        public string? TrackingNumber { get; set; }

        public string? Pin { get; set; }
    }

    [HttpGet("")]
    public async Task<IActionResult> Index(int page = 1, CancellationToken ct = default)
    {
        ViewData["Success"] = TempData[SuccessKey] as string;
        return View("~/Areas/Consumer/Views/MyCases/Index.cshtml", await queries.MyCasesAsync(User.ToActor(), page, ct));
    }

    [HttpGet("claim")]
    public IActionResult Claim() => View("~/Areas/Consumer/Views/MyCases/Claim.cshtml", new ClaimForm());

    [HttpPost("claim")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    public async Task<IActionResult> Claim(ClaimForm form, CancellationToken ct)
    {
        var result = await claim.HandleAsync(new ClaimCase.Input(form.TrackingNumber, form.Pin), User.ToActor(), ct);
        switch (result.Outcome)
        {
            case ClaimCase.Outcome.Claimed:
            case ClaimCase.Outcome.AlreadyYours:
                TempData[SuccessKey] = result.Outcome == ClaimCase.Outcome.Claimed
                    ? l["consumer.claim.done", result.TrackingNumber!].Value
                    : l["consumer.claim.already", result.TrackingNumber!].Value;
                return Redirect("/my/cases");
            case ClaimCase.Outcome.TooManyAttempts:
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                ModelState.AddModelError("", l["tracking.tooMany"]);
                break;
            case ClaimCase.Outcome.NotFound:
                ModelState.AddModelError("", l["tracking.notFound"]);
                break;
        }

        form.Pin = null;
        ModelState.Remove(nameof(ClaimForm.Pin));
        return View("~/Areas/Consumer/Views/MyCases/Claim.cshtml", form);
    }

    [HttpGet("{trackingNumber}")]
    public async Task<IActionResult> Case(string trackingNumber, CancellationToken ct)
    {
        var caseId = await queries.FindCaseAsync(User.ToActor(), trackingNumber, ct);
        if (caseId is null)
        {
            return NotFound();
        }

        return await CasePageAsync(caseId.Value, ActionsBase(trackingNumber), pin: null, success: TempData[SuccessKey] as string, ct: ct);
    }

    [HttpPost("{trackingNumber}/actions/{trigger}")]
    [RequestSizeLimit(60 * 1024 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = 60 * 1024 * 1024)]
    public async Task<IActionResult> Act(string trackingNumber, string trigger, CaseActionForm form, CancellationToken ct)
    {
        var actor = User.ToActor();
        var caseId = await queries.FindCaseAsync(actor, trackingNumber, ct);
        if (caseId is null)
        {
            return NotFound();
        }

        // Proof comes from the sign-in here; the fields of the tracking form play no part.
        ModelState.Remove(nameof(CaseActionForm.TrackingNumber));
        ModelState.Remove(nameof(CaseActionForm.Pin));
        var outcome = await RunAsync(trigger, caseId.Value, actor, form, ct);
        switch (outcome)
        {
            case ActionOutcome.NotFound:
                return NotFound();
            case ActionOutcome.Done:
                TempData[SuccessKey] = SuccessText(trigger);
                return Redirect(ActionsBase(trackingNumber)[..^"/actions".Length]);
            case ActionOutcome.Conflict:
                Response.StatusCode = StatusCodes.Status409Conflict;
                return await CasePageAsync(caseId.Value, ActionsBase(trackingNumber), null, trigger, form, conflict: true, ct: ct);
            case ActionOutcome.Invalid:
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return await CasePageAsync(caseId.Value, ActionsBase(trackingNumber), null, trigger, form, ct: ct);
        }

        throw new InvalidOperationException($"Unknown outcome {outcome}.");
    }

    private static string ActionsBase(string trackingNumber) =>
        $"/my/cases/{Uri.EscapeDataString(TrackingNumber.TryNormalize(trackingNumber, out var n) ? n : trackingNumber)}/actions";
}
