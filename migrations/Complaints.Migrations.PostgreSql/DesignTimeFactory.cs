using Complaints.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Complaints.Migrations.PostgreSql;

/// <summary>Lets `dotnet ef` build the context for PostgreSQL; no server is contacted to add a migration.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<ComplaintsDbContext>
{
    public ComplaintsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ComplaintsDbContext>()
            .UseComplaintsDatabase(DatabaseProvider.PostgreSql, "Host=localhost;Database=complaints_design")
            .Options);
}
