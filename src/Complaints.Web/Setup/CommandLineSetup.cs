using Complaints.Core.Data;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.Seeding;

namespace Complaints.Web.Setup;

/// <summary>
/// Operator verbs of the web app, run instead of serving:
/// <c>migrate</c> applies pending migrations and loads the shipped reference data into an empty database; <c>import-registry &lt;file&gt;</c> refreshes the registry from a
/// licensed-lenders CSV or an illegal-entity JSON in the shipped formats.
/// </summary>
public static class CommandLineSetup
{
    public static async Task<bool> RunCommandAsync(this WebApplication app, string[] args)
    {
        var verb = args.FirstOrDefault(a => !a.StartsWith('-') && !a.Contains('='));
        if (verb is not ("migrate" or "import-registry"))
        {
            return false;
        }

        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ComplaintsDbContext>();
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("Complaints.Command");
        await DatabaseSetup.MigrateAsync(db);
        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        if (verb == "migrate")
        {
            log.LogInformation("Database migrated");
            return true;
        }

        var path = args.SkipWhile(a => a != verb).Skip(1).FirstOrDefault();
        if (path is null || !File.Exists(path))
        {
            log.LogError("Usage: import-registry <file> (a licensed-lenders CSV or an illegal-entity JSON); file not found: {Path}", path);
            Environment.ExitCode = 2;
            return true;
        }

        try
        {
            await using var file = File.OpenRead(path);
            var result = await services.GetRequiredService<ImportRegistry>().HandleAsync(Path.GetFileName(path), file);
            Console.WriteLine($"Imported {path}: institutions +{result.InstitutionsAdded} ~{result.InstitutionsUpdated}, illegal entities +{result.IllegalAdded} ~{result.IllegalUpdated}");
        }
        catch (FormatException e)
        {
            log.LogError("{Message}", e.Message);
            Environment.ExitCode = 2;
        }

        return true;
    }
}
