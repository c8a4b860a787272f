using System.Net;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Notifications;
using Complaints.Core.Features.Notifications.Channels;
using Complaints.Core.Features.WhatsApp;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Complaints.Web.WhatsApp;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.WhatsApp;

/// <summary>
/// The development simulator: staff play a consumer's phone, the message reaches the app's own webhook signed as
/// Meta signs it, and what the app answers through the stand-in Graph API (/dev/graph) shows on the page. In the
/// test host the app's "own address" is the in-memory server, so the HTTP clients are pointed at it.
/// </summary>
public sealed class DevSimulatorTests
{
    private const string WaId = "6281377770001";
    private static readonly DateTime Now = new(2026, 5, 12, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_message_typed_on_the_simulated_phone_is_stored_as_a_signed_webhook_event_and_the_apps_answer_shows_on_the_page(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = SelfContainedApp(db, new SettableClock(Now));
        var agent = app.As(ActorRole.Agent, userId: "test-agent");

        var page = await agent.GetStringAsync("/regulator/dev/whatsapp");
        Assert.Contains("id=\"phone\"", page);
        Assert.Contains("id=\"transcript-empty\"", page);
        Assert.DoesNotContain("id=\"no-secret\"", page);
        Assert.DoesNotContain("id=\"graph-elsewhere\"", page);

        var sent = await Forms.PostAsync(agent, "/regulator/dev/whatsapp", "/regulator/dev/whatsapp/message",
            [new("WaId", WaId), new("Name", "Siti Aminah"), new("Text", "Halo, saya mau bertanya")]);
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("(HTTP 200)", Forms.TextOf(await sent.Content.ReadAsStringAsync(), "notice"));

        // The webhook verified the signature and stored the event as Meta would have sent it.
        var entry = await app.WithDbAsync(d => d.WhatsAppInbox.AsNoTracking().SingleAsync());
        Assert.Equal((WaId, "Siti Aminah"), (entry.WaId, entry.ContactName));
        using (var stored = JsonDocument.Parse(entry.Payload))
        {
            var message = stored.RootElement;
            Assert.Equal(("text", "Halo, saya mau bertanya"), (message.GetProperty("type").GetString(), message.GetProperty("text").GetProperty("body").GetString()));
        }

        // The chatbot answers through the outbox; the dispatcher sends to /dev/graph, which the page reads back.
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ProcessWhatsAppInbox>().HandleAsync(new());
            Assert.True((await scope.ServiceProvider.GetRequiredService<DispatchOutbox>().HandleAsync(new())).Sent > 0);
        }

        var graph = app.Services.GetRequiredService<DevGraphApi>();
        var answers = graph.EntriesFor(WaId).Where(e => e.Direction == "out").ToList();
        Assert.NotEmpty(answers);
        var transcript = await agent.GetStringAsync($"/regulator/dev/whatsapp?waId={WaId}&name=Siti");
        Assert.Contains("Halo, saya mau bertanya", transcript);
        Assert.Contains(answers[^1].Wamid!, transcript);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_stand_in_graph_api_wants_the_configured_token_and_serves_media_for_download(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = SelfContainedApp(db, new SettableClock(Now));
        var client = app.CreateClient();

        var wrongToken = new HttpRequestMessage(HttpMethod.Post, "/dev/graph/v23.0/100000000000001/messages") { Content = new StringContent("{\"to\":\"62811\"}") };
        wrongToken.Headers.Authorization = new("Bearer", "not-the-token");
        var refused = await client.SendAsync(wrongToken);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("\"code\":190", await refused.Content.ReadAsStringAsync());

        // The simulator's photo goes through the same media endpoints the app uses for consumers' files.
        var photo = TestFiles.Png();
        var (id, sha256) = app.Services.GetRequiredService<DevGraphApi>().StoreMedia(photo, "image/png", "bukti.png");
        await using var scope = app.Services.CreateAsyncScope();
        var media = await scope.ServiceProvider.GetRequiredService<WhatsAppCloudApi>().DownloadMediaAsync(id, sha256, CancellationToken.None);
        Assert.True(media.Succeeded, media.Error);
        Assert.Equal(photo, media.Content);
        Assert.Equal("image/png", media.MimeType);
    }

    [Fact]
    public async Task Outside_development_the_simulator_and_the_stand_in_graph_api_do_not_exist()
    {
        await using var app = new ComplaintsApp(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            ["Security:RequireTwoFactorForStaff"] = "false",
        });
        var agent = app.As(ActorRole.Agent, userId: "test-agent");

        Assert.Equal(HttpStatusCode.NotFound, (await agent.GetAsync("/regulator/dev/whatsapp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().PostAsync("/dev/graph/v23.0/100000000000001/messages", new StringContent("{}"))).StatusCode);
    }

    /// <summary>Development's own settings (dummy token, secret, /dev/graph), with the simulator's and the sender's
    /// HTTP clients reaching the in-memory server the way `dotnet run` reaches localhost:5000.</summary>
    private static ComplaintsApp SelfContainedApp(DatabaseProvider db, SettableClock clock)
    {
        ComplaintsApp? app = null;
        app = new ComplaintsApp(db, new Dictionary<string, string?>
        {
            ["WhatsApp:AccessToken"] = "dev-access-token",
            ["WhatsApp:GraphBaseUrl"] = "http://localhost/dev/graph",
        }, services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            services.AddHttpClient(DevWhatsAppSimulator.ClientName).ConfigurePrimaryHttpMessageHandler(() => app!.Server.CreateHandler());
            services.AddHttpClient<WhatsAppCloudApi>().ConfigurePrimaryHttpMessageHandler(() => app!.Server.CreateHandler());
        });
        return app;
    }
}
