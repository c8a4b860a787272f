using Complaints.Core.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>
/// The real app in memory, on real migrations: SQLite in a fresh temp folder, or a fresh PostgreSQL
/// database created on the server named by COMPLAINTS_TEST_POSTGRES and dropped afterwards.
/// </summary>
public sealed class ComplaintsApp : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "COMPLAINTS_TEST_POSTGRES";

    private readonly string? _postgresDatabase;
    private readonly string? _adminConnectionString;
    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    public DatabaseProvider Provider { get; }

    public string DataPath { get; }

    public ComplaintsApp(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Provider = provider;
        _services = services;
        DataPath = Directory.CreateTempSubdirectory("complaints-it-").FullName;
        _settings = new()
        {
            ["Database:Provider"] = provider.ToString(),
            ["Storage:DataPath"] = DataPath,
            ["Seed:DemoData"] = "false",
            // Shared apps serve many tests from one address; the limit itself has its own test.
            ["RateLimits:TrackingPerMinute"] = "100000",
            ["RateLimits:IntakePerMinute"] = "100000",
            // Tests run the jobs' use cases themselves, on their own clock.
            ["Jobs:Enabled"] = "false",
            // Development's dummy WhatsApp account sends to the app's own /dev/graph on port 5000, which a test host
            // does not listen on: WhatsApp is recorded unless a test points it at a loopback Graph API.
            ["WhatsApp:AccessToken"] = "",
        };
        if (provider == DatabaseProvider.PostgreSql)
        {
            _adminConnectionString = PostgresConnectionString()
                ?? throw new InvalidOperationException($"{PostgresVariable} is not set.");
            _postgresDatabase = "complaints_it_" + Guid.NewGuid().ToString("N")[..12];
            using (var connection = new NpgsqlConnection(_adminConnectionString))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"", connection);
                create.ExecuteNonQuery();
            }

            _settings["ConnectionStrings:PostgreSql"] = new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = _postgresDatabase }.ToString();
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public static string? PostgresConnectionString() => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } cs ? cs : null;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(TestSignInHandler.Register);
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    /// <summary>Runs code against the app's own database context.</summary>
    public async Task<T> WithDbAsync<T>(Func<ComplaintsDbContext, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ComplaintsDbContext>());
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await drop.ExecuteNonQueryAsync();
                    break;
                }
                catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
                {
                    // An autovacuum worker is in the database, and only a superuser may end it: it is done in moments.
                    await Task.Delay(250);
                }
            }
        }

        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing request; the temp folder is cleaned by the OS.
        }
    }
}
