using System.Globalization;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.Tracking;
using Complaints.Web.Localization;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Api.V1;

/// <summary>Public intake and tracking: no account, the tracking number and PIN are the key.</summary>
[ApiController]
[Route("api/v1/cases")]
[IgnoreAntiforgeryToken]
public sealed class PublicCasesController(IStringLocalizer<SharedResource> l) : ControllerBase
{
    public const string PinHeader = "X-Case-Pin";

    /// <summary>Files a question, information or complaint.</summary>
    [HttpPost]
    [EnableRateLimiting(SecuritySetup.IntakePolicy)]
    [ProducesResponseType<CreateCaseResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Create([FromBody] CreateCaseRequest request, [FromServices] SubmitCase submit, CancellationToken ct)
    {
        var result = await submit.HandleAsync(new SubmitCase.Input
        {
            Kind = request.Kind,
            InstitutionId = request.InstitutionId,
            InstitutionName = request.InstitutionName,
            Sector = request.Sector,
            Product = request.Product,
            IssueCategory = request.IssueCategory,
            Description = request.Description,
            LossAmount = request.LossAmount,
            RequestedResolution = request.RequestedResolution,
            ComplainedToInstitutionOn = request.ComplainedToInstitutionOn,
            InstitutionAnsweredOn = request.InstitutionAnsweredOn,
            InstitutionAnswer = request.InstitutionAnswer,
            Channel = request.Channel,
            Name = request.Consumer?.Name,
            Email = request.Consumer?.Email,
            WhatsApp = request.Consumer?.WhatsApp,
            Nik = request.Consumer?.Nik,
            ConsentGiven = request.ConsentGiven,
        }, ct);
        if (!result.Succeeded)
        {
            return ValidationProblem(result.Errors, ConsumerFields);
        }

        var created = result.Case!;
        return Created($"/api/v1/cases/{created.TrackingNumber}", new CreateCaseResponse(created.TrackingNumber, result.Pin!, created.State));
    }

    /// <summary>The case as its consumer sees it. Unknown number and wrong PIN are both 404.</summary>
    [HttpGet("{trackingNumber}")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    [ProducesResponseType<CaseResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, "application/problem+json")]
    public async Task<IActionResult> Get(string trackingNumber, [FromHeader(Name = PinHeader)] string? pin, [FromServices] TrackCase track, CancellationToken ct)
    {
        var result = await track.HandleAsync(trackingNumber, pin, ct);
        return result.Outcome switch
        {
            TrackCase.Outcome.Found => Ok(ToResponse(result.Case!)),
            TrackCase.Outcome.NotFound => NotFoundProblem(),
            TrackCase.Outcome.TooManyAttempts => TooManyAttemptsProblem(),
        };
    }

    /// <summary>Adds up to five PDF, JPG or PNG files (10 MB each) to a case; the PIN goes in a form field or the header.</summary>
    [HttpPost("{trackingNumber}/attachments")]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    [Consumes("multipart/form-data")]
    [RequestSizeLimit(60 * 1024 * 1024)]
    [ProducesResponseType<IReadOnlyList<AttachmentResponse>>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, "application/problem+json")]
    public async Task<IActionResult> AddAttachments(
        string trackingNumber,
        [FromForm(Name = "pin")] string? formPin,
        [FromHeader(Name = PinHeader)] string? headerPin,
        IFormFileCollection files,
        [FromServices] TrackCase track,
        [FromServices] AddAttachments addAttachments,
        CancellationToken ct)
    {
        var (outcome, found) = await track.VerifyAsync(trackingNumber, formPin ?? headerPin, ct);
        if (found is null)
        {
            return outcome == TrackCase.Outcome.TooManyAttempts ? TooManyAttemptsProblem() : NotFoundProblem();
        }

        var uploads = files.Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream)).ToList();
        var result = await addAttachments.HandleAsync(found.CaseId, Actor.ForConsumer(found.ConsumerId), uploads, Visibility.Public, ct);
        if (result.Errors.Count > 0)
        {
            return ValidationProblem(result.Errors, f => f);
        }

        return StatusCode(StatusCodes.Status201Created,
            result.Added.Select(a => new AttachmentResponse(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc)).ToList());
    }

    private static string ConsumerFields(string field) =>
        field is "name" or "email" or "whatsApp" or "nik" ? "consumer." + field : field;

    private ObjectResult TooManyAttemptsProblem() =>
        Problem(l["tracking.tooMany"], statusCode: StatusCodes.Status429TooManyRequests, title: l["tracking.tooManyTitle"]);

    private ObjectResult NotFoundProblem() =>
        Problem(l["tracking.notFound"], statusCode: StatusCodes.Status404NotFound, title: l["tracking.notFoundTitle"]);

    private ActionResult ValidationProblem(IReadOnlyList<FieldError> errors, Func<string, string> fieldName)
    {
        foreach (var error in errors)
        {
            ModelState.AddModelError(fieldName(error.Field), l[$"error.{error.Code}", error.Arguments]);
        }

        return ValidationProblem(title: l["problem.validation"]);
    }

    private static CaseResponse ToResponse(ConsumerCaseView c)
    {
        var culture = CultureInfo.CurrentUICulture;
        return new(
            c.TrackingNumber, c.Kind, c.State, c.Label.For(culture), c.Step, CaseLifecycle.Steps.Count, c.IsClosed, c.InstitutionName, c.SubmittedAtUtc,
            c.Deadline is { } d ? new DeadlineResponse(d.Clock, d.DueDate, d.WorkingDaysLeft, d.IsOverdue, d.ConsumerMustAct) : null,
            c.Events.Select(e => new CaseEventResponse(e.OccurredAtUtc, e.ActorRole, e.Trigger, e.State, e.Label.For(culture), e.Note)).ToList(),
            c.Attachments.Select(a => new AttachmentResponse(a.Id, a.FileName, a.ContentType, a.SizeBytes, a.UploadedAtUtc)).ToList(),
            c.AvailableActions,
            c.Version);
    }
}
