using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Api;
using Complaints.Core.Features.Cases;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Complaints.Core.Features.Tracking;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Api.V1;

/// <summary>
/// Case work for institutions' systems and regulator tools with a bearer token from POST /api/v1/token. The
/// caller sees and acts on exactly what its party sees in the portals: a case it may not see is a 404.
/// Actions need the version the caller acted on in If-Match; the current one is in every ETag.
/// </summary>
[ApiController]
[Route("api/v1/cases")]
[Authorize(Policy = Policies.Api)]
[IgnoreAntiforgeryToken]
public sealed class PartyCasesController(PartyCaseQueries queries, IStringLocalizer<SharedResource> l) : ControllerBase
{
    /// <summary>The cases the caller may see, newest first.</summary>
    [HttpGet]
    [ProducesResponseType<PartyCaseListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> List(
        [FromQuery] CaseState? state,
        [FromQuery] CaseKind? kind,
        [FromQuery] int? institutionId,
        [FromQuery] DateOnly? submittedFrom,
        [FromQuery] DateOnly? submittedTo,
        [FromQuery, Range(1, int.MaxValue)] int page = 1,
        [FromQuery, Range(1, PartyCaseQueries.MaxPageSize)] int pageSize = 20,
        CancellationToken ct = default)
    {
        var list = await queries.ListAsync(new PartyCaseFilter
        {
            State = state,
            Kind = kind,
            InstitutionId = institutionId,
            SubmittedFrom = submittedFrom,
            SubmittedTo = submittedTo,
            Page = page,
            PageSize = pageSize,
        }, User.ToActor(), ct);
        var culture = CultureInfo.CurrentUICulture;
        return Ok(new PartyCaseListResponse(
            list.Items.Select(c => new PartyCaseListItemResponse(
                c.TrackingNumber, c.Kind, c.ComplaintType, c.State, c.Label.For(culture), c.Institution, c.SubmittedAtUtc,
                ToResponse(c.Deadline), c.IsUntimely, c.Version)).ToList(),
            list.Page, list.PageSize, list.Total));
    }

    /// <summary>One case as the caller's party sees it. Without a bearer token this route is the consumer's
    /// view with X-Case-Pin.</summary>
    [HttpGet("{trackingNumber}")]
    [BearerRequest]
    [ProducesResponseType<PartyCaseResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Get(string trackingNumber, CancellationToken ct)
    {
        var view = TrackingNumber.TryNormalize(trackingNumber, out var number)
            ? await queries.GetAsync(number, User.ToActor(), ct)
            : null;
        if (view is null)
        {
            return this.CaseNotFound(l);
        }

        Response.SetETag(view.Version);
        var culture = CultureInfo.CurrentUICulture;
        return Ok(new PartyCaseResponse(
            view.TrackingNumber, view.Kind, view.ComplaintType, view.Channel, view.State, view.Label.For(culture), view.Step, view.IsClosed,
            view.Tier, view.IsRestricted, view.IsUntimely, view.InstitutionId, view.Institution, view.Sector, view.Product, view.IssueCategory,
            view.Description, view.LossAmount, view.RequestedResolution, view.Outcome, view.ReliefAmount,
            view.SubmittedAtUtc, view.ForwardedAtUtc, view.ClosedAtUtc, ToResponse(view.Deadline),
            view.Events.Select(e => new PartyEventResponse(e.Sequence, e.OccurredAtUtc, e.ActorRole, e.Trigger, e.FromState, e.State, e.Label.For(culture), e.Note, e.Visibility)).ToList(),
            view.Attachments.Select(a => new PartyAttachmentResponse(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc, a.UploadedByRole, a.Visibility)).ToList(),
            ToResponse(view.AvailableActions),
            view.Version));
    }

    /// <summary>The triggers the caller may fire now, with the fields each one reads.</summary>
    [HttpGet("{trackingNumber}/actions")]
    [ProducesResponseType<IReadOnlyList<CaseActionResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Actions(string trackingNumber, CancellationToken ct)
    {
        var actions = TrackingNumber.TryNormalize(trackingNumber, out var number)
            ? await queries.GetActionsAsync(number, User.ToActor(), ct)
            : null;
        if (actions is null)
        {
            return this.CaseNotFound(l);
        }

        Response.SetETag(actions.Version);
        return Ok(ToResponse(actions.Actions));
    }

    /// <summary>
    /// Fires a trigger. If-Match must carry the case version the caller acted on ("*" accepts any): 428 when
    /// it is missing, 409 when the case changed meanwhile, 422 with a <c>code</c> when the lifecycle refuses.
    /// A party calls with its bearer token; a consumer without an account with the header X-Case-Pin (the
    /// same attempt limits as tracking), for the consumer's own moves: accept, reject, withdraw and so on.
    /// </summary>
    [HttpPost("{trackingNumber}/actions/{trigger}")]
    [AllowAnonymous]
    [Consumes("application/json")]
    [ProducesResponseType<CaseActionResultResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<IActionResult> Perform(
        string trackingNumber,
        string trigger,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromBody(EmptyBodyBehavior = Microsoft.AspNetCore.Mvc.ModelBinding.EmptyBodyBehavior.Allow)] CaseActionRequest? request,
        [FromServices] PerformCaseAction perform,
        [FromServices] TrackCase track,
        [FromHeader(Name = PublicCasesController.PinHeader)] string? pin,
        CancellationToken ct)
    {
        if (!TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return this.CaseNotFound(l);
        }

        Actor actor;
        if (BearerRequestAttribute.HasBearerToken(Request) || pin is null)
        {
            var auth = await HttpContext.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            if (!auth.Succeeded)
            {
                return Challenge(JwtBearerDefaults.AuthenticationScheme);
            }

            actor = auth.Principal.ToActor();
        }
        else
        {
            var (verified, key) = await track.VerifyAsync(number, pin, ct);
            if (key is null)
            {
                return verified == TrackCase.Outcome.TooManyAttempts
                    ? Problem(l["tracking.tooMany"], statusCode: StatusCodes.Status429TooManyRequests, title: l["tracking.tooManyTitle"])
                    : this.CaseNotFound(l);
            }

            actor = Actor.ForConsumer(key.ConsumerId);
        }

        // Names only: "3" would parse as a trigger too.
        if (!trigger.All(char.IsAsciiLetter) || !Enum.TryParse<Trigger>(trigger, ignoreCase: true, out var parsed))
        {
            return Problem(l["api.action.unknown", trigger], statusCode: StatusCodes.Status404NotFound, title: l["api.action.unknownTitle"]);
        }

        if (this.CheckIfMatch(l, ifMatch, out var expected) is { } precondition)
        {
            return precondition;
        }

        var result = await perform.HandleAsync(new PerformCaseAction.Input
        {
            TrackingNumber = number,
            Trigger = parsed,
            ExpectedVersion = expected,
            Note = request?.Note,
            InstitutionId = request?.InstitutionId,
            Outcome = request?.Outcome,
            Amount = request?.Amount,
            DuplicateOf = request?.DuplicateOf is { } original && TrackingNumber.TryNormalize(original, out var originalNumber) ? originalNumber : request?.DuplicateOf,
            ReferredTo = request?.ReferredTo,
            FailedRule = request?.FailedRule,
            LimitedFacilitation = request?.LimitedFacilitation ?? false,
            Terms = request?.Terms,
        }, actor, ct);

        switch (result.Outcome)
        {
            case PerformCaseAction.Outcome.Done:
                var done = result.Case!;
                Response.SetETag(done.Version);
                return Ok(new CaseActionResultResponse(done.TrackingNumber, done.State, done.StateInfo.Label.For(CultureInfo.CurrentUICulture), done.Version));
            case PerformCaseAction.Outcome.NotFound:
                return this.CaseNotFound(l);
            case PerformCaseAction.Outcome.Conflict:
                // Read again: after a lost race the loaded case holds this request's unsaved change.
                var current = await queries.GetActionsAsync(number, actor, ct);
                return current is null ? this.CaseNotFound(l) : this.CaseConflict(l, current);
            case PerformCaseAction.Outcome.Refused:
                var message = l[$"error.{result.ErrorCode}"];
                return this.Refused(
                    message.ResourceNotFound ? l["api.refused", result.ErrorCode ?? ""].Value : message.Value,
                    l["api.refusedTitle"],
                    result.ErrorCode);
        }

        throw new InvalidOperationException($"Unexpected outcome {result.Outcome}.");
    }

    private static PartyDeadlineResponse? ToResponse(PartyDeadlineView? d) =>
        d is null ? null : new PartyDeadlineResponse(d.Clock, d.DueDate, d.WorkingDaysLeft, d.IsOverdue);

    private static List<CaseActionResponse> ToResponse(IEnumerable<PartyActionView> actions) =>
        actions.Select(a => new CaseActionResponse(a.Trigger, a.NeedsReason, a.Inputs)).ToList();
}
