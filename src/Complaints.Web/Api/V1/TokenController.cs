using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using Complaints.Core.Features.Api;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Web.Api.V1;

/// <summary>
/// OAuth2 client credentials (RFC 6749 section 4.4) for institutions' systems and regulator tools. The client
/// authenticates with HTTP Basic or with client_id and client_secret in the form, not both.
/// </summary>
[ApiController]
[Route("api/v1/token")]
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class TokenController(IssueApiToken issue, ApiTokenKey key, IOptions<ApiTokenOptions> options, TimeProvider clock) : ControllerBase
{
    public const string ClientCredentials = "client_credentials";

    /// <summary>Issues a short-lived bearer token for an API client.</summary>
    [HttpPost]
    [EnableRateLimiting(SecuritySetup.TrackingPolicy)]
    [Consumes("application/x-www-form-urlencoded")]
    [ProducesResponseType<TokenResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<TokenErrorResponse>(StatusCodes.Status401Unauthorized)]
    public async Task<IActionResult> Issue(
        [FromForm(Name = "grant_type")] string? grantType,
        [FromForm(Name = "client_id")] string? clientId,
        [FromForm(Name = "client_secret")] string? clientSecret,
        CancellationToken ct)
    {
        // RFC 6749 section 5.1: token responses must not be cached.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";

        var basic = BasicCredentials();
        if (string.IsNullOrEmpty(grantType) || basic.Malformed || (basic.Id is not null && (clientId is not null || clientSecret is not null)))
        {
            return Error(StatusCodes.Status400BadRequest, "invalid_request");
        }

        if (grantType != ClientCredentials)
        {
            return Error(StatusCodes.Status400BadRequest, "unsupported_grant_type");
        }

        var party = await issue.HandleAsync(new IssueApiToken.Input(basic.Id ?? clientId, basic.Secret ?? clientSecret), ct);
        if (party is null)
        {
            Response.Headers.WWWAuthenticate = "Basic realm=\"complaints-api\"";
            return Error(StatusCodes.Status401Unauthorized, "invalid_client");
        }

        var lifetime = options.Value.TokenLifetime;
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(JwtRegisteredClaimNames.Sub, party.ClientId),
            new(JwtRegisteredClaimNames.Jti, Guid.NewGuid().ToString("N")),
            new(ClaimTypes.Role, party.Role.ToString()),
        };
        if (party.InstitutionId is { } institution)
        {
            claims.Add(new(Claims.InstitutionId, institution.ToString(CultureInfo.InvariantCulture)));
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = ApiTokenOptions.Issuer,
            Audience = ApiTokenOptions.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(key.Key, SecurityAlgorithms.HmacSha256),
        });
        return Ok(new TokenResponse(token, "Bearer", (int)lifetime.TotalSeconds));
    }

    private ObjectResult Error(int status, string error) => StatusCode(status, new TokenErrorResponse(error));

    /// <summary>HTTP Basic client authentication: id and secret are form-encoded before base64 (RFC 6749 section 2.3.1).</summary>
    private (string? Id, string? Secret, bool Malformed) BasicCredentials()
    {
        if (!AuthenticationHeaderValue.TryParse(Request.Headers.Authorization.ToString(), out var header)
            || !string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase))
        {
            return (null, null, false);
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header.Parameter ?? ""));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0
                ? (null, null, true)
                : (WebUtility.UrlDecode(decoded[..colon]), WebUtility.UrlDecode(decoded[(colon + 1)..]), false);
        }
        catch (FormatException)
        {
            return (null, null, true);
        }
    }
}
