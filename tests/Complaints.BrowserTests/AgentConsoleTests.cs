using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.WhatsApp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace Complaints.BrowserTests;

/// <summary>
/// Six consumers ask for a human on WhatsApp at once (signed webhooks, the real chatbot); two agents work the
/// live queue in their own browsers: nobody holds more than four chats, the queue drains in order, the other
/// agent's queue updates without a reload, and one chat becomes a case.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgentConsoleTests(AppHost app, BrowserFixture browser)
{
    private const string Password = "Demo-Password-157";

    [Fact]
    public async Task Two_agents_drain_six_waiting_chats_in_order_never_holding_more_than_four_and_one_becomes_a_case()
    {
        await StandOnAWorkingMorningAsync();
        try
        {
            var consumers = Enumerable.Range(1, 6).Select(i => $"6281990000{i:D2}").ToList();
            foreach (var (waId, i) in consumers.Select((w, i) => (w, i)))
            {
                await PostWebhookAsync(waId, $"Konsumen {i + 1}", "#HUBUNGIPETUGAS");
            }

            await ProcessInboxAsync();
            var queued = await WithDbAsync(db => db.Conversations.Where(c => consumers.Contains(c.WaId) && c.State == ConversationState.Queued)
                .OrderBy(c => c.QueuedAtUtc).Select(c => c.WaId).ToListAsync());
            Assert.Equal(consumers, queued);

            var first = await SignInAsync("agent@ojk.demo");
            var second = await SignInAsync("specialist@ojk.demo");
            await Expect(first.Locator("#queue-count")).ToContainTextAsync("6");
            await Expect(second.Locator("#queue-count")).ToContainTextAsync("6");
            await Expect(second.Locator("#live-status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(".+"));

            // The first agent takes four; a fifth is refused.
            for (var i = 0; i < 4; i++)
            {
                await first.ClickAsync("#take-next");
                await first.WaitForURLAsync("**/regulator/agents/conversations/*");
                await first.GotoAsync("/regulator/agents");
            }

            await first.ClickAsync("#take-next");
            await Expect(first.Locator("#agent-notice")).ToContainTextAsync("4");
            await Expect(first.Locator("#mine-list .my-chat")).ToHaveCountAsync(4);

            // The second agent's page followed live, without a reload.
            await Expect(second.Locator("#queue-count")).ToContainTextAsync("2", new() { Timeout = 15_000 });
            await BrowserFixture.ScreenshotAsync(second, "agents-01-queue-live");

            for (var i = 0; i < 2; i++)
            {
                await second.ClickAsync("#take-next");
                await second.WaitForURLAsync("**/regulator/agents/conversations/*");
                await second.GotoAsync("/regulator/agents");
            }

            await Expect(second.Locator("#queue-empty")).ToBeVisibleAsync();
            var holders = await WithDbAsync(db => db.Conversations.Where(c => consumers.Contains(c.WaId))
                .OrderBy(c => c.QueuedAtUtc).Select(c => new { c.WaId, c.AgentUserId, c.State }).ToListAsync());
            Assert.All(holders, h => Assert.Equal(ConversationState.WithAgent, h.State));
            Assert.Single(holders.Take(4).Select(h => h.AgentUserId).Distinct());
            Assert.Single(holders.Skip(4).Select(h => h.AgentUserId).Distinct());
            Assert.NotEqual(holders[0].AgentUserId, holders[5].AgentUserId);
            Assert.All(holders.GroupBy(h => h.AgentUserId), g => Assert.True(g.Count() <= 4));

            // The first chat becomes a case, from the conversation page.
            await first.ClickAsync($"#mine-list .my-chat[data-wa='{consumers[0]}'] a");
            await first.ClickAsync("#convert-link");
            await first.SelectOptionAsync("#Form-Kind", "Complaint");
            await first.FillAsync("#Form-InstitutionName", "PT Bank Contoh Sejahtera Tbk");
            await first.SelectOptionAsync("#Form-Product", "savings");
            await first.SelectOptionAsync("#Form-IssueCategory", "unauthorized-transaction");
            await first.FillAsync("#Form-Description", "Konsumen melaporkan transaksi kartu debit yang tidak pernah dilakukannya, melalui WhatsApp.");
            await first.FillAsync("#Form-Name", "Konsumen 1");
            await first.CheckAsync("#Form-ConsentGiven");
            await first.ClickAsync("#create-case");
            await first.WaitForLoadStateAsync();
            var refused = await first.Locator(".invalid-feedback").AllInnerTextsAsync();
            Assert.True(refused.Count == 0, string.Join(" | ", refused));
            await first.WaitForURLAsync("**notice=caseCreated*");
            await Expect(first.Locator("#conversation-case")).ToBeVisibleAsync();
            await BrowserFixture.ScreenshotAsync(first, "agents-02-case-created");

            var made = await WithDbAsync(db => db.Conversations.Where(c => c.WaId == consumers[0])
                .Join(db.Cases, c => c.CaseId, k => k.Id, (c, k) => new { k.Channel, k.TrackingNumber }).SingleAsync());
            Assert.Equal(Channel.WhatsApp, made.Channel);
            await Expect(first.Locator("#conversation-case")).ToContainTextAsync(made.TrackingNumber);
        }
        finally
        {
            app.Clock.Offset = TimeSpan.Zero;
        }
    }

    /// <summary>Agents answer on working days 07:40-15:40 Jakarta time: move the app's clock to 09:00 on the
    /// next working day of the real calendar.</summary>
    private async Task StandOnAWorkingMorningAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var calendar = await scope.ServiceProvider.GetRequiredService<CalendarCache>()
            .GetAsync(scope.ServiceProvider.GetRequiredService<ComplaintsDbContext>());
        var day = calendar.AddWorkingDays(WorkingDayCalendar.JakartaDate(DateTime.UtcNow), 1);
        var morning = TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), WorkingDayCalendar.Jakarta);
        app.Clock.Offset = morning - DateTime.UtcNow;
    }

    private async Task PostWebhookAsync(string waId, string name, string text)
    {
        var secret = app.Services.GetRequiredService<IOptions<WhatsAppOptions>>().Value.AppSecret!;
        var sent = app.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var body = $$$"""
            {"object":"whatsapp_business_account","entry":[{"id":"waba","changes":[{"field":"messages","value":{
             "messaging_product":"whatsapp","metadata":{"display_phone_number":"6281500157","phone_number_id":"dev"},
             "contacts":[{"profile":{"name":"{{{name}}}"},"wa_id":"{{{waId}}}"}],
             "messages":[{"from":"{{{waId}}}","id":"wamid.{{{Guid.NewGuid():N}}}","timestamp":"{{{sent}}}","type":"text","text":{"body":"{{{text}}}"}}]}}]}]}
            """;
        var bytes = Encoding.UTF8.GetBytes(body);
        using var http = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), bytes)));
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    private async Task ProcessInboxAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ProcessWhatsAppInbox>().HandleAsync(new());
    }

    private async Task<T> WithDbAsync<T>(Func<ComplaintsDbContext, Task<T>> work)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<ComplaintsDbContext>());
    }

    private async Task<IPage> SignInAsync(string email)
    {
        var page = await browser.NewPageAsync(app.BaseUrl, 1280, 900);
        await page.GotoAsync("/account/signin?returnUrl=" + Uri.EscapeDataString("/regulator/agents"));
        await page.FillAsync("#Email", email);
        await page.FillAsync("#Password", Password);
        await page.ClickAsync("main form button[type=submit]");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/regulator/agents");
        return page;
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
