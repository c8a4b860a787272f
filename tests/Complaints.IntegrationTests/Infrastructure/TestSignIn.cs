using System.Security.Claims;
using System.Text.Encodings.Web;
using Complaints.Core.Domain.Cases;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>
/// Header-driven sign-in for tests: a request with X-Test-Role acts as that role (and X-Test-Institution,
/// X-Test-Consumer, X-Test-User), with two-factor done. Requests without the header use the app's own
/// cookie sign-in, so real sign-in is tested too.
/// </summary>
public sealed class TestSignInHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string RoleHeader = "X-Test-Role";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var role = Request.Headers[RoleHeader].ToString();
        if (role.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var user = Request.Headers["X-Test-User"].ToString() is { Length: > 0 } u ? u : $"test-{role.ToLowerInvariant()}";
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user),
            new(ClaimTypes.Name, user),
            new("name", user),
            new("amr", "mfa"),
        };
        claims.AddRange(role.Split(',').Select(r => new Claim(ClaimTypes.Role, r.Trim())));
        if (Request.Headers["X-Test-Institution"].ToString() is { Length: > 0 } institution)
        {
            claims.Add(new Claim(Claims.InstitutionId, institution));
        }

        if (Request.Headers["X-Test-Consumer"].ToString() is { Length: > 0 } consumer)
        {
            claims.Add(new Claim(Claims.ConsumerId, consumer));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    public static void Register(IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, TestSignInHandler>(SchemeName, _ => { });
        services.AddAuthentication().AddPolicyScheme("TestOrCookie", "Test header or cookie", o =>
            o.ForwardDefaultSelector = context => context.Request.Headers.ContainsKey(RoleHeader) ? SchemeName : IdentityConstants.ApplicationScheme);
        services.PostConfigure<AuthenticationOptions>(o =>
        {
            o.DefaultScheme = "TestOrCookie";
            o.DefaultAuthenticateScheme = "TestOrCookie";
            o.DefaultChallengeScheme = "TestOrCookie";
        });
    }
}

public static class TestActors
{
    /// <summary>A client acting as this role, e.g. As(app, ActorRole.InstitutionOfficer, institutionId: 3).</summary>
    public static HttpClient As(this ComplaintsApp app, ActorRole role, int? institutionId = null, Guid? consumerId = null, string? userId = null)
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add(TestSignInHandler.RoleHeader, role.ToString());
        if (institutionId is { } i)
        {
            client.DefaultRequestHeaders.Add("X-Test-Institution", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (consumerId is { } c)
        {
            client.DefaultRequestHeaders.Add("X-Test-Consumer", c.ToString());
        }

        if (userId is not null)
        {
            client.DefaultRequestHeaders.Add("X-Test-User", userId);
        }

        return client;
    }
}
