using Complaints.Core.Data;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Complaints.Web.Setup;

public static class HealthSetup
{
    public static void AddHealth(this WebApplicationBuilder builder) =>
        builder.Services.AddHealthChecks().AddDbContextCheck<ComplaintsDbContext>("database", tags: ["ready"]);

    /// <summary>/health/live: the process answers. /health/ready: it can reach its database.</summary>
    public static void MapHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
    }
}
