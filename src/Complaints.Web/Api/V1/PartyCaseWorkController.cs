using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features;
using Complaints.Core.Features.Api;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.InstitutionPortal;
using Complaints.Core.Features.Regulator;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Api.V1;

/// <summary>
/// The portals' case work that is not a lifecycle trigger (classification, assignment, messages, meetings), for
/// bearer tokens from POST /api/v1/token. Each endpoint calls the use case its portal form calls. A case the
/// caller may not see is a 404; regulator-only work asked for by another party is a 403 before any case is
/// looked up, so it tells nothing about the case. Changes of the case itself need If-Match like actions.
/// </summary>
[ApiController]
[Route("api/v1/cases/{trackingNumber}")]
[Authorize(Policy = Policies.Api)]
[IgnoreAntiforgeryToken]
public sealed class PartyCaseWorkController(
    PartyCaseQueries cases,
    PartyCaseWorkQueries queries,
    IStringLocalizer<SharedResource> l) : ControllerBase
{
    /// <summary>Refusals of the case as it is (422), as opposed to fixable field errors (400).</summary>
    private static readonly HashSet<string> RefusalCodes =
        ["classify.notNow", "meeting.notNow", "assign.onlyYourself", "message.noInstitution"];

    /// <summary>The opening every versioned staff change shares: staff only, a real tracking number, If-Match.</summary>
    private IActionResult? StaffVersionedChange(string trackingNumber, string? ifMatch, out Actor actor, out string number, out int? expected)
    {
        actor = User.ToActor();
        expected = null;
        if (!actor.IsStaff)
        {
            number = "";
            return RegulatorOnly();
        }

        if (!TrackingNumber.TryNormalize(trackingNumber, out number))
        {
            return this.CaseNotFound(l);
        }

        return this.CheckIfMatch(l, ifMatch, out expected);
    }

    /// <summary>
    /// Screening's classification. If-Match must carry the version the caller saw: 428 when missing, 409 when
    /// the case changed meanwhile; 422 when the case is past screening or beyond the caller's tier.
    /// </summary>
    [HttpPut("classification")]
    [Consumes("application/json")]
    [ProducesResponseType<ClassificationResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<IActionResult> Classify(
        string trackingNumber,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromBody] ClassificationRequest request,
        [FromServices] ClassifyCase classify,
        CancellationToken ct)
    {
        if (StaffVersionedChange(trackingNumber, ifMatch, out var actor, out var number, out var expected) is { } refused)
        {
            return refused;
        }

        var result = await classify.HandleAsync(new ClassifyCase.Input
        {
            TrackingNumber = number,
            ExpectedVersion = expected,
            Kind = request.Kind,
            ComplaintType = request.ComplaintType,
            Sector = request.Sector,
            Product = string.IsNullOrWhiteSpace(request.Product) ? null : request.Product.Trim(),
            IssueCategory = string.IsNullOrWhiteSpace(request.IssueCategory) ? null : request.IssueCategory.Trim(),
            Restricted = request.Restricted,
        }, actor, ct);
        if (result.Result != CaseChange.Outcome.Done)
        {
            return await FailedAsync(number, result, actor, ct);
        }

        var view = await cases.GetAsync(number, actor, ct);
        if (view is null)
        {
            // A tier 1 caller who restricted the case no longer sees it: the change is done, there is no version to give.
            return Ok(new ClassificationResponse(number, request.Kind!.Value, request.Kind == CaseKind.Complaint ? request.ComplaintType : null,
                request.Sector, request.Product, request.IssueCategory, true, -1));
        }

        Response.SetETag(view.Version);
        return Ok(new ClassificationResponse(view.TrackingNumber, view.Kind, view.ComplaintType, view.Sector, view.Product, view.IssueCategory, view.IsRestricted, view.Version));
    }

    /// <summary>
    /// Who works the case (regulator staff). Supervisors assign any staff member or nobody (null); others only
    /// take the case themselves: for an API client "themselves" is its client id. If-Match as for classification.
    /// </summary>
    [HttpPut("assignment")]
    [Consumes("application/json")]
    [ProducesResponseType<AssignmentResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, "application/problem+json")]
    public async Task<IActionResult> Assign(
        string trackingNumber,
        [FromHeader(Name = "If-Match")] string? ifMatch,
        [FromBody] AssignmentRequest request,
        [FromServices] AssignCase assign,
        CancellationToken ct)
    {
        if (StaffVersionedChange(trackingNumber, ifMatch, out var actor, out var number, out var expected) is { } refused)
        {
            return refused;
        }

        var result = await assign.HandleAsync(new AssignCase.Input { TrackingNumber = number, ExpectedVersion = expected, UserId = request.UserId }, actor, ct);
        if (result.Result != CaseChange.Outcome.Done)
        {
            return await FailedAsync(number, result, actor, ct);
        }

        var current = await cases.GetActionsAsync(number, actor, ct);
        if (current is null)
        {
            return this.CaseNotFound(l);
        }

        Response.SetETag(current.Version);
        return Ok(new AssignmentResponse(current.TrackingNumber, string.IsNullOrWhiteSpace(request.UserId) ? null : request.UserId.Trim(), current.Version));
    }

    /// <summary>The messages on the case the caller may see, oldest first: an institution never sees the
    /// regulator's internal notes nor what it wrote only to the consumer.</summary>
    [HttpGet("messages")]
    [ProducesResponseType<CaseMessageListResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Messages(
        string trackingNumber,
        [FromQuery, Range(1, int.MaxValue)] int page = 1,
        [FromQuery, Range(1, PartyCaseWorkQueries.MaxPageSize)] int pageSize = 50,
        CancellationToken ct = default)
    {
        var list = await queries.MessagesAsync(trackingNumber, User.ToActor(), page, pageSize, ct);
        if (list is null)
        {
            return this.CaseNotFound(l);
        }

        return Ok(new CaseMessageListResponse(
            list.Items.Select(m => new CaseMessageResponse(m.SentAtUtc, m.AuthorRole, m.IsOwn, m.Body, m.Visibility)).ToList(),
            list.Page, list.PageSize, list.Total));
    }

    /// <summary>
    /// Writes on the case. Regulator staff choose the audience (Consumer, Institution, Parties, Internal);
    /// an institution officer writes to the regulator only (audience left out, or Institution).
    /// </summary>
    [HttpPost("messages")]
    [Consumes("application/json")]
    [ProducesResponseType<CaseMessagePostedResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> PostMessage(
        string trackingNumber,
        [FromBody] CaseMessageRequest request,
        [FromServices] PostCaseMessage postCaseMessage,
        [FromServices] PostInstitutionMessage postInstitutionMessage,
        CancellationToken ct)
    {
        var actor = User.ToActor();
        if (!actor.IsStaff && actor.Role != ActorRole.InstitutionOfficer)
        {
            return Problem(l["apiwork.forbidden.message"], statusCode: StatusCodes.Status403Forbidden, title: l["apiwork.forbiddenTitle"]);
        }

        if (!TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return this.CaseNotFound(l);
        }

        var location = $"/api/v1/cases/{number}/messages";
        if (actor.IsStaff)
        {
            MessageAudience? audience = request.Audience switch
            {
                MessageAudienceRequest.Consumer => MessageAudience.Consumer,
                MessageAudienceRequest.Institution => MessageAudience.Institution,
                MessageAudienceRequest.Parties => MessageAudience.Both,
                MessageAudienceRequest.Internal => MessageAudience.InternalNote,
                _ => null,
            };
            var result = await postCaseMessage.HandleAsync(new PostCaseMessage.Input { TrackingNumber = number, Audience = audience, Body = request.Body }, actor, ct);
            return result.Result == CaseChange.Outcome.Done
                ? Created(location, new CaseMessagePostedResponse(number, PostCaseMessage.VisibilityOf(audience!.Value)))
                : await FailedAsync(number, result, actor, ct);
        }

        if (request.Audience is { } asked && asked != MessageAudienceRequest.Institution)
        {
            // Refused before the case is looked up: the answer says nothing about the case.
            return Refusal(l["apiwork.message.institutionToRegulator"], "message.institutionToRegulator");
        }

        var posted = await postInstitutionMessage.HandleAsync(new PostInstitutionMessage.Input(number, request.Body), actor, ct);
        return posted.Outcome switch
        {
            PostInstitutionMessage.Outcome.Done => Created(location, new CaseMessagePostedResponse(number, Visibility.InstitutionAndRegulator)),
            PostInstitutionMessage.Outcome.NotFound => this.CaseNotFound(l),
            _ => await FailedAsync(number, CaseChange.Invalid(posted.Errors), actor, ct),
        };
    }

    /// <summary>The meetings planned or held on the case (regulator staff).</summary>
    [HttpGet("meetings")]
    [ProducesResponseType<IReadOnlyList<MeetingResponse>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Meetings(string trackingNumber, CancellationToken ct)
    {
        var actor = User.ToActor();
        if (!actor.IsStaff)
        {
            return RegulatorOnly();
        }

        var meetings = await queries.MeetingsAsync(trackingNumber, actor, ct);
        return meetings is null ? this.CaseNotFound(l) : Ok(meetings.Select(ToResponse).ToList());
    }

    /// <summary>
    /// Schedules a clarification meeting or facilitation session (tier 2 and up, during eligibility review,
    /// clarification or facilitation). 422 when the case is not at such a step or the kind does not match it.
    /// </summary>
    [HttpPost("meetings")]
    [Consumes("application/json")]
    [ProducesResponseType<MeetingResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")]
    public async Task<IActionResult> Schedule(
        string trackingNumber,
        [FromBody] MeetingRequest request,
        [FromServices] ScheduleMeeting schedule,
        CancellationToken ct)
    {
        var actor = User.ToActor();
        if (!actor.IsStaff)
        {
            return RegulatorOnly();
        }

        var current = TrackingNumber.TryNormalize(trackingNumber, out var number) ? await cases.GetActionsAsync(number, actor, ct) : null;
        if (current is null)
        {
            return this.CaseNotFound(l);
        }

        DateTime? startsAtWib = null;
        if (!string.IsNullOrWhiteSpace(request.ScheduledAt))
        {
            startsAtWib = ParseWib(request.ScheduledAt);
            if (startsAtWib is null)
            {
                return await FailedAsync(number, CaseChange.Invalid([new FieldError("scheduledAt", "valueInvalid", request.ScheduledAt)]), actor, ct);
            }
        }

        if (request.Kind is { } kind && Complaints.Core.Features.Regulator.ScheduleMeeting.KindFor(current.State) is { } due && due != kind)
        {
            return Refusal(l["apiwork.meeting.kindMismatch", l[$"apiwork.meeting.kind.{due}"]], "meeting.kindMismatch");
        }

        var result = await schedule.HandleAsync(new ScheduleMeeting.Input
        {
            TrackingNumber = number,
            StartsAtWib = startsAtWib,
            Location = request.Location,
            VideoLink = request.VideoLink,
            Participants = request.Participants,
        }, actor, ct);
        if (result.Result != CaseChange.Outcome.Done)
        {
            return await FailedAsync(number, result, actor, ct);
        }

        var created = await queries.LatestMeetingByAsync(number, actor, ct);
        return created is null ? this.CaseNotFound(l) : Created($"/api/v1/cases/{number}/meetings", ToResponse(created));
    }

    /// <summary>Writes or corrects the minutes of a meeting on the case (tier 2 and up).</summary>
    [HttpPut("meetings/{meetingId:guid}/minutes")]
    [Consumes("application/json")]
    [ProducesResponseType<MeetingResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status403Forbidden, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> Minutes(
        string trackingNumber,
        Guid meetingId,
        [FromBody] MinutesRequest request,
        [FromServices] RecordMinutes record,
        CancellationToken ct)
    {
        var actor = User.ToActor();
        if (!actor.IsStaff)
        {
            return RegulatorOnly();
        }

        if (!TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return this.CaseNotFound(l);
        }

        var result = await record.HandleAsync(new RecordMinutes.Input { TrackingNumber = number, MeetingId = meetingId, Minutes = request.Minutes }, actor, ct);
        if (result.Result == CaseChange.Outcome.NotFound)
        {
            return Problem(l["apiwork.meeting.notFound"], statusCode: StatusCodes.Status404NotFound, title: l["apiwork.meeting.notFoundTitle"]);
        }

        if (result.Result != CaseChange.Outcome.Done)
        {
            return await FailedAsync(number, result, actor, ct);
        }

        var meeting = (await queries.MeetingsAsync(number, actor, ct))?.FirstOrDefault(m => m.Id == meetingId);
        return meeting is null ? this.CaseNotFound(l) : Ok(ToResponse(meeting));
    }

    /// <summary>ISO 8601 with an offset (or Z) converted to Jakarta time; without one, already Jakarta time.</summary>
    private static DateTime? ParseWib(string value)
    {
        if (!DateTime.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
            || !value.Contains('T', StringComparison.Ordinal))
        {
            return null;
        }

        return parsed.Kind == DateTimeKind.Unspecified
            ? parsed
            : TimeZoneInfo.ConvertTimeFromUtc(parsed.ToUniversalTime(), WorkingDayCalendar.Jakarta);
    }

    /// <summary>A use case's "no": 404, 409 with the current state, 422 for a refusal, 400 for field errors.</summary>
    private async Task<IActionResult> FailedAsync(string number, CaseChange result, Actor actor, CancellationToken ct)
    {
        switch (result.Result)
        {
            case CaseChange.Outcome.NotFound:
                return this.CaseNotFound(l);
            case CaseChange.Outcome.Conflict:
                var current = await cases.GetActionsAsync(number, actor, ct);
                return current is null ? this.CaseNotFound(l) : this.CaseConflict(l, current);
        }

        if (result.Errors.FirstOrDefault(e => e.Field.Length == 0 || RefusalCodes.Contains(e.Code)) is { } refusal)
        {
            return Refusal(l[$"error.{refusal.Code}", refusal.Arguments], refusal.Code);
        }

        var fields = new ModelStateDictionary();
        foreach (var error in result.Errors)
        {
            fields.AddModelError(error.Field == "startsAt" ? "scheduledAt" : error.Field, l[$"error.{error.Code}", error.Arguments]);
        }

        var problem = ProblemDetailsFactory.CreateValidationProblemDetails(HttpContext, fields, StatusCodes.Status400BadRequest, l["problem.validation"]);
        return new ObjectResult(problem) { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
    }

    private ObjectResult Refusal(string detail, string code) => this.Refused(detail, l["apiwork.refusedTitle"], code);

    private ObjectResult RegulatorOnly() =>
        Problem(l["apiwork.forbidden.regulatorOnly"], statusCode: StatusCodes.Status403Forbidden, title: l["apiwork.forbiddenTitle"]);

    private static MeetingResponse ToResponse(PartyMeetingView m) =>
        new(m.Id, m.Kind, m.ScheduledAtUtc, m.Location, m.VideoLink, m.Participants, m.Minutes);
}
