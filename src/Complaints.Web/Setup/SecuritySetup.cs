using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Complaints.Web.Setup;

public static class SecuritySetup
{
    /// <summary>Rate-limit policy for tracking-number-and-PIN lookups (page, API).</summary>
    public const string TrackingPolicy = "tracking";

    /// <summary>Rate-limit policy for anonymous submissions.</summary>
    public const string IntakePolicy = "intake";

    /// <summary>Rate-limit policy for the public statistics (page, open-data API).</summary>
    public const string StatisticsPolicy = "statistics";

    public static void AddSecurity(this WebApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection("RateLimits");
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(TrackingPolicy, context => PerAddress(context, limits.GetValue("TrackingPerMinute", 20)));
            options.AddPolicy(IntakePolicy, context => PerAddress(context, limits.GetValue("IntakePerMinute", 10)));
            options.AddPolicy(StatisticsPolicy, context => PerAddress(context, limits.GetValue("StatisticsPerMinute", 30)));
            options.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "complaints.af";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.HeaderName = "X-CSRF-TOKEN";
        });
        builder.Services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, int perMinute) =>
        RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public static void UseSecurity(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers.ContentSecurityPolicy = string.Create(CultureInfo.InvariantCulture,
                $"default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'");
            await next();
        });
    }
}
