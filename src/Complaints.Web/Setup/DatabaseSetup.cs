using Complaints.Core;
using Complaints.Core.Data;
using Complaints.Core.Features.Seeding;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Web.Setup;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations at start-up. Operators who migrate separately (`migrate`) turn it off.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Demo institutions and cases for trying the product; never in production.</summary>
    public bool DemoData { get; set; }
}

public static class DatabaseSetup
{
    public static void AddDatabase(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        builder.Services.Configure<DatabaseOptions>(builder.Configuration.GetSection(DatabaseOptions.Section));
        builder.Services.Configure<SeedOptions>(builder.Configuration.GetSection(SeedOptions.Section));
        var dataPath = DataPath(builder);
        var connectionString = options.Provider switch
        {
            DatabaseProvider.Sqlite => builder.Configuration.GetConnectionString("Sqlite")
                ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "complaints.db") }.ToString(),
            DatabaseProvider.PostgreSql => builder.Configuration.GetConnectionString("PostgreSql")
                ?? throw new InvalidOperationException("Database:Provider is PostgreSql but ConnectionStrings:PostgreSql is not set."),
        };
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            Directory.CreateDirectory(dataPath);
        }

        // The outbox interceptor writes notifications in the same save as the change that causes them.
        builder.Services.AddDbContext<ComplaintsDbContext>((services, o) => o.UseComplaintsDatabase(options.Provider, connectionString)
            // The outbox's, and any other registered as an interceptor (tests add one to fail a save on purpose).
            .AddInterceptors(services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>()));
    }

    /// <summary>Storage:DataPath, made absolute against the content root.</summary>
    public static string DataPath(WebApplicationBuilder builder) =>
        Path.GetFullPath(builder.Configuration[$"{StorageOptions.Section}:DataPath"] ?? "data", builder.Environment.ContentRootPath);

    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<ComplaintsDbContext>();
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.MigrateOnStartup)
        {
            await MigrateAsync(db);
        }

        await services.GetRequiredService<ReferenceDataSeeder>().SeedAsync();
        await services.GetRequiredService<FaqSeeder>().SeedAsync();
        var accounts = services.GetRequiredService<AccountsSeeder>();
        await accounts.EnsureRolesAsync();
        if (app.Configuration.GetSection(SeedOptions.Section).Get<SeedOptions>()?.DemoData == true)
        {
            await services.GetRequiredService<DemoDataSeeder>().SeedAsync();
            await accounts.SeedDemoAsync();
        }
    }

    public static readonly TimeSpan MigrationCommandTimeout = TimeSpan.FromHours(1);

    public static async Task MigrateAsync(ComplaintsDbContext db)
    {
        if (db.Database.IsSqlite())
        {
            // Readers do not block the writer; one file still serves one node.
            await db.Database.OpenConnectionAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await db.Database.CloseConnectionAsync();
        }

        // A migration may rebuild an index or fill a column over millions of rows: far longer than a page's
        // query may take (the backfill of CaseHistoryFactsAndChannelIndexes: about 25 s on a million cases).
        var timeout = db.Database.GetCommandTimeout();
        db.Database.SetCommandTimeout(MigrationCommandTimeout);
        await db.Database.MigrateAsync();
        db.Database.SetCommandTimeout(timeout);
        if (db.Database.IsSqlite())
        {
            // Planner statistics: without them SQLite walks the date index for selective searches. Cheap when
            // nothing changed; the analysis is bounded (0x10002: analyze tables that need it, with limits).
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;");
        }
    }
}
