using System.Net;
using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.WhatsApp.Agents;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.WhatsApp;

/// <summary>
/// The agent console: queued conversations (arranged in the database, as the chatbot leaves them on handover) are
/// taken in order up to the per-agent maximum, never by two agents at once, go back to the queue when the agent is
/// silent, are transferred, closed with a reason, and turned into a case with the transcript kept.
/// </summary>
public sealed class AgentConsoleTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Agent_takes_the_longest_waiting_first_and_is_refused_a_fifth_chat(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var queued = await QueueAsync(app, 6);
        var agent = app.As(ActorRole.Agent, userId: "agent-ani");

        var taken = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            var response = await TakeAsync(agent);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            taken.Add(Guid.Parse(PathOf(response).Split('/')[^1]));
        }

        Assert.Equal(queued.Take(4), taken);
        var refused = await TakeAsync(agent);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Anda sudah memegang 4 percakapan", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));

        // The console lists the two still waiting in order, and the agent's four chats.
        var page = await agent.GetStringAsync("/regulator/agents");
        Assert.True(page.IndexOf(queued[4].ToString(), StringComparison.Ordinal) < page.IndexOf(queued[5].ToString(), StringComparison.Ordinal));
        Assert.Contains("4 dari 4 percakapan", page);
        var rows = await ConversationsAsync(app);
        Assert.All(rows.Where(c => taken.Contains(c.Id)), c => Assert.Equal((ConversationState.WithAgent, "agent-ani", true), (c.State, c.AgentUserId, c.HadAgent)));

        // The consumer is told an officer is with them.
        var greetings = await app.WithDbAsync(d => d.OutboxMessages.Where(o => o.ConversationId == taken[0]).Select(o => o.Body).ToListAsync());
        Assert.Contains(greetings, b => b.Contains("petugas kini melayani Anda", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Two_agents_racing_for_the_queue_never_get_the_same_conversation(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var queued = await QueueAsync(app, 8);

        async Task<List<Guid>> TakeAllAsync(string userId)
        {
            var mine = new List<Guid>();
            for (var i = 0; i < 5; i++)
            {
                await using var scope = app.Services.CreateAsyncScope();
                var result = await scope.ServiceProvider.GetRequiredService<TakeNextConversation>().HandleAsync(new(), new Actor(ActorRole.Agent, userId));
                if (result.Result == AgentChange.Outcome.Done)
                {
                    mine.Add(result.ConversationId!.Value);
                }
            }

            return mine;
        }

        var both = await Task.WhenAll(Task.Run(() => TakeAllAsync("agent-a")), Task.Run(() => TakeAllAsync("agent-b")));

        Assert.Equal(4, both[0].Count);
        Assert.Equal(4, both[1].Count);
        Assert.Empty(both[0].Intersect(both[1]));
        var rows = await ConversationsAsync(app);
        Assert.Equal(queued.Order(), rows.Where(c => c.State == ConversationState.WithAgent).Select(c => c.Id).Order());
        Assert.Equal(4, rows.Count(c => c.AgentUserId == "agent-a"));
        Assert.Equal(4, rows.Count(c => c.AgentUserId == "agent-b"));

        // One greeting per conversation: the loser's unsaved greeting was dropped.
        var greetings = await app.WithDbAsync(d => d.ConversationMessages.Where(m => m.Direction == MessageDirection.Outbound).GroupBy(m => m.ConversationId).Select(g => g.Count()).ToListAsync());
        Assert.All(greetings, count => Assert.Equal(1, count));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Auto_assignment_spreads_the_queue_over_connected_agents_and_tells_the_rest_their_place(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var queued = await QueueAsync(app, 10);

        var result = await AssignAsync(app, "agent-a", "agent-b");

        Assert.Equal((8, 2, 2), (result.Assigned, result.Told, result.StillQueued));
        var rows = await ConversationsAsync(app);
        Assert.Equal(4, rows.Count(c => c.AgentUserId == "agent-a"));
        Assert.Equal(4, rows.Count(c => c.AgentUserId == "agent-b"));
        Assert.Equal(queued.Skip(8), rows.Where(c => c.State == ConversationState.Queued).OrderBy(c => c.QueuedAtUtc).Select(c => c.Id));
        var ninth = await app.WithDbAsync(d => d.OutboxMessages.Where(o => o.ConversationId == queued[8]).Select(o => o.Body).ToListAsync());
        Assert.Contains(ninth, b => b.Contains("urutan ke-1", StringComparison.Ordinal));

        // Nothing changed: nobody is told twice.
        clock.UtcNow = Now.AddMinutes(10);
        Assert.Equal((0, 0), ((await AssignAsync(app, "agent-a", "agent-b")).Assigned, (await AssignAsync(app, "agent-a", "agent-b")).Told));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_chat_the_agent_leaves_unanswered_goes_back_to_the_front_of_the_queue(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var queued = await QueueAsync(app, 3);
        var silent = app.As(ActorRole.Agent, userId: "agent-silent");
        var replying = app.As(ActorRole.Agent, userId: "agent-replying");
        await TakeAsync(silent);
        await TakeAsync(replying);
        clock.UtcNow = Now.AddMinutes(2);
        var sent = await Forms.PostAsync(replying, $"/regulator/agents/conversations/{queued[1]}", $"/regulator/agents/conversations/{queued[1]}/send", [new("Send.Text", "Baik, kami periksa dulu.")]);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);

        clock.UtcNow = Now.AddMinutes(9);
        Assert.Equal(0, await RequeueAsync(app));
        clock.UtcNow = Now.AddMinutes(11);
        Assert.Equal(1, await RequeueAsync(app));

        var rows = await ConversationsAsync(app);
        var back = rows.Single(c => c.Id == queued[0]);
        Assert.Equal((ConversationState.Queued, null), (back.State, back.AgentUserId));
        Assert.Equal("agent-replying", rows.Single(c => c.Id == queued[1]).AgentUserId);

        // At the front: the next take gets it again before the third one.
        var next = await TakeAsync(app.As(ActorRole.Agent, userId: "agent-other"));
        Assert.EndsWith(queued[0].ToString(), PathOf(next), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Agent_transfers_a_chat_to_a_tier_or_a_colleague_and_closes_only_with_a_reason(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        var queued = await QueueAsync(app, 2);
        var agent = app.As(ActorRole.Agent, userId: "agent-first");
        await TakeAsync(agent);
        var url = $"/regulator/agents/conversations/{queued[0]}";

        // To tier 2: back in the queue, out of reach of tier-1 agents.
        var toTier = await Forms.PostAsync(agent, url, url + "/transfer", [new("Transfer.ToTier", "2"), new("Transfer.Version", await VersionAsync(app, queued[0]))]);
        Assert.Equal(HttpStatusCode.OK, toTier.StatusCode);
        var moved = (await ConversationsAsync(app)).Single(c => c.Id == queued[0]);
        Assert.Equal((ConversationState.Queued, 2, null), (moved.State, moved.Tier, moved.AgentUserId));
        var tierOne = await TakeAsync(app.As(ActorRole.Agent, userId: "agent-second"));
        Assert.EndsWith(queued[1].ToString(), PathOf(tierOne), StringComparison.Ordinal);

        // A specialist takes it, then hands it to a named colleague.
        var specialistId = await NewUserAsync(app, ActorRole.Specialist, "Sari Wulandari");
        var colleagueId = await NewUserAsync(app, ActorRole.Supervisor, "Budi Santoso");
        var specialist = app.As(ActorRole.Specialist, userId: specialistId);
        Assert.EndsWith(queued[0].ToString(), PathOf(await TakeAsync(specialist)), StringComparison.Ordinal);
        var toColleague = await Forms.PostAsync(specialist, url, url + "/transfer", [new("Transfer.ToUserId", colleagueId), new("Transfer.Version", await VersionAsync(app, queued[0]))]);
        Assert.Equal(HttpStatusCode.OK, toColleague.StatusCode);
        Assert.Equal(colleagueId, (await ConversationsAsync(app)).Single(c => c.Id == queued[0]).AgentUserId);
        var bodies = await app.WithDbAsync(d => d.OutboxMessages.Where(o => o.ConversationId == queued[0]).Select(o => o.Body).ToListAsync());
        Assert.Contains(bodies, b => b.StartsWith("Petugas Budi kini melayani Anda", StringComparison.Ordinal));

        // Closing needs a reason.
        var colleague = app.As(ActorRole.Supervisor, userId: colleagueId);
        var noReason = await Forms.PostAsync(colleague, url, url + "/close", [new("Close.Reason", " "), new("Close.Version", await VersionAsync(app, queued[0]))]);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(ConversationState.WithAgent, (await ConversationsAsync(app)).Single(c => c.Id == queued[0]).State);
        var closed = await Forms.PostAsync(colleague, url, url + "/close", [new("Close.Reason", "Pertanyaan terjawab"), new("Close.Version", await VersionAsync(app, queued[0]))]);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var row = (await ConversationsAsync(app)).Single(c => c.Id == queued[0]);
        Assert.Equal((ConversationState.Closed, ConversationEnd.Agent, "Pertanyaan terjawab"), (row.State, row.EndedBy, row.CloseReason));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_conversation_becomes_a_whatsapp_case_with_its_transcript_and_the_consumer_gets_number_and_pin(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(Now);
        await using var app = NewApp(db, clock);
        // The chatbot's shape (Chatbot/BotData.cs): the complaint being filed under "draft".
        var botData = """{"draft":{"institutionName":"Bank Uji Coba","issueCategory":"collection","description":"Penagih datang ke rumah malam hari dan mengancam keluarga saya.","name":"Siti Aminah","media":[]}}""";
        var queued = await QueueAsync(app, 1, botData);
        var agent = app.As(ActorRole.Agent, userId: "agent-case");
        await TakeAsync(agent);
        var url = $"/regulator/agents/conversations/{queued[0]}";

        var form = WebUtility.HtmlDecode(await agent.GetStringAsync(url + "/case"));
        Assert.Contains("Penagih datang ke rumah malam hari", form);
        Assert.Contains("value=\"Bank Uji Coba\"", form);
        Assert.Contains("value=\"Complaint\" selected", form);

        var response = await Forms.PostAsync(agent, url + "/case", url + "/case",
        [
            new("Form.Version", await VersionAsync(app, queued[0])), new("Form.Kind", "Complaint"), new("Form.InstitutionName", "Bank Uji Coba"),
            new("Form.IssueCategory", "collection"), new("Form.Description", "Penagih datang ke rumah malam hari dan mengancam keluarga saya."),
            new("Form.Name", "Siti Aminah"), new("Form.ConsentGiven", "true"),
        ]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var conversation = (await ConversationsAsync(app)).Single();
        Assert.NotNull(conversation.CaseId);
        var (@case, notes) = await app.WithDbAsync(async d => (
            await d.Cases.Include(c => c.Consumer).SingleAsync(c => c.Id == conversation.CaseId),
            await d.CaseMessages.Where(m => m.CaseId == conversation.CaseId).ToListAsync()));
        Assert.Equal(Channel.WhatsApp, @case.Channel);
        Assert.Equal("6281200000000", @case.Consumer!.WhatsApp);
        var note = Assert.Single(notes);
        Assert.Equal(Visibility.RegulatorOnly, note.Visibility);
        Assert.Contains("Halo, saya mau mengadu (0)", note.Body);

        var replies = await app.WithDbAsync(d => d.OutboxMessages.Where(o => o.ConversationId == conversation.Id).ToListAsync());
        Assert.Contains(replies, o => o.Body.Contains(@case.TrackingNumber, StringComparison.Ordinal) && o.Body.Contains("PIN", StringComparison.Ordinal));
        Assert.Contains(replies, o => o.Attachment == OutboxAttachment.Receipt && o.CaseId == @case.Id);

        // Staff see the case from the conversation, and the consumer's case among their other cases — but never
        // the PIN, which only the consumer received.
        var page = await agent.GetStringAsync(url);
        // The PIN is in the message to send (until WhatsApp takes it), never in the row's readable body.
        var pinReply = replies.First(o => o.Body.Contains("PIN", StringComparison.Ordinal));
        var pin = System.Text.RegularExpressions.Regex.Match(pinReply.WhatsAppPayload!, @"\b\d{6}\b").Value;
        Assert.Equal(6, pin.Length);
        Assert.DoesNotContain(pin, pinReply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, page);
        Assert.Contains(@case.TrackingNumber, page);
        Assert.Contains("id=\"other-cases\"", page);
    }

    /// <summary>Where the client ended after following the redirect.</summary>
    private static string PathOf(HttpResponseMessage response) => response.RequestMessage!.RequestUri!.AbsolutePath;

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock) =>
        new(db, null, s => s.AddSingleton<TimeProvider>(clock));

    /// <summary>Conversations as the chatbot leaves them on handover, queued a minute apart.</summary>
    private static async Task<List<Guid>> QueueAsync(ComplaintsApp app, int count, string? botData = null) =>
        await app.WithDbAsync(async d =>
        {
            var ids = new List<Guid>();
            for (var i = 0; i < count; i++)
            {
                var at = Now.AddMinutes(-30 + i);
                var conversation = new Conversation
                {
                    WaId = "6281200000" + i.ToString("000", System.Globalization.CultureInfo.InvariantCulture),
                    ContactName = $"Konsumen {i}",
                    State = ConversationState.Queued,
                    BotStep = "handover",
                    BotData = botData,
                    StartedAtUtc = at.AddMinutes(-5),
                    LastInboundAtUtc = at,
                    LastActivityAtUtc = at,
                    QueuedAtUtc = at,
                };
                d.Conversations.Add(conversation);
                d.ConversationMessages.Add(new ConversationMessage
                {
                    ConversationId = conversation.Id, Direction = MessageDirection.Inbound, AtUtc = at, Author = "consumer", Text = $"Halo, saya mau mengadu ({i})",
                });
                ids.Add(conversation.Id);
            }

            await d.SaveChangesAsync();
            return ids;
        });

    private static Task<List<Conversation>> ConversationsAsync(ComplaintsApp app) =>
        app.WithDbAsync(d => d.Conversations.AsNoTracking().ToListAsync());

    private static Task<string> VersionAsync(ComplaintsApp app, Guid id) =>
        app.WithDbAsync(async d => (await d.Conversations.AsNoTracking().SingleAsync(c => c.Id == id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static Task<HttpResponseMessage> TakeAsync(HttpClient agent) =>
        Forms.PostAsync(agent, "/regulator/agents", "/regulator/agents/take", []);

    private static async Task<AssignQueuedConversations.Result> AssignAsync(ComplaintsApp app, params string[] agents)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssignQueuedConversations>()
            .HandleAsync(new([.. agents.Select(a => new AssignQueuedConversations.AvailableAgent(a, 1))]));
    }

    private static async Task<int> RequeueAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<RequeueSilentConversations>().HandleAsync(new())).Requeued;
    }

    private static async Task<string> NewUserAsync(ComplaintsApp app, ActorRole role, string name)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@ojk.example";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
        Assert.True((await users.CreateAsync(user, "Staff-Password-157")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role.ToString())).Succeeded);
        return user.Id;
    }
}
