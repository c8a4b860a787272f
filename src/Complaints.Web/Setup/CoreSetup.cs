using Complaints.Core;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Identity;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.Seeding;
using Complaints.Core.Features.Tracking;

namespace Complaints.Web.Setup;

public static class CoreSetup
{
    /// <summary>Use cases, queries and the shared caches of Complaints.Core.</summary>
    public static void AddCoreServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        services.AddSingleton(TimeProvider.System);
        services.Configure<DeadlinePolicy>(config.GetSection("Policy"));
        services.Configure<Complaints.Core.Features.Regulator.EligibilityPolicy>(config.GetSection("Policy:Eligibility"));
        services.Configure<StorageOptions>(config.GetSection(StorageOptions.Section));
        services.Configure<TrackingOptions>(config.GetSection(TrackingOptions.Section));
        services.Configure<Complaints.Core.Features.Statistics.PublicStatisticsOptions>(config.GetSection(Complaints.Core.Features.Statistics.PublicStatisticsOptions.Section));
        services.AddMemoryCache(o => o.SizeLimit = 100_000);

        var attachmentsRoot = Path.Combine(DatabaseSetup.DataPath(builder), "attachments");
        services.AddSingleton(new AttachmentStore(attachmentsRoot));
        services.AddSingleton(new NikValidator(RegionCodes.Shipped));
        services.AddSingleton<CalendarCache>();
        services.AddSingleton<Complaints.Core.Features.Administration.DeadlinePolicies>();
        services.AddSingleton<RegistryCache>();
        services.AddSingleton<PinAttemptLimiter>();

        // Use cases (a class with HandleAsync), read models (*Queries) and seeders of Complaints.Core, one
        // instance per request; adding a use case needs no registration.
        foreach (var type in typeof(SubmitCase).Assembly.GetExportedTypes().Where(IsFeatureService))
        {
            services.AddScoped(type);
        }
    }

    private static bool IsFeatureService(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsGenericType: false, IsNested: false }
        && type.Namespace?.StartsWith("Complaints.Core.Features", StringComparison.Ordinal) == true
        && (type.Name.EndsWith("Queries", StringComparison.Ordinal)
            || type.Name.EndsWith("Seeder", StringComparison.Ordinal)
            || type.GetMethod("HandleAsync") is not null);
}
