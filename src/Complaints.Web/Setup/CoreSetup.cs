using Complaints.Core;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Identity;
using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.Seeding;
using Complaints.Core.Features.Tracking;
using Microsoft.Extensions.Options;

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
        services.Configure<StorageOptions>(config.GetSection(StorageOptions.Section));
        services.Configure<TrackingOptions>(config.GetSection(TrackingOptions.Section));
        services.AddMemoryCache(o => o.SizeLimit = 100_000);

        var attachmentsRoot = Path.Combine(DatabaseSetup.DataPath(builder), "attachments");
        services.AddSingleton(new AttachmentStore(attachmentsRoot));
        services.AddSingleton(new NikValidator(RegionCodes.Shipped));
        services.AddSingleton<CalendarCache>();
        services.AddSingleton<RegistryCache>();
        services.AddSingleton<PinAttemptLimiter>();

        services.AddScoped<SubmitCase>();
        services.AddScoped<TrackCase>();
        services.AddScoped<ConsumerCaseQueries>();
        services.AddScoped<AddAttachments>();
        services.AddScoped<ImportRegistry>();
        services.AddScoped<ReferenceDataSeeder>();
        services.AddScoped<DemoDataSeeder>();
    }

    /// <summary>The deadline policy as configured.</summary>
    public static DeadlinePolicy Policy(this IServiceProvider services) => services.GetRequiredService<IOptions<DeadlinePolicy>>().Value;
}
