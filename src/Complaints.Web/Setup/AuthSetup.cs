using System.Security.Claims;
using System.Text;
using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Complaints.Web.Setup;

public sealed class ApiTokenOptions
{
    public const string Section = "Api";

    /// <summary>HMAC key for API access tokens, at least 32 bytes. Required with several nodes; without it
    /// each process makes its own, and tokens die with a restart.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public const string Issuer = "complaints";
    public const string Audience = "complaints-api";
}

public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>Regulator and institution users must use an authenticator app. Development may relax it for
    /// the demo accounts.</summary>
    public bool RequireTwoFactorForStaff { get; set; } = true;

    /// <summary>How often a session checks that its account was not signed out everywhere, locked or changed.</summary>
    public TimeSpan SessionCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>The portals' access policies: coarse, one per Area; the lifecycle table decides each action.</summary>
public static class Policies
{
    public const string Regulator = "Regulator";
    public const string RegulatorCaseWork = "RegulatorCaseWork";
    public const string Administrator = "Administrator";
    public const string Institution = "Institution";
    public const string InstitutionAdmin = "InstitutionAdmin";
    public const string Consumer = "Consumer";
    public const string Api = "Api";
}

public static class Claims
{
    public const string InstitutionId = "complaints:institution";
    public const string ConsumerId = "complaints:consumer";
}

public static class AuthSetup
{
    public static void AddAccounts(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<ApiTokenOptions>(builder.Configuration.GetSection(ApiTokenOptions.Section));
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        builder.Services
            .AddIdentity<ApplicationUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 10;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.SignIn.RequireConfirmedEmail = false;
            })
            .AddEntityFrameworkStores<ComplaintsDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<PartyClaimsFactory>();

        // "Sign out everywhere" and locking change the security stamp; other sessions notice within the interval.
        builder.Services.AddOptions<SecurityStampValidatorOptions>()
            .Configure<IOptions<SecurityOptions>>((o, security) =>
            {
                o.ValidationInterval = security.Value.SessionCheckInterval;
                // The refreshed session keeps the proof that the person signed in with a second factor.
                o.OnRefreshingPrincipal = context =>
                {
                    var mfa = context.CurrentPrincipal?.FindAll("amr").ToList() ?? [];
                    if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
                    {
                        foreach (var claim in mfa.Where(c => !identity.HasClaim("amr", c.Value)))
                        {
                            identity.AddClaim(new Claim("amr", claim.Value));
                        }
                    }

                    return Task.CompletedTask;
                };
            });
        builder.Services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = "complaints.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/account/signin";
            options.LogoutPath = "/account/signout";
            options.AccessDeniedPath = "/account/denied";
            options.SlidingExpiration = true;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
        });

        builder.Services.AddSingleton<ApiTokenKey>();
        builder.Services.AddAuthentication()
            .AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, _ => { });
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<ApiTokenKey>((options, key) =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = ApiTokenOptions.Issuer,
                    ValidAudience = ApiTokenOptions.Audience,
                    IssuerSigningKey = key.Key,
                    RoleClaimType = ClaimTypes.Role,
                    NameClaimType = "sub",
                    ClockSkew = TimeSpan.FromSeconds(30),
                };
            });

        string[] staff = [nameof(ActorRole.Agent), nameof(ActorRole.Specialist), nameof(ActorRole.Supervisor)];
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Regulator, p => p.RequireRole([.. staff, nameof(ActorRole.Administrator)]))
            .AddPolicy(Policies.RegulatorCaseWork, p => p.RequireRole(staff))
            .AddPolicy(Policies.Administrator, p => p.RequireRole(nameof(ActorRole.Administrator)))
            .AddPolicy(Policies.Institution, p => p.RequireRole(nameof(ActorRole.InstitutionOfficer), nameof(ActorRole.InstitutionAdmin)).RequireClaim(Claims.InstitutionId))
            .AddPolicy(Policies.InstitutionAdmin, p => p.RequireRole(nameof(ActorRole.InstitutionAdmin)).RequireClaim(Claims.InstitutionId))
            .AddPolicy(Policies.Consumer, p => p.RequireRole(nameof(ActorRole.Consumer)))
            .AddPolicy(Policies.Api, p => p.AddAuthenticationSchemes(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser());
    }

    public static void UseAccounts(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
    }

    /// <summary>The actor the lifecycle sees for a signed-in user or an API client: the strongest case role.</summary>
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        var role = ApplicationUser.Roles.FirstOrDefault(r => user.IsInRole(r.ToString()));
        if (user.Identity?.IsAuthenticated != true || !user.IsInRole(role.ToString()))
        {
            throw new InvalidOperationException("No case role for this user.");
        }

        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        int? institution = int.TryParse(user.FindFirstValue(Claims.InstitutionId), out var i) ? i : null;
        Guid? consumer = Guid.TryParse(user.FindFirstValue(Claims.ConsumerId), out var c) ? c : null;
        return new Actor(role, id, consumer, institution);
    }
}

/// <summary>Puts the user's institution and consumer record into the sign-in cookie.</summary>
public sealed class PartyClaimsFactory(UserManager<ApplicationUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ApplicationUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ApplicationUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim("name", user.DisplayName));
        if (user.InstitutionId is { } institution)
        {
            identity.AddClaim(new Claim(Claims.InstitutionId, institution.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (user.ConsumerId is { } consumer)
        {
            identity.AddClaim(new Claim(Claims.ConsumerId, consumer.ToString()));
        }

        return identity;
    }
}

/// <summary>The API token signing key: from configuration, or made per process (logged) when absent.</summary>
public sealed class ApiTokenKey
{
    public SymmetricSecurityKey Key { get; }

    public ApiTokenKey(IOptions<ApiTokenOptions> options, ILogger<ApiTokenKey> logger)
    {
        var configured = options.Value.SigningKey;
        if (string.IsNullOrWhiteSpace(configured) || Encoding.UTF8.GetByteCount(configured) < 32)
        {
            logger.LogWarning("Api:SigningKey is not set (or shorter than 32 bytes): API tokens are signed with a per-process key.");
            Key = new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            Key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(configured));
        }
    }
}
