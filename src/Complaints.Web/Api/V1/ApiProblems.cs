using System.Globalization;
using Complaints.Core.Features.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Api.V1;

/// <summary>The problem answers the party API's case endpoints share.</summary>
internal static class ApiProblems
{
    public static ObjectResult CaseNotFound(this ControllerBase controller, IStringLocalizer l) =>
        controller.Problem(l["api.case.notFound"], statusCode: StatusCodes.Status404NotFound, title: l["api.case.notFoundTitle"]);

    /// <summary>409 with the case as it is now; its version goes in ETag too.</summary>
    public static ObjectResult CaseConflict(this ControllerBase controller, IStringLocalizer l, PartyCaseActions current)
    {
        controller.Response.SetETag(current.Version);
        var conflict = controller.Problem(l["api.conflict", current.Label.For(CultureInfo.CurrentUICulture)], statusCode: StatusCodes.Status409Conflict, title: l["api.conflictTitle"]);
        Extend(conflict, "currentState", current.State.ToString());
        Extend(conflict, "currentVersion", current.Version);
        return conflict;
    }

    /// <summary>422: the lifecycle or the use case refuses the case as it is; <paramref name="code"/> says why.</summary>
    public static ObjectResult Refused(this ControllerBase controller, string detail, string title, string? code)
    {
        var refused = controller.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: title);
        Extend(refused, "code", code);
        return refused;
    }

    private static void Extend(ObjectResult result, string name, object? value)
    {
        if (result.Value is ProblemDetails problem)
        {
            problem.Extensions[name] = value;
        }
    }
}
