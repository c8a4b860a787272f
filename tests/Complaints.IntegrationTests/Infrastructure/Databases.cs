using Complaints.Core.Data;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>
/// Every integration test runs on both databases. SQLite always; PostgreSQL when COMPLAINTS_TEST_POSTGRES
/// holds a connection string. With COMPLAINTS_REQUIRE_ALL=1 (scripts/test.sh) a missing PostgreSQL fails the
/// test instead of skipping it.
/// </summary>
public static class Databases
{
    public static TheoryData<DatabaseProvider> Both => new(DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql);

    public static bool RequireAll => Environment.GetEnvironmentVariable("COMPLAINTS_REQUIRE_ALL") == "1";

    public static void EnsureAvailable(DatabaseProvider provider)
    {
        if (provider != DatabaseProvider.PostgreSql || ComplaintsApp.PostgresConnectionString() is not null)
        {
            return;
        }

        var reason = $"PostgreSQL is not configured: set {ComplaintsApp.PostgresVariable} to a connection string (scripts/test.sh does).";
        if (RequireAll)
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }
}

/// <summary>One shared app per database for the whole test assembly; tests use their own data.</summary>
public sealed class SharedApps : IAsyncDisposable
{
    private readonly Dictionary<DatabaseProvider, ComplaintsApp> _apps = [];
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<ComplaintsApp> GetAsync(DatabaseProvider provider)
    {
        Databases.EnsureAvailable(provider);
        await _lock.WaitAsync();
        try
        {
            if (!_apps.TryGetValue(provider, out var app))
            {
                app = new ComplaintsApp(provider);
                _ = app.Server; // start now: migrations and seeding run once, here
                _apps[provider] = app;
            }

            return app;
        }
        finally
        {
            _lock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps.Values)
        {
            await app.DisposeAsync();
        }
    }
}
