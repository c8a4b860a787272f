using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.BrowserTests;

/// <summary>
/// The real app on a real Kestrel socket (127.0.0.1, a free port), so a real browser can reach it: Development
/// with demo data, SQLite in a fresh temporary folder that also holds attachments and keys, deleted afterwards.
/// </summary>
public sealed class AppHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "complaints-browser-" + Guid.NewGuid().ToString("N"));

    /// <summary>Where the app listens, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>The app's clock: real time plus an offset a test may set (e.g. to reach agents' working hours).</summary>
    public OffsetClock Clock { get; } = new();

    /// <summary>The app's warnings and errors for this run.</summary>
    public static string LogPath { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "app.log");

    public ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_dataPath);
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        File.WriteAllText(LogPath, "");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();

        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseUrl = addresses.First().TrimEnd('/');
        return ValueTask.CompletedTask;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting lands in the host configuration, which Program's builder already sees (DataPath is read
        // while services are registered, before Build()).
        builder.UseEnvironment("Development");
        builder.ConfigureLogging(logging => logging.AddProvider(new AppLog(LogPath)));
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Storage:DataPath", _dataPath);
        builder.UseSetting("Seed:DemoData", "true");
        builder.UseSetting("Jobs:Enabled", "false");
        // Every request comes from 127.0.0.1; the suite files and tracks more than a person would in a minute.
        builder.UseSetting("RateLimits:IntakePerMinute", "1000");
        builder.UseSetting("RateLimits:TrackingPerMinute", "1000");
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Environment.GetEnvironmentVariable("COMPLAINTS_KEEP_TEST_DATA") == "1")
        {
            return; // for looking at the database and files of a failed run
        }

        // SQLite may hold the file a moment after the host stops (pooled connections).
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        for (var attempt = 0; attempt < 5 && Directory.Exists(_dataPath); attempt++)
        {
            try
            {
                Directory.Delete(_dataPath, recursive: true);
            }
            catch (IOException) when (attempt < 4)
            {
                await Task.Delay(200);
            }
            catch (UnauthorizedAccessException) when (attempt < 4)
            {
                await Task.Delay(200);
            }
        }
    }
}

/// <summary>Real time moved by <see cref="Offset"/>: time still passes (cookies and timers behave), but a test can
/// stand on another day.</summary>
public sealed class OffsetClock : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + Offset;
}
