using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public static class DatabaseProviderExtensions
{
    public const string SqliteMigrationsAssembly = "Complaints.Migrations.Sqlite";
    public const string PostgreSqlMigrationsAssembly = "Complaints.Migrations.PostgreSql";

    /// <summary>The one place that turns the provider setting into EF Core options.</summary>
    public static TBuilder UseComplaintsDatabase<TBuilder>(this TBuilder options, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        // Queues count "up to N" with Take before Count on purpose; no order is needed for that.
        options.ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.CoreEventId.RowLimitingOperationWithoutOrderByWarning));
        _ = provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(connectionString, o => o.MigrationsAssembly(SqliteMigrationsAssembly)),
            DatabaseProvider.PostgreSql => options.UseNpgsql(connectionString, o => o.MigrationsAssembly(PostgreSqlMigrationsAssembly)),
        };
        return options;
    }
}
