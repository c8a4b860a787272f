using Complaints.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Complaints.Migrations.Sqlite;

/// <summary>Lets `dotnet ef` build the context for SQLite without starting the web app.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ComplaintsDbContext>
{
    public ComplaintsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ComplaintsDbContext>()
            .UseComplaintsDatabase(DatabaseProvider.Sqlite, "Data Source=design-time.db")
            .Options);
}
