using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Complaints.BrowserTests;

/// <summary>
/// One dispute from the consumer's phone through the regulator's and the institution's portals to an agreement,
/// each party in its own browser (own cookies), the way the three of them really meet the case.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class DisputeJourneyTests(AppHost app, BrowserFixture browser)
{
    private const int PhoneWidth = 360;
    private const string Password = "Demo-Password-157";
    private const string Institution = "PT Bank Contoh Sejahtera Tbk";
    private const string InternalNote = "Catatan internal: konsumen pernah mengadu hal serupa, jangan diteruskan ke pihak luar.";
    private const string InstitutionAnswer = "Transaksi tercatat menggunakan PIN yang benar, sehingga bank tidak dapat mengembalikan dana.";
    private const string RejectReason = "Saya tidak pernah memberikan PIN kepada siapa pun; saya minta OJK menelaah jawaban bank.";
    private const string AgreementTerms = "Bank mengembalikan separuh dana dalam 10 hari kerja.";

    [Fact]
    public async Task A_dispute_goes_from_the_consumer_through_the_bank_and_the_regulator_to_an_agreement()
    {
        var consumer = await browser.NewPageAsync(app.BaseUrl);

        // 1. The consumer files a complaint against the bank on a phone.
        var (number, pin) = await FileComplaintAsync(consumer);
        await AssertNoHorizontalScrollAsync(consumer);
        await BrowserFixture.ScreenshotAsync(consumer, "journey-01-consumer-submitted");

        // 2. An agent finds it by number, screens, classifies it as a dispute and forwards it to the bank.
        var agent = await SignInAsync("agent@ojk.demo", "/regulator");
        await agent.FillAsync("#q", number);
        await agent.ClickAsync("form[role=search] button[type=submit]");
        var row = agent.Locator("#queue-rows a.tracking-number", new() { HasText = number });
        await Expect(row).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(agent, "journey-02-agent-queue");
        await row.ClickAsync();
        await agent.WaitForURLAsync($"**/regulator/cases/{number}");
        await Expect(agent.Locator("#case-state")).ToHaveTextAsync("Diterima");

        await RegulatorActAsync(agent, "StartScreening", "Diverifikasi");

        await agent.SelectOptionAsync("#classify-kind", "Complaint");
        await agent.SelectOptionAsync("#classify-type", "Dispute");
        await agent.ClickAsync("#classify-form button[type=submit]");
        await agent.WaitForURLAsync("**?done=*");
        await Expect(agent.Locator("#case-notice")).ToBeVisibleAsync();
        await Expect(agent.Locator("#classify-type")).ToHaveValueAsync("Dispute");

        await agent.CheckAsync("#audience-InternalNote");
        await agent.FillAsync("#message-body", InternalNote);
        await agent.ClickAsync("#message-form button[type=submit]");
        await agent.WaitForURLAsync("**?done=*");
        await Expect(agent.Locator("#case-messages")).ToContainTextAsync(InternalNote);

        await RegulatorActAsync(agent, "ForwardToInstitution", "Ditangani PUJK", async form =>
            await Expect(form.Locator("#action-ForwardToInstitution-institution option:checked")).ToHaveTextAsync(Institution));
        await BrowserFixture.ScreenshotAsync(agent, "journey-03-agent-forwarded");

        // 3. The bank's officer sees it on the dashboard and answers with an explanation.
        var officer = await SignInAsync("officer@bank.demo", "/institution");
        var dashboardLink = officer.Locator("table.institution-cases a", new() { HasText = number });
        await Expect(dashboardLink).ToHaveCountAsync(1);
        await BrowserFixture.ScreenshotAsync(officer, "journey-04-institution-dashboard");
        await dashboardLink.ClickAsync();
        await officer.WaitForURLAsync($"**/institution/cases/{number}");
        await Expect(officer.Locator("#case-state")).ToHaveTextAsync("Menunggu jawaban PUJK");
        await Expect(officer.Locator("body")).Not.ToContainTextAsync(InternalNote);
        var respond = officer.Locator("details.case-action", new() { Has = officer.Locator("form[action$='/actions/Respond']") });
        await respond.Locator("summary").ClickAsync();
        await respond.Locator("#Respond-Outcome-Explanation").CheckAsync();
        await respond.Locator("#Respond-Note").FillAsync(InstitutionAnswer);
        await respond.Locator("button[type=submit]").ClickAsync();
        await officer.WaitForURLAsync("**?done=Respond");
        await Expect(officer.Locator("#case-state")).ToHaveTextAsync("Menunggu keputusan konsumen");
        await BrowserFixture.ScreenshotAsync(officer, "journey-05-institution-responded");

        // 4. The consumer reads the answer and rejects it, with a reason.
        await TrackAsync(consumer, number, pin);
        await Expect(consumer.Locator(".state-label")).ToHaveTextAsync("Menunggu konfirmasi Anda");
        await Expect(consumer.Locator(".timeline")).ToContainTextAsync(InstitutionAnswer);
        await AssertNoHorizontalScrollAsync(consumer);
        await BrowserFixture.ScreenshotAsync(consumer, "journey-06-consumer-review");
        await consumer.FillAsync("#Reject-note", RejectReason);
        await consumer.ClickAsync("#action-Reject button[type=submit]");
        await consumer.WaitForLoadStateAsync();
        await Expect(consumer.Locator("#action-success")).ToBeVisibleAsync();
        await Expect(consumer.Locator(".state-label")).ToHaveTextAsync("Eskalasi diajukan");

        // 5. A specialist reviews eligibility, holds a clarification meeting and proposes facilitation.
        var specialist = await SignInAsync("specialist@ojk.demo", $"/regulator/cases/{number}");
        await Expect(specialist.Locator("#case-state")).ToHaveTextAsync("Eskalasi diajukan");
        await RegulatorActAsync(specialist, "StartEligibilityReview", "Ditelaah OJK");
        await Expect(specialist.Locator("#eligibility")).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(specialist, "journey-07-specialist-eligibility");

        await RegulatorActAsync(specialist, "ScheduleClarificationMeeting", "Pertemuan klarifikasi", async form =>
        {
            if (await form.Locator("input[name=NotInCourt]").CountAsync() > 0)
            {
                await form.Locator("input[name=NotInCourt]").CheckAsync();
            }
        });

        var meetingAt = DateTime.UtcNow.AddHours(7).Date.AddDays(5).AddHours(10); // WIB, five days ahead, 10:00
        await specialist.FillAsync("#meeting-start", meetingAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        await specialist.FillAsync("#meeting-location", "Kantor OJK, Jakarta");
        await specialist.FillAsync("#meeting-participants", "Budi Santoso; Petugas Bank Contoh; Analis Demo");
        await specialist.ClickAsync("#meeting-form button[type=submit]");
        await specialist.WaitForURLAsync("**?done=*");
        await Expect(specialist.Locator("#case-meetings")).ToContainTextAsync("Kantor OJK, Jakarta");

        await RegulatorActAsync(specialist, "ProposeFacilitation", "Menunggu persetujuan fasilitasi");
        await BrowserFixture.ScreenshotAsync(specialist, "journey-08-specialist-facilitation-proposed");

        // 6. The consumer signs the facilitation agreement.
        await TrackAsync(consumer, number, pin);
        await Expect(consumer.Locator(".state-label")).ToHaveTextAsync("Menunggu persetujuan fasilitasi");
        await consumer.CheckAsync("#SignFacilitationAgreement-confirm");
        await consumer.ClickAsync("#action-SignFacilitationAgreement button[type=submit]");
        await consumer.WaitForLoadStateAsync();
        await Expect(consumer.Locator("#action-success")).ToBeVisibleAsync();
        await Expect(consumer.Locator(".state-label")).ToHaveTextAsync("Fasilitasi");

        // 7. The specialist records the agreement.
        await specialist.GotoAsync($"/regulator/cases/{number}");
        await Expect(specialist.Locator("#case-state")).ToHaveTextAsync("Fasilitasi");
        await RegulatorActAsync(specialist, "RecordAgreement", "Selesai – tercapai kesepakatan", async form =>
        {
            await form.Locator("#action-RecordAgreement-terms").FillAsync(AgreementTerms);
            await form.Locator("#action-RecordAgreement-amount").FillAsync("1.250.000");
        });
        await BrowserFixture.ScreenshotAsync(specialist, "journey-09-specialist-agreement");

        // The consumer sees the whole way, and nothing the regulator kept to itself.
        await TrackAsync(consumer, number, pin);
        await Expect(consumer.Locator(".state-label")).ToHaveTextAsync("Selesai – tercapai kesepakatan");
        var timeline = (await consumer.Locator(".timeline-item > .fw-semibold").AllInnerTextsAsync()).Select(t => t.Trim()).Reverse().ToList();
        string[] expected =
        [
            "Diterima", "Diverifikasi", "Ditangani PUJK", "Menunggu konfirmasi Anda", "Eskalasi diajukan", "Ditelaah OJK",
            "Pertemuan klarifikasi", "Menunggu persetujuan fasilitasi", "Fasilitasi", "Selesai – tercapai kesepakatan",
        ];
        Assert.True(expected.SequenceEqual(timeline), "Consumer timeline, oldest first: " + string.Join(" | ", timeline));
        await Expect(consumer.Locator("main")).Not.ToContainTextAsync(InternalNote);
        await Expect(consumer.Locator(".timeline")).ToContainTextAsync(RejectReason);
        // What the consumer obtained: the institution's answer and the agreed amount.
        await Expect(consumer.Locator(".outcome")).ToContainTextAsync("Penjelasan");
        await Expect(consumer.Locator(".outcome")).ToContainTextAsync("Rp1.250.000");
        await AssertNoHorizontalScrollAsync(consumer);
        await BrowserFixture.ScreenshotAsync(consumer, "journey-10-consumer-closed");

        // The bank's trace shows what happened after its answer, and the agreement.
        await officer.GotoAsync($"/institution/traces/{number}");
        await Expect(officer.Locator("#trace-state")).ToHaveTextAsync("Selesai – tercapai kesepakatan");
        var path = officer.Locator("#trace-path");
        foreach (var step in new[] { "Ditelaah OJK", "Pertemuan klarifikasi", "Menunggu persetujuan fasilitasi", "Fasilitasi", "Selesai – tercapai kesepakatan" })
        {
            await Expect(path.Locator(".timeline-item > .fw-semibold", new() { HasTextRegex = ExactText(step) })).ToHaveCountAsync(1);
        }

        var summary = officer.Locator("section[aria-labelledby='summary-title']");
        await Expect(summary).ToContainTextAsync("Penjelasan");
        await Expect(summary).ToContainTextAsync(AgreementTerms);
        await Expect(summary).ToContainTextAsync("1.250.000");
        await Expect(officer.Locator("#meetings")).ToContainTextAsync("Pertemuan klarifikasi");
        await Expect(officer.Locator("main")).Not.ToContainTextAsync(InternalNote);
        await BrowserFixture.ScreenshotAsync(officer, "journey-11-institution-trace");
    }

    /// <summary>A staff or institution user in a browser of their own, on a desk-sized screen.</summary>
    private async Task<IPage> SignInAsync(string email, string returnUrl)
    {
        var page = await browser.NewPageAsync(app.BaseUrl, 1280, 900);
        await page.GotoAsync("/account/signin?returnUrl=" + Uri.EscapeDataString(returnUrl));
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == returnUrl);
        return page;
    }

    /// <summary>Opens the action's fold on the regulator's case page, fills it, submits, and waits for the new state.</summary>
    private static async Task RegulatorActAsync(IPage page, string trigger, string expectedState, Func<ILocator, Task>? fill = null)
    {
        var fold = page.Locator($"#action-{trigger}");
        await Expect(fold).ToHaveCountAsync(1);
        await fold.Locator("summary").ClickAsync();
        var form = fold.Locator("form");
        if (fill is not null)
        {
            await fill(form);
        }

        await form.Locator("button[type=submit]").ClickAsync();
        await page.WaitForLoadStateAsync();
        var problem = page.Locator("#case-problem, #error-summary");
        if (await problem.CountAsync() > 0)
        {
            await BrowserFixture.ScreenshotAsync(page, $"journey-failed-{trigger}");
            Assert.Fail($"{trigger} was refused: {await problem.First.InnerTextAsync()}");
        }

        await Expect(page.Locator("#case-state")).ToHaveTextAsync(expectedState);
    }

    private static async Task<(string Number, string Pin)> FileComplaintAsync(IPage page)
    {
        await page.GotoAsync("/cases/new");
        await page.CheckAsync("#Kind-Complaint");
        await page.Locator("#InstitutionName").PressSequentiallyAsync("Bank Contoh", new() { Delay = 20 });
        var suggestion = page.Locator("#institution-suggestions .suggestion").Filter(new() { HasText = Institution });
        await Expect(suggestion).ToHaveCountAsync(1);
        await suggestion.ClickAsync();
        await Expect(page.Locator("#InstitutionId")).ToHaveValueAsync(DigitsOnly());
        await page.SelectOptionAsync("#IssueCategory", new SelectOptionValue { Index = 1 });
        await page.FillAsync("#Description",
            "Rp2.500.000 ditarik dari rekening saya lewat ATM di kota lain saat kartu ada di tangan saya. Bank menolak mengembalikan dana.");
        await page.FillAsync("#LossAmount", "2.500.000");
        await page.FillAsync("#Name", "Budi Santoso");
        await page.FillAsync("#Email", "budi.sengketa@contoh.id");
        await page.CheckAsync("#ConsentGiven");
        await page.ClickAsync("form.intake-form button[type=submit]");
        await page.WaitForURLAsync("**/cases/submitted");
        var number = (await page.Locator("#tracking-number").InnerTextAsync()).Trim();
        var pin = (await page.Locator("#pin").InnerTextAsync()).Trim();
        return (number, pin);
    }

    private static async Task TrackAsync(IPage page, string number, string pin)
    {
        await page.GotoAsync("/track");
        await page.FillAsync("#TrackingNumber", number);
        await page.FillAsync("#Pin", pin);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForLoadStateAsync();
        await Expect(page.Locator("h1")).ToContainTextAsync(number);
    }

    private static async Task AssertNoHorizontalScrollAsync(IPage page)
    {
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        if (width > PhoneWidth)
        {
            var culprits = await page.EvaluateAsync<string[]>("""
                (limit) => [...document.body.querySelectorAll("*")]
                  .filter(el => el.getBoundingClientRect().right > limit)
                  .slice(0, 8)
                  .map(el => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`)
                """, PhoneWidth);
            Assert.Fail($"{page.Url} is {width}px wide on a {PhoneWidth}px screen (horizontal scroll): {string.Join("; ", culprits)}");
        }
    }

    private static Regex ExactText(string text) => new("^\\s*" + Regex.Escape(text) + "\\s*$");

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);

    [GeneratedRegex("^[0-9]+$")]
    private static partial Regex DigitsOnly();
}
