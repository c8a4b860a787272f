using Microsoft.Playwright;

namespace Complaints.BrowserTests;

/// <summary>
/// One headless Chromium for the whole suite (the Debian package; Playwright's own download is never used).
/// When Chromium is missing the tests skip with the reason, unless COMPLAINTS_REQUIRE_ALL=1 says every test
/// must really run: then they fail.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>The Debian package's Chromium; COMPLAINTS_CHROMIUM names another binary.</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("COMPLAINTS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private string? _unavailable;

    public static bool RequireAll => Environment.GetEnvironmentVariable("COMPLAINTS_REQUIRE_ALL") == "1";

    public static string ScreenshotFolder { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            _unavailable = $"Chromium is not installed at {ChromiumPath} (apt-get install -y chromium).";
            return;
        }

        try
        {
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                ],
            });
        }
        catch (PlaywrightException e)
        {
            _unavailable = $"Chromium at {ChromiumPath} did not start: {e.Message}";
        }
    }

    /// <summary>A fresh context (own cookies) and page, on a phone-sized screen unless told otherwise.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl, int width = 360, int height = 740)
    {
        if (_browser is null)
        {
            var reason = _unavailable ?? "Chromium was not started.";
            if (RequireAll)
            {
                Assert.Fail(reason + " COMPLAINTS_REQUIRE_ALL=1, so browser tests may not skip.");
            }

            Assert.Skip(reason + " Set COMPLAINTS_REQUIRE_ALL=1 to make this a failure.");
        }

        var context = await _browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = new() { Width = width, Height = height },
            Locale = "id-ID",
            TimezoneId = "Asia/Jakarta",
            IsMobile = true,
            HasTouch = true,
            DeviceScaleFactor = 1,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A full-page picture for people reviewing a run; nothing asserts on it.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<AppHost>, ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
