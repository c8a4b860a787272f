using Complaints.Web.Localization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Controllers;

public sealed record ErrorViewModel(int StatusCode, string CorrelationId);

/// <summary>Unhandled errors and bare status codes, as a page for people or problem+json for the API.
/// The exception itself was logged by the exception handler with the request's correlation id.</summary>
[ApiExplorerSettings(IgnoreApi = true)]
[IgnoreAntiforgeryToken]
public sealed class ErrorController(IStringLocalizer<SharedResource> l) : Controller
{
    [Route("/error/{statusCode:int?}")]
    public IActionResult Index(int? statusCode)
    {
        var status = statusCode ?? (HttpContext.Features.Get<IExceptionHandlerFeature>() is null ? 404 : 500);
        var originalPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? "";
        if (originalPath.StartsWith("/api", StringComparison.Ordinal))
        {
            return Problem(title: l[$"status.{TitleKey(status)}"], statusCode: status);
        }

        Response.StatusCode = status;
        return View("~/Views/Shared/Error.cshtml", new ErrorViewModel(status, HttpContext.TraceIdentifier));
    }

    internal static string TitleKey(int status) => status switch
    {
        401 => "unauthorized",
        403 => "forbidden",
        404 => "notFound",
        409 => "conflict",
        429 => "tooMany",
        400 or 413 or 415 => "badRequest",
        _ => "serverError",
    };
}
