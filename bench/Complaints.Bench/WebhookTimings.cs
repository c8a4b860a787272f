using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Core.Data;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.WhatsApp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Complaints.Bench;

/// <summary>
/// The WhatsApp webhook on the real app over a real Kestrel socket on loopback, SQLite in a folder of its own:
/// acknowledgement latency of signed single-message bodies posted one after another (p50/p95/p99), then the
/// throughput of acknowledgements with <c>concurrency</c> posts in flight; then <see cref="ProcessWhatsAppInbox"/>
/// over everything stored (the chatbot handles each message, in order per sender), and over as many delivery
/// statuses of outbox rows. Jobs are off, so nothing processes the inbox while the posts are timed.
/// </summary>
public sealed class WebhookTimings(TextWriter log, int messages = 1_000, int concurrency = 16, int senders = 50)
{
    private const string Secret = "bench-app-secret";

    public async Task RunAsync()
    {
        await using var host = new Host();
        host.Start();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = new Uri(host.BaseUrl) };
        Line($"app on {host.BaseUrl} (SQLite, Kestrel, jobs off); {messages:N0} messages per round from {senders} senders, {Environment.ProcessorCount} cores");

        var counter = 0;
        string NextText() => Body(Message(counter++));
        for (var i = 0; i < 20; i++)
        {
            await PostAsync(client, NextText());
        }

