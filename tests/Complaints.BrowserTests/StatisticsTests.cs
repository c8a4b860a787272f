using Microsoft.Playwright;

namespace Complaints.BrowserTests;

/// <summary>A supervisor opens the dashboards from the queue, narrows them, drills down to the cases behind a number
/// and downloads them as CSV, on the demo data's cases.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StatisticsTests(AppHost app, BrowserFixture browser)
{
    private const string Password = "Demo-Password-157";

    [Fact]
    public async Task A_supervisor_filters_the_dashboard_drills_down_to_the_cases_and_downloads_them_as_CSV()
    {
        var page = await browser.NewPageAsync(app.BaseUrl, 1280, 900);
        await page.GotoAsync("/account/signin?returnUrl=" + Uri.EscapeDataString("/regulator"));
        await page.FillAsync("#Email", "supervisor@ojk.demo");
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/regulator");

        await page.ClickAsync("#dashboards-link");
        await page.WaitForURLAsync("**/regulator/statistics");
        await Expect(page.Locator("#table-dimension")).ToBeVisibleAsync();
        // The chart is drawn from the JSON beside it (Chart.js from npm, no inline script).
        await Expect(page.Locator("canvas[data-chart='chart-dimension']")).ToHaveAttributeAsync("width", new System.Text.RegularExpressions.Regex("^[1-9]"));

        // All time, complaints only.
        await page.SelectOptionAsync("#preset", "Custom");
        await page.FillAsync("#from", "");
        await page.FillAsync("#to", "");
        await page.SelectOptionAsync("#kind", "Complaint");
        await page.ClickAsync("#dashboard-apply");
        await page.WaitForURLAsync("**kind=Complaint**");
        await Expect(page.Locator("#kind")).ToHaveValueAsync("Complaint");
        await BrowserFixture.ScreenshotAsync(page, "statistics-01-volume");

        // The total's count drills down to exactly that many cases, all complaints.
        var total = page.Locator("#table-dimension tbody tr").Last.Locator("a.stat-count");
        var count = int.Parse((await total.InnerTextAsync()).Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(count > 0, "The demo data has complaints.");
        await total.ClickAsync();
        await page.WaitForURLAsync("**/regulator/statistics/cases?**");
        Assert.Contains("kind=Complaint", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("#drill-count")).ToContainTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var numbers = await page.Locator("#drill-rows a.tracking-number").AllInnerTextsAsync();
        Assert.Equal(Math.Min(count, 50), numbers.Count);
        await Expect(page.Locator("#drill-rows tbody")).Not.ToContainTextAsync("Pertanyaan");
        await BrowserFixture.ScreenshotAsync(page, "statistics-02-drill-down");

        // The same cases as CSV, one row per case.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#drill-csv"));
        var path = Path.Combine(Path.GetTempPath(), "statistics-" + Guid.NewGuid().ToString("N") + ".csv");
        await download.SaveAsAsync(path);
        try
        {
            var lines = (await File.ReadAllTextAsync(path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("tracking_number,kind,complaint_type,channel,sector,institution,product,issue,province,submitted_at_utc,state,deadline,deadline_due_date,untimely,outcome,relief_amount,closed_at_utc", lines[0]);
            Assert.Equal(count, lines.Length - 1);
            var row = lines.Single(l => l.StartsWith(numbers[0] + ",", StringComparison.Ordinal)).Split(',');
            Assert.Equal("Complaint", row[1]);
            // Other browser tests in the same app file cases on other channels (WhatsApp): any channel, by its name.
            Assert.True(Enum.TryParse<Complaints.Core.Domain.Cases.Channel>(row[3], out _), row[3]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
