using System.Text;
using System.Text.RegularExpressions;
using Complaints.Core.Features.Seeding;
using Microsoft.Playwright;

namespace Complaints.BrowserTests;

/// <summary>The public journey in a real browser on a phone-sized screen: file, keep the receipt, track.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class IntakeAndTrackingTests(AppHost app, BrowserFixture browser)
{
    private const int PhoneWidth = 360;

    [Fact]
    public async Task A_consumer_files_a_complaint_on_a_phone_and_sees_the_tracking_number_and_pin()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);

        var (number, pin) = await FileComplaintAsync(page, screenshots: true);

        Assert.Matches(TrackingNumberPattern(), number);
        Assert.Matches(PinPattern(), pin);
        await AssertNoHorizontalScrollAsync(page);
    }

    [Fact]
    public async Task The_consumer_tracks_the_new_case_with_number_and_pin()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        var (number, pin) = await FileComplaintAsync(page);

        await TrackAsync(page, number, pin);

        await Expect(page.Locator("h1")).ToContainTextAsync(number);
        await Expect(page.Locator(".state-label")).ToHaveTextAsync("Diterima");
        var current = page.Locator(".progress-step[aria-current='step']");
        await Expect(current).ToHaveCountAsync(1);
        await Expect(current.Locator(".step-dot")).ToHaveTextAsync("1");
        var submission = page.Locator(".timeline-item").Last;
        await Expect(submission).ToContainTextAsync("Diterima");
        await Expect(submission).ToContainTextAsync("Anda");
        await Expect(page.Locator("section[aria-labelledby='files-title']")).ToContainTextAsync(PdfName);
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "04-tracked-case");
    }

    [Fact]
    public async Task A_validation_error_keeps_everything_the_consumer_typed()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/cases/new");
        const string description = "Dana Rp2.500.000 terpotong dari rekening saya untuk transaksi yang tidak pernah saya lakukan.";
        const string institution = "Bank Contoh Sejahtera";
        await page.CheckAsync("#Kind-Complaint");
        await page.FillAsync("#InstitutionName", institution);
        await page.SelectOptionAsync("#IssueCategory", new SelectOptionValue { Index = 1 });
        var category = await page.InputValueAsync("#IssueCategory");
        await page.FillAsync("#Description", description);
        await page.FillAsync("#LossAmount", "2.500.000");
        await page.FillAsync("#Name", "Siti Rahmawati");
        await page.FillAsync("#Email", "nama@");
        await page.FillAsync("#WhatsApp", "0812 3456 7890");
        await page.SetInputFilesAsync("#Attachments", PdfFile());
        await page.ClickAsync("form.intake-form button[type=submit]");

        var summary = page.Locator("#error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary).ToContainTextAsync("Persetujuan pemrosesan data pribadi diperlukan");
        await Expect(summary).ToContainTextAsync("Alamat email tidak valid");
        await Expect(summary).ToBeFocusedAsync();
        await Expect(page.Locator("#Kind-Complaint")).ToBeCheckedAsync();
        await Expect(page.Locator("#InstitutionName")).ToHaveValueAsync(institution);
        await Expect(page.Locator("#IssueCategory")).ToHaveValueAsync(category);
        await Expect(page.Locator("#Description")).ToHaveValueAsync(description);
        await Expect(page.Locator("#LossAmount")).ToHaveValueAsync("2.500.000");
        await Expect(page.Locator("#Name")).ToHaveValueAsync("Siti Rahmawati");
        await Expect(page.Locator("#Email")).ToHaveValueAsync("nama@");
        await Expect(page.Locator("#WhatsApp")).ToHaveValueAsync("0812 3456 7890");
        await Expect(page.Locator("#ConsentGiven")).Not.ToBeCheckedAsync();
        var kept = page.Locator(".kept-files input[name=KeptFiles]");
        await Expect(kept).ToHaveCountAsync(1);
        await Expect(kept).ToBeCheckedAsync();
        await Expect(page.Locator(".kept-files")).ToContainTextAsync(PdfName);
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "02-intake-errors");

        await page.FillAsync("#Email", "siti@contoh.id");
        await page.CheckAsync("#ConsentGiven");
        await page.ClickAsync("form.intake-form button[type=submit]");

        await page.WaitForURLAsync("**/cases/submitted");
        var (number, pin) = await ReadReceiptAsync(page);
        await TrackAsync(page, number, pin);
        await Expect(page.Locator("section[aria-labelledby='files-title']")).ToContainTextAsync(PdfName);
    }

    [Fact]
    public async Task Wrong_pin_shows_one_generic_message()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        var demoCase = DemoDataSeeder.DemoTrackingNumber(1);

        await TrackAsync(page, demoCase, "000000");
        var wrongPin = await page.Locator("#tracking-error").InnerTextAsync();
        await Expect(page.Locator("#TrackingNumber")).ToHaveValueAsync(demoCase);
        await Expect(page.Locator("#Pin")).ToHaveValueAsync("");
        await BrowserFixture.ScreenshotAsync(page, "05-tracking-error");

        await TrackAsync(page, "ZZZZ-ZZZZ-ZZZZ", DemoDataSeeder.DemoPin);
        var unknownNumber = await page.Locator("#tracking-error").InnerTextAsync();

        Assert.False(string.IsNullOrWhiteSpace(wrongPin));
        Assert.Equal(unknownNumber, wrongPin);

        // The demo case is really there: the right PIN opens it.
        await TrackAsync(page, demoCase, DemoDataSeeder.DemoPin);
        await Expect(page.Locator("h1")).ToContainTextAsync(demoCase);
    }

    [Fact]
    public async Task The_language_switch_shows_the_page_in_English()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);
        await page.GotoAsync("/cases/new");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ajukan pertanyaan, informasi, atau pengaduan");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");

        await SwitchLanguageAsync(page, "English");

        await Expect(page).ToHaveURLAsync(new Regex("/cases/new$"));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Ask a question, report information or file a complaint");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await AssertNoHorizontalScrollAsync(page);
        await BrowserFixture.ScreenshotAsync(page, "06-intake-english");

        await SwitchLanguageAsync(page, "Bahasa Indonesia");

        await Expect(page.Locator("h1")).ToHaveTextAsync("Ajukan pertanyaan, informasi, atau pengaduan");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "id");
    }

    [Fact]
    public async Task Keyboard_users_can_reach_and_submit_the_tracking_form()
    {
        var page = await browser.NewPageAsync(app.BaseUrl);

        // Every visible field of the intake form has a name a screen reader can say.
        await page.GotoAsync("/cases/new");
        var unlabelled = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("main input, main select, main textarea")]
              .filter(el => el.type !== "hidden" && el.getClientRects().length > 0)
              .filter(el => !(el.id && document.querySelector(`label[for="${CSS.escape(el.id)}"]`))
                         && !el.getAttribute("aria-label") && !el.getAttribute("aria-labelledby"))
              .map(el => el.name || el.id || el.outerHTML)
            """);
        Assert.Empty(unlabelled);
        Assert.True(await page.Locator("main input:visible, main select:visible, main textarea:visible").CountAsync() >= 10);

        // Tab from the top of the page: the skip link comes first and takes focus into main.
        await page.GotoAsync("/track");
        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator("a.skip-link");
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("main")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#TrackingNumber")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoDataSeeder.DemoTrackingNumber(1));
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.Locator("#Pin")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(DemoDataSeeder.DemoPin);
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("h1")).ToContainTextAsync(DemoDataSeeder.DemoTrackingNumber(1));
        await Expect(page.Locator(".state-label")).ToBeVisibleAsync();
    }

    private const string PdfName = "bukti-transaksi.pdf";

    /// <summary>Files a complaint through the form the way a person does on a phone; returns the receipt.</summary>
    private static async Task<(string Number, string Pin)> FileComplaintAsync(IPage page, bool screenshots = false)
    {
        await page.GotoAsync("/");
        if (screenshots)
        {
            await AssertNoHorizontalScrollAsync(page);
            await BrowserFixture.ScreenshotAsync(page, "00-home");
        }

        await page.GotoAsync("/cases/new");
        await page.CheckAsync("#Kind-Complaint");

        // The institution box asks the registry as one types (htmx) and offers matches to pick.
        await page.Locator("#InstitutionName").PressSequentiallyAsync("Bank Contoh", new() { Delay = 20 });
        var suggestion = page.Locator("#institution-suggestions .suggestion").Filter(new() { HasText = "PT Bank Contoh Sejahtera Tbk" });
        await Expect(suggestion).ToHaveCountAsync(1);
        if (screenshots)
        {
            await BrowserFixture.ScreenshotAsync(page, "01a-intake-suggestions");
        }

        await suggestion.ClickAsync();
        await Expect(page.Locator("#InstitutionName")).ToHaveValueAsync("PT Bank Contoh Sejahtera Tbk");
        await Expect(page.Locator("#InstitutionId")).ToHaveValueAsync(new Regex("^[0-9]+$"));
        await Expect(page.Locator("#institution-suggestions .suggestion")).ToHaveCountAsync(0);

        await page.SelectOptionAsync("#IssueCategory", new SelectOptionValue { Index = 1 });
        await page.FillAsync("#Description",
            "Saldo tabungan saya berkurang karena transaksi kartu debit yang tidak pernah saya lakukan. Bank belum mengembalikan dana.");
        await page.FillAsync("#LossAmount", "2.500.000");
        await page.FillAsync("#Name", "Budi Santoso");
        await page.FillAsync("#Email", "budi@contoh.id");
        await page.CheckAsync("#ConsentGiven");
        await page.SetInputFilesAsync("#Attachments", PdfFile());
        if (screenshots)
        {
            await AssertNoHorizontalScrollAsync(page);
            await BrowserFixture.ScreenshotAsync(page, "01-intake-filled");
        }

        await page.ClickAsync("form.intake-form button[type=submit]");
        await page.WaitForURLAsync("**/cases/submitted");
        var receipt = await ReadReceiptAsync(page);
        if (screenshots)
        {
            await BrowserFixture.ScreenshotAsync(page, "03-submitted");
        }

        return receipt;
    }

    private static async Task<(string Number, string Pin)> ReadReceiptAsync(IPage page)
    {
        var number = (await page.Locator("#tracking-number").InnerTextAsync()).Trim();
        var pin = (await page.Locator("#pin").InnerTextAsync()).Trim();
        return (number, pin);
    }

    private static async Task TrackAsync(IPage page, string number, string pin)
    {
        await page.GotoAsync("/track");
        await page.FillAsync("#TrackingNumber", number);
        await page.FillAsync("#Pin", pin);
        // The click waits for the navigation it starts; the next page then finishes loading.
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForLoadStateAsync();
    }

    /// <summary>On a phone the navbar is collapsed; open it, then press the language button.</summary>
    private static async Task SwitchLanguageAsync(IPage page, string language)
    {
        // The buttons read "ID" and "EN"; their accessible names are the languages.
        var button = page.Locator(".language-switch").GetByRole(AriaRole.Button, new() { Name = language, Exact = true });
        if (!await button.IsVisibleAsync())
        {
            await page.ClickAsync(".navbar-toggler");
            await Expect(button).ToBeVisibleAsync();
        }

        await button.ClickAsync();
        await page.WaitForLoadStateAsync();
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > PhoneWidth)
        {
            // Name the widest culprits, so the failure says what to fix.
            var culprits = await page.EvaluateAsync<string[]>("""
                (limit) => [...document.body.querySelectorAll("*")]
                  .filter(el => el.getBoundingClientRect().right > limit)
                  .slice(0, 8)
                  .map(el => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`)
                """, PhoneWidth);
            Assert.Fail($"{page.Url} is {width}px wide on a {PhoneWidth}px screen (horizontal scroll): {string.Join("; ", culprits)}");
        }
    }

    /// <summary>A minimal valid one-page PDF, made here so the test carries no binary files.</summary>
    private static FilePayload PdfFile()
    {
        var objects = new[]
        {
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
        };
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(pdf.Length);
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = pdf.Length;
        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(System.Globalization.CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return new FilePayload { Name = PdfName, MimeType = "application/pdf", Buffer = Encoding.ASCII.GetBytes(pdf.ToString()) };
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    private static IPageAssertions Expect(IPage page) => Assertions.Expect(page);

    [GeneratedRegex("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$")]
    private static partial Regex TrackingNumberPattern();

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex PinPattern();
}
