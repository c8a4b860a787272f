using Microsoft.AspNetCore.Mvc.ActionConstraints;

namespace Complaints.Web.Api.V1;

/// <summary>
/// Selects an action only for requests that carry a bearer token. GET /api/v1/cases/{trackingNumber} serves
/// both the anonymous consumer with X-Case-Pin (<see cref="PublicCasesController"/>) and a party with a token
/// (<see cref="PartyCasesController"/>): MVC prefers the action whose constraint matches, and falls back to
/// the one without a constraint when it does not.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BearerRequestAttribute : Attribute, IActionConstraint
{
    public int Order => 0;

    public bool Accept(ActionConstraintContext context) => HasBearerToken(context.RouteContext.HttpContext.Request);

    public static bool HasBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
