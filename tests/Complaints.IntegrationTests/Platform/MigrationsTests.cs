using Complaints.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Complaints.IntegrationTests.Platform;

/// <summary>Both providers' migrations match the model and each other. Needs no database server.</summary>
public sealed class MigrationsTests
{
    private static ComplaintsDbContext Context(DatabaseProvider provider) =>
        new(new DbContextOptionsBuilder<ComplaintsDbContext>()
            .UseComplaintsDatabase(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=localhost;Database=unused")
            .Options);

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_migrations_have_no_pending_model_changes(DatabaseProvider provider)
    {
        using var db = Context(provider);

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} migrations are behind the model: run scripts/add-migration.sh <Name>.");
    }

    [Fact]
    public void Both_providers_have_the_same_migrations_with_the_same_names()
    {
        using var sqlite = Context(DatabaseProvider.Sqlite);
        using var postgres = Context(DatabaseProvider.PostgreSql);

        var sqliteMigrations = sqlite.Database.GetMigrations().ToList();
        Assert.NotEmpty(sqliteMigrations);
        Assert.Equal(sqliteMigrations, postgres.Database.GetMigrations().ToList());
    }
}
