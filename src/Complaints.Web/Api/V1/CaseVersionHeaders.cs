using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Api.V1;

/// <summary>The case version in HTTP headers: the caller sends it back in If-Match, every answer carries it in ETag.</summary>
internal static class CaseVersionHeaders
{
    /// <summary>A quoted version as sent back in ETag ("7", also W/"7"); "*" matches any version (null).</summary>
    public static bool TryParseIfMatch(string ifMatch, out int? version)
    {
        version = null;
        var value = ifMatch.Trim();
        if (value == "*")
        {
            return true;
        }

        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        if (value.Length < 3 || value[0] != '"' || value[^1] != '"'
            || !int.TryParse(value.AsSpan(1, value.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }

    /// <summary>If-Match for a change of the case: 428 when missing, 400 when unreadable, otherwise null with the version.</summary>
    public static ObjectResult? CheckIfMatch(this ControllerBase controller, IStringLocalizer l, string? ifMatch, out int? version)
    {
        version = null;
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return controller.Problem(l["api.ifMatch.required"], statusCode: StatusCodes.Status428PreconditionRequired, title: l["api.ifMatch.requiredTitle"]);
        }

        return TryParseIfMatch(ifMatch, out version)
            ? null
            : controller.Problem(l["api.ifMatch.invalid"], statusCode: StatusCodes.Status400BadRequest, title: l["api.ifMatch.invalidTitle"]);
    }

    public static void SetETag(this HttpResponse response, int version) =>
        response.Headers.ETag = string.Create(CultureInfo.InvariantCulture, $"\"{version}\"");
}