        var sequential = new List<double>(messages);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++)
        {
            var one = Stopwatch.StartNew();
            await PostAsync(client, NextText());
            sequential.Add(one.Elapsed.TotalMilliseconds);
        }

        Line($"sequential: {messages / watch.Elapsed.TotalSeconds:N0} acks/s; ack latency p50 {P(sequential, 50):N2} ms, p95 {P(sequential, 95):N2} ms, p99 {P(sequential, 99):N2} ms, max {sequential.Max():N2} ms");

        var bodies = Enumerable.Range(0, messages).Select(_ => NextText()).ToList();
        var concurrent = new System.Collections.Concurrent.ConcurrentBag<double>();
        watch.Restart();
        await Parallel.ForEachAsync(bodies, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (body, _) =>
        {
            var one = Stopwatch.StartNew();
            await PostAsync(client, body);
            concurrent.Add(one.Elapsed.TotalMilliseconds);
        });
        var all = concurrent.ToList();
        Line($"concurrent ({concurrency} in flight): {messages / watch.Elapsed.TotalSeconds:N0} acks/s; ack latency p50 {P(all, 50):N2} ms, p95 {P(all, 95):N2} ms, p99 {P(all, 99):N2} ms");

        var stored = await host.WithDb(d => Task.FromResult(d.WhatsAppInbox.Count()));
        await ProcessAsync(host, $"inbox, {stored:N0} text messages through the chatbot");

        // Statuses: outbox rows the Cloud API accepted, then "delivered" for each, posted concurrently.
        var wamids = Enumerable.Range(0, messages).Select(i => $"wamid.BENCH{i:D6}").ToList();
        await host.WithDb(async d =>
        {
            var now = DateTime.UtcNow;
            foreach (var (wamid, i) in wamids.Select((w, i) => (w, i)))
            {
                var row = OutboxMessage.Create(NotificationChannel.WhatsApp, Sender(i), "id", "whatsapp.reply", null, null, null, "Terima kasih.", null, true, OutboxAttachment.None, now);
                row.MarkSent(wamid, now);
                d.OutboxMessages.Add(row);
            }

            return await d.SaveChangesAsync();
        });
        await Parallel.ForEachAsync(wamids.Select((w, i) => (w, i)), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (s, _) =>
            await PostAsync(client, Body(null, Status(s.w, Sender(s.i)))));
        await ProcessAsync(host, $"inbox, {messages:N0} delivery statuses onto outbox rows");
    }

    private async Task ProcessAsync(Host host, string what)
    {
        var (processed, failed, setAside, waiting) = (0, 0, 0, 0);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var scope = host.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<ProcessWhatsAppInbox>().HandleAsync(new());
            processed += result.Processed;
            setAside += result.SetAside;
            (failed, waiting) = (result.Failed, result.Waiting);
            if (result.Processed + result.SetAside == 0)
            {
                break;
            }
        }

        Line($"{what}: {processed:N0} processed in {watch.Elapsed.TotalSeconds:N2} s = {processed / watch.Elapsed.TotalSeconds:N0} entries/s ({failed} failing, {setAside} set aside, {waiting} waiting)");
    }

    private static async Task PostAsync(HttpClient client, string body)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/whatsapp") { Content = content };
        request.Headers.Add("X-Hub-Signature-256", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), bytes)));
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The webhook answered {(int)response.StatusCode}.");
        }
    }

    private string Sender(int i) => "62812" + (10_000_000 + (i % senders)).ToString(CultureInfo.InvariantCulture);

    private string Message(int i) => new JsonObject
    {
        ["from"] = Sender(i),
        ["id"] = $"wamid.IN{i:D7}{Guid.NewGuid():N}",
        ["timestamp"] = Now(),
        ["type"] = "text",
        ["text"] = new JsonObject { ["body"] = $"Halo, saya mau bertanya soal pinjaman online nomor {i}" },
    }.ToJsonString();

    private static string Status(string wamid, string to) => new JsonObject
    {
        ["id"] = wamid,
        ["status"] = "delivered",
        ["timestamp"] = Now(),
        ["recipient_id"] = to,
    }.ToJsonString();

    private static string Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The envelope Meta posts, with a contact for the message's sender.</summary>
    private static string Body(string? message, string? status = null)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = "6281500157", ["phone_number_id"] = "109876543210987" },
        };
        if (message is not null)
        {
            var m = JsonNode.Parse(message)!;
            value["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = "Konsumen" }, ["wa_id"] = (string)m["from"]! });
            value["messages"] = new JsonArray(m);
        }
        else
        {
            value["statuses"] = new JsonArray(JsonNode.Parse(status!));
        }

        return new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "102290129340398",
                ["changes"] = new JsonArray(new JsonObject { ["field"] = "messages", ["value"] = value }),
            }),
        }.ToJsonString();
    }

    private static double P(List<double> values, int percentile)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(percentile / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private void Line(FormattableString text) => log.WriteLine(text.ToString(CultureInfo.InvariantCulture));

    /// <summary>The real app on Kestrel at 127.0.0.1 on a free port. (The factory finds the entry point by the
    /// assembly of its type argument; the bench's own Program hides the app's.)</summary>
    private sealed class Host : WebApplicationFactory<Complaints.Web.WhatsApp.WebhookController>
    {
        private readonly string _dataPath = Directory.CreateTempSubdirectory("complaints-bench-webhook-").FullName;

        public string BaseUrl { get; private set; } = "";

        public void Start()
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
            StartServer();
            BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }

        public async Task<T> WithDb<T>(Func<ComplaintsDbContext, Task<T>> work)
        {
            using var scope = Services.CreateScope();
            return await work(scope.ServiceProvider.GetRequiredService<ComplaintsDbContext>());
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");

            // The factory reads its manifest from the working directory, and from the repository root it would
            // guess the content root next to Complaints.sln; the manifest beside the bench names the real one.
            var manifest = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(
                File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "MvcTestingAppManifest.json")))!;
            builder.UseContentRoot(manifest[typeof(Complaints.Web.WhatsApp.WebhookController).Assembly.FullName!]);
            builder.ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning).AddFilter("Complaints.Core.Features.WhatsApp.ProcessWhatsAppInbox", LogLevel.Error));
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Storage:DataPath", _dataPath);
            builder.UseSetting("Seed:DemoData", "false");
            builder.UseSetting("Jobs:Enabled", "false");
            builder.UseSetting("WhatsApp:VerifyToken", "bench-verify-token");
            builder.UseSetting("WhatsApp:AppSecret", Secret);
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_dataPath, recursive: true);
            }
            catch (IOException)
            {
                // The OS cleans its temp folder.
            }
        }
    }
}
