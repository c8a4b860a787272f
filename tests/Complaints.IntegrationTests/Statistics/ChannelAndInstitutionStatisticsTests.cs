using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.WhatsApp;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Complaints.IntegrationTests.Portals;
using Complaints.IntegrationTests.WhatsApp;
using Complaints.Web.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Complaints.IntegrationTests.Statistics;

/// <summary>The WhatsApp channel's statistics for supervisors and an institution's own dashboard beside its sector.
/// Each test starts its own app on its own clock, so every conversation and case in it is the test's.</summary>
public sealed class ChannelAndInstitutionStatisticsTests
{
    private static readonly DateTime Now = new(2026, 3, 25, 3, 0, 0, DateTimeKind.Utc);

    // 10:00 WIB on 2 March 2026.
    private static DateTime At(int hour, int minute) => new(2026, 3, 2, hour, minute, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Supervisors_see_bot_and_agent_outcomes_wait_times_and_each_agents_first_response_and_utilisation_in_tables_and_charts(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        await app.WithDbAsync(async d =>
        {
            d.Users.Add(new ApplicationUser { Id = "agent-a", UserName = "agen.a@ojk.test", DisplayName = "Ayu Lestari" });
            d.Users.Add(new ApplicationUser { Id = "agent-b", UserName = "agen.b@ojk.test", DisplayName = "Budi Santoso" });

            // Ended by the bot; then one left silent until the day ends.
            var botAlone = Chat(At(3, 0), ended: ConversationEnd.Bot, closed: At(3, 4));
            Lines(d, botAlone, (At(3, 1), "bot", "Apa yang bisa kami bantu?"), (At(3, 2), "consumer", "Terima kasih"));
            var expired = Chat(At(3, 30), ended: ConversationEnd.Expired, closed: At(16, 45));
            // Handed over, never taken: still counts as the bot's alone.
            var abandoned = Chat(At(5, 0), ended: ConversationEnd.Expired, closed: At(16, 50), queued: At(5, 1));

            // Agent A holds two chats at once: waits 5 and 2 minutes, first replies after 2 and 3, handled 25 and 30.
            var a1 = Chat(At(2, 55), ended: ConversationEnd.Agent, closed: At(3, 30), queued: At(3, 0), assigned: At(3, 5), agent: "agent-a", caseId: Guid.NewGuid());
            Lines(d, a1, (At(3, 6), "consumer", "Halo?"), (At(3, 7), "agent-a", "Selamat pagi, saya Ayu."), (At(3, 9), "agent-a", "Ada yang bisa dibantu?"));
            var a2 = Chat(At(3, 6), ended: ConversationEnd.Agent, closed: At(3, 40), queued: At(3, 8), assigned: At(3, 10), agent: "agent-a");
            Lines(d, a2, (At(3, 9), "bot", "Mohon tunggu"), (At(3, 13), "agent-a", "Selamat pagi."));
            // Agent B: an 18-minute wait, a first reply after a minute, still open.
            var b1 = Chat(At(3, 1), ended: null, closed: null, queued: At(3, 2), assigned: At(3, 20), agent: "agent-b");
            Lines(d, b1, (At(3, 21), "agent-b", "Halo, dengan Budi."));
            d.Conversations.AddRange(botAlone, expired, abandoned, a1, a2, b1);
            return await d.SaveChangesAsync();
        });

        // Two consumers check a name on WhatsApp (one in English) and are still with the bot; a check in February is
        // outside the period.
        clock.UtcNow = new DateTime(2026, 2, 27, 3, 0, 0, DateTimeKind.Utc);
        await CheckLegalityAsync(app, "halo", "Cek legalitas", "kredit pintar");
        clock.UtcNow = At(6, 0);
        await CheckLegalityAsync(app, "halo", "Cek legalitas", "kredit pintar");
        await CheckLegalityAsync(app, "Hello, I want to check a company please", "Check legality", "Tiapan Buah");
        clock.UtcNow = Now;

        var supervisor = app.As(ActorRole.Supervisor, userId: "supervisor-1");
        var html = await supervisor.GetStringAsync("/regulator/statistics/channels?from=2026-03-01&to=2026-03-31");

        Assert.Equal("8", Forms.TextOf(html, "started"));
        Assert.Equal("3", Forms.TextOf(html, "bot-alone"));
        Assert.Equal("3", Forms.TextOf(html, "with-agent"));
        Assert.Equal("2", Forms.TextOf(html, "still-open"));
        Assert.Equal("1", Forms.TextOf(html, "made-case"));
        Assert.Equal("4", Forms.TextOf(html, "handed-over"));
        Assert.Equal("3", Forms.TextOf(html, "assigned"));
        Assert.Equal(("1", "1", "2"), (Forms.TextOf(html, "legality-licensed"), Forms.TextOf(html, "legality-illegal"), Forms.TextOf(html, "legality-total")));
        // Waits 2, 5 and 18 minutes: the median is 5, the 90th percentile 18.
        Assert.Equal("0:05:00", Forms.TextOf(html, "wait-median"));
        Assert.Equal("0:18:00", Forms.TextOf(html, "wait-p90"));

        var a = AgentRow(html, "agent-a");
        Assert.Equal(["Ayu Lestari", "2", "1", "0:02:00", "0:03:00", "0:25:00", "37,5%"], a);
        var b = AgentRow(html, "agent-b");
        Assert.Equal(["Budi Santoso", "1", "0", "0:01:00", "0:01:00", "–", "25,0%"], b);

        // The same figures drawn beside the tables: bot alone, with an agent, still open, made a case; legality
        // answers by result; conversations and cases per agent.
        var conversations = ChartOf(html, "conversations");
        Assert.Equal(["Chatbot saja", "Dengan agen", "Masih terbuka", "Menjadi kasus"], conversations.Labels);
        Assert.Equal([[3, 3, 2, 1]], conversations.Series);
        var legality = ChartOf(html, "legality");
        Assert.Equal(["Berizin", "Dicabut", "Ilegal", "Tidak ditemukan"], legality.Labels);
        Assert.Equal([[1, 0, 1, 0]], legality.Series);
        var agents = ChartOf(html, "agents");
        Assert.Equal(["Ayu Lestari", "Budi Santoso"], agents.Labels);
        Assert.Equal([[2, 1], [1, 0]], agents.Series);
        Assert.Contains("/js/statistics.js", html, StringComparison.Ordinal);

        foreach (var role in new[] { ActorRole.Agent, ActorRole.InstitutionOfficer })
        {
            var response = await app.As(role, institutionId: role == ActorRole.InstitutionOfficer ? 1 : null).GetAsync("/regulator/statistics/channels");
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain("Ayu Lestari", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>The chatbot records what it answered, so counting survives a translator's or administrator's new
    /// wording: here every answer is reworded and none of the shipped sentences is sent.</summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Legality_answers_are_counted_by_result_even_after_their_wording_changes(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(At(6, 0));
        var reworded = new Dictionary<string, string>
        {
            ["chat.legality.licensed"] = "Hasil: {0} terdaftar ({3}).",
            ["chat.legality.revoked"] = "Hasil: izin {0} sudah tidak berlaku.",
            ["chat.legality.illegal"] = "Hasil: {0} termasuk entitas terlarang ({1}){2}.",
            ["chat.legality.notFound"] = "Hasil: {0} belum tercatat di mana pun.",
        };
        await using var app = NewApp(db, clock, s => s.AddSingleton<IStringLocalizerFactory>(new RewordedStrings(new JsonStringLocalizerFactory(), reworded)));
        await app.WithDbAsync(async d =>
        {
            d.Institutions.Add(new Institution { LegalName = "PT Dana Tercabut Uji", LicenseNumber = "KEP-9/D.05/2019", Sector = Sector.Financing, Status = InstitutionStatus.Revoked });
            return await d.SaveChangesAsync();
        });
        app.Services.GetRequiredService<RegistryCache>().Invalidate();

        // One consumer checks three names in a row; others a revoked institution and, in English, an illegal app;
        // the last only opens the check, which asks for a name and answers nothing.
        await CheckLegalityAsync(app, "halo", "Cek legalitas", "kredit pintar", "Tiapan Buah", "xqzvw blorft");
        await CheckLegalityAsync(app, "halo", "Cek legalitas", "PT Dana Tercabut Uji");
        await CheckLegalityAsync(app, "Hello, I want to check a company please", "Check legality", "Tiapan Buah");
        await CheckLegalityAsync(app, "halo", "Cek legalitas");

        var said = await app.WithDbAsync(d => d.ConversationMessages.AsNoTracking().Where(m => m.Author == "bot").Select(m => m.Text!).ToListAsync());
        Assert.Equal(5, said.Count(t => t.StartsWith("Hasil: ", StringComparison.Ordinal)));
        Assert.DoesNotContain(said, t => new[] { "dan diawasi OJK", "telah dicabut", "Satgas PASTI", "tidak kami temukan" }.Any(shipped => t.Contains(shipped, StringComparison.Ordinal)));

        var html = await app.As(ActorRole.Supervisor, userId: "supervisor-1").GetStringAsync("/regulator/statistics/channels?from=2026-03-01&to=2026-03-31");

        Assert.Equal("4", Forms.TextOf(html, "started"));
        Assert.Equal(
            ["1", "1", "2", "1", "5"],
            new[] { "licensed", "revoked", "illegal", "not-found", "total" }.Select(id => Forms.TextOf(html, "legality-" + id)));
        Assert.Equal([[1, 1, 2, 1]], ChartOf(html, "legality").Series);
        Assert.Equal([[0, 0, 4, 0]], ChartOf(html, "conversations").Series);
        Assert.Contains("id=\"no-agents\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("chart-agents", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_institution_sees_its_figures_beside_its_sectors_average_without_any_other_institution_named(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var own = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Pinjam Sendiri", Sector.FintechLending);
        var other1 = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Pesaing Satu Daring", Sector.FintechLending);
        var other2 = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Pesaing Dua Daring", Sector.FintechLending);
        var bank = await InstitutionTestCases.NamedInstitutionAsync(app, "PT Bank Lain Sektor", Sector.Banking);

        // Own: one answered with Rp1,000,000 relief, one extended and open.
        await InstitutionTestCases.AnsweredDisputeAsync(app, own, ResponseOutcome.MonetaryRelief, 1_000_000);
        var extended = await InstitutionTestCases.ForwardedDisputeAsync(app, own);
        await TestCases.ActAsync(app, extended.Number, Trigger.ExtendDeadline, Officer(own), note: "Menunggu data dari mitra pembayaran.");
        // Other 1: an explanation the consumer rejects (escalated).
        var rejected = await InstitutionTestCases.AnsweredDisputeAsync(app, other1, ResponseOutcome.Explanation, null);
        await TestCases.ActAsync(app, rejected.Number, Trigger.Reject, Actor.ForConsumer(rejected.ConsumerId), note: "Penjelasan tidak menjawab keluhan saya.");
        // Other 2: non-monetary relief, Rp4,000,000 relief and one open case.
        await InstitutionTestCases.AnsweredDisputeAsync(app, other2, ResponseOutcome.NonMonetaryRelief, null);
        await InstitutionTestCases.AnsweredDisputeAsync(app, other2, ResponseOutcome.MonetaryRelief, 4_000_000);
        await InstitutionTestCases.ForwardedDisputeAsync(app, other2);
        // Another sector's many cases change nothing.
        for (var i = 0; i < 3; i++)
        {
            await InstitutionTestCases.AnsweredDisputeAsync(app, bank, ResponseOutcome.MonetaryRelief, 50_000_000);
        }

        var officer = app.As(ActorRole.InstitutionOfficer, institutionId: own, userId: "own-officer");
        var html = await officer.GetStringAsync("/institution/statistics?from=2026-03-01&to=2026-03-31");

        // Own | sector mean over the three lenders.
        Assert.Equal(("2", "2"), Row(html, "received"));
        Assert.Equal(("100,0%", "100,0%"), Row(html, "on-time"));
        Assert.Equal(("1", "0,3"), Row(html, "extensions"));
        Assert.Equal(("1", "0,7"), Row(html, "monetary"));
        Assert.Equal(("0", "0,3"), Row(html, "non-monetary"));
        Assert.Equal(("0", "0,3"), Row(html, "explanation"));
        Assert.Equal(("Rp1.000.000", "Rp1.666.667"), Row(html, "relief"));
        Assert.Equal(("0,0%", "33,3%"), Row(html, "escalated"));
        foreach (var name in new[] { "PT Pesaing Satu Daring", "PT Pesaing Dua Daring", "PT Bank Lain Sektor" })
        {
            Assert.DoesNotContain(name, html, StringComparison.Ordinal);
        }

        // The admin sees the same page; another institution's officer sees its own figures only, whatever it asks.
        var admin = await app.As(ActorRole.InstitutionAdmin, institutionId: own, userId: "own-admin").GetStringAsync("/institution/statistics?from=2026-03-01&to=2026-03-31");
        Assert.Equal(("2", "2"), Row(admin, "received"));
        var rival = await app.As(ActorRole.InstitutionOfficer, institutionId: other1, userId: "rival").GetStringAsync($"/institution/statistics?from=2026-03-01&to=2026-03-31&institutionId={own}");
        Assert.Equal(("1", "2"), Row(rival, "received"));
        Assert.Equal(("100,0%", "33,3%"), Row(rival, "escalated"));
        Assert.DoesNotContain("PT Pinjam Sendiri", rival, StringComparison.Ordinal);
    }

    private static Conversation Chat(DateTime started, ConversationEnd? ended, DateTime? closed, DateTime? queued = null, DateTime? assigned = null, string? agent = null, Guid? caseId = null) => new()
    {
        WaId = "62812" + Random.Shared.Next(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture),
        StartedAtUtc = started,
        LastInboundAtUtc = started,
        LastActivityAtUtc = closed ?? started,
        State = closed is null ? (agent is null ? ConversationState.Bot : ConversationState.WithAgent) : ConversationState.Closed,
        QueuedAtUtc = queued,
        AssignedAtUtc = assigned,
        AgentUserId = agent,
        HadAgent = agent is not null,
        CaseId = caseId,
        ClosedAtUtc = closed,
        EndedBy = ended,
    };

    private static void Lines(ComplaintsDbContext d, Conversation conversation, params (DateTime At, string Author, string Text)[] lines)
    {
        foreach (var (at, author, text) in lines)
        {
            d.ConversationMessages.Add(new ConversationMessage
            {
                ConversationId = conversation.Id,
                Direction = author == "consumer" ? MessageDirection.Inbound : MessageDirection.Outbound,
                AtUtc = at,
                Author = author,
                Text = text,
            });
        }
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock, Action<IServiceCollection>? services = null) =>
        new(db, WhatsAppPayloadsForTests.Settings, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        });

    /// <summary>A new consumer's chat as Meta delivers it: a greeting, a tap on the menu's legality check, then each
    /// name typed; posted signed to the webhook and handled by the inbox job.</summary>
    private static async Task CheckLegalityAsync(ComplaintsApp app, string greeting, string menuTitle, params string[] names)
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var from = WhatsAppPayloadsForTests.NewWaId();
        var messages = new List<JsonObject>
        {
            WhatsAppPayloadsForTests.Text(from, greeting, now),
            WhatsAppPayloadsForTests.ListReply(from, "menu_legality", menuTitle, null, now),
        };
        messages.AddRange(names.Select(name => WhatsAppPayloadsForTests.Text(from, name, now)));
        var response = await WhatsAppPayloadsForTests.PostAsync(app.CreateClient(), WhatsAppPayloadsForTests.Envelope(messages));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<ProcessWhatsAppInbox>().HandleAsync(new());
        Assert.Equal((messages.Count, 0), (result.Processed, result.Failed));
    }

    /// <summary>A chart's canvas, named for assistive technology, and the labels and series of the JSON it is drawn from.</summary>
    private static (List<string> Labels, List<List<int>> Series) ChartOf(string html, string id)
    {
        var canvas = Regex.Match(html, $"<canvas data-chart=\"chart-{id}\" role=\"img\" aria-label=\"([^\"]+)\"");
        Assert.True(canvas.Success, id);
        Assert.StartsWith("Grafik: ", WebUtility.HtmlDecode(canvas.Groups[1].Value), StringComparison.Ordinal);
        var block = Regex.Match(html, $"<script type=\"application/json\" id=\"chart-{id}\">(.*?)</script>", RegexOptions.Singleline);
        Assert.True(block.Success, id);
        using var json = JsonDocument.Parse(block.Groups[1].Value);
        var root = json.RootElement;
        return (
            root.GetProperty("labels").EnumerateArray().Select(l => l.GetString()!).ToList(),
            root.GetProperty("series").EnumerateArray().Select(s => s.GetProperty("data").EnumerateArray().Select(v => v.GetInt32()).ToList()).ToList());
    }

    /// <summary>The shipped strings with some reworded, as a translator's or administrator's edit would leave them.</summary>
    private sealed class RewordedStrings(IStringLocalizerFactory shipped, IReadOnlyDictionary<string, string> reworded) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new Localizer(shipped.Create(resourceSource), reworded);

        public IStringLocalizer Create(string baseName, string location) => new Localizer(shipped.Create(baseName, location), reworded);

        private sealed class Localizer(IStringLocalizer shipped, IReadOnlyDictionary<string, string> reworded) : IStringLocalizer
        {
            public LocalizedString this[string name] => reworded.TryGetValue(name, out var text) ? new(name, text) : shipped[name];

            public LocalizedString this[string name, params object[] arguments] => reworded.TryGetValue(name, out var text)
                ? new(name, string.Format(CultureInfo.CurrentCulture, text, arguments))
                : shipped[name, arguments];

            public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => shipped.GetAllStrings(includeParentCultures);
        }
    }

    private static List<string> AgentRow(string html, string agentId)
    {
        var row = Regex.Match(html, $"data-agent=\"{agentId}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, agentId);
        return Regex.Matches(row.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
    }

    private static (string Own, string Sector) Row(string html, string id)
    {
        var row = Regex.Match(html, $"id=\"row-{id}\">(.*?)</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, id);
        var cells = Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value).Trim()).ToList();
        return (cells[0], cells[1]);
    }

    private static Actor Officer(int institutionId) => new(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institutionId);

}
