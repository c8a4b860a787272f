using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>
/// A real SMTP server on loopback: MailDev from npm (tests/tools, installed by scripts/test.sh), started on free
/// ports; its REST API lists what arrived. Missing MailDev fails the test under COMPLAINTS_REQUIRE_ALL=1.
/// </summary>
public sealed class MailDev : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _api;

    public int SmtpPort { get; }

    private MailDev(Process process, int smtpPort, int webPort)
    {
        _process = process;
        SmtpPort = smtpPort;
        _api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}/") };
    }

    public static string? Executable()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "tools", "node_modules", ".bin", "maildev");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>Starts MailDev on <paramref name="smtpPort"/> (a free one when null) and waits until it answers.</summary>
    public static async Task<MailDev> StartAsync(int? smtpPort = null)
    {
        var executable = Executable();
        if (executable is null)
        {
            const string reason = "MailDev is not installed: run `npm ci --prefix tests/tools` (scripts/test.sh does).";
            if (Databases.RequireAll)
            {
                Assert.Fail(reason);
            }

            Assert.Skip(reason);
        }

        var smtp = smtpPort ?? FreePort();
        var web = FreePort();
        var process = Process.Start(new ProcessStartInfo(executable, ["--smtp", smtp.ToString(CultureInfo.InvariantCulture), "--web", web.ToString(CultureInfo.InvariantCulture), "--ip", "127.0.0.1", "--silent"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var mail = new MailDev(process, smtp, web);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                (await mail._api.GetAsync("email")).EnsureSuccessStatusCode();
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, smtp);
                return mail;
            }
            catch (Exception) when (watch.Elapsed < TimeSpan.FromSeconds(20) && !process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until MailDev has stored <paramref name="count"/> emails (it parses each after the SMTP
    /// conversation ends), at most 10 seconds.</summary>
    public async Task WaitForCountAsync(int count)
    {
        var watch = Stopwatch.StartNew();
        while ((await EmailsAsync()).Count < count && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
    }

    /// <summary>The emails received so far (MailDev's JSON: subject, text, to, headers, attachments).</summary>
    public async Task<IReadOnlyList<JsonElement>> EmailsAsync() =>
        [.. (await _api.GetFromJsonAsync<JsonElement>("email")).EnumerateArray()];

    /// <summary>The emails to one address.</summary>
    public async Task<IReadOnlyList<JsonElement>> EmailsToAsync(string address) =>
        [.. (await EmailsAsync()).Where(e => e.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == address))];

    public async ValueTask DisposeAsync()
    {
        _api.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}

/// <summary>An HTTP SMS gateway on loopback (real Kestrel): records each request and answers as the test says.</summary>
public sealed class LoopbackSmsGateway : IAsyncDisposable
{
    private readonly WebApplication _app;

    public List<(string? Authorization, JsonElement Body)> Received { get; } = [];

    /// <summary>The status the next requests get; 200 answers with {"id": "gw-N"}.</summary>
    public HttpStatusCode Answer { get; set; } = HttpStatusCode.OK;

    public string Url { get; private set; } = "";

    private LoopbackSmsGateway()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/sms/send", async (HttpRequest request) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            lock (Received)
            {
                Received.Add((request.Headers.Authorization.ToString(), body));
                return Answer == HttpStatusCode.OK
                    ? Results.Json(new { id = $"gw-{Received.Count}" })
                    : Results.Json(new { error = "refused by the test" }, statusCode: (int)Answer);
            }
        });
    }

    public static async Task<LoopbackSmsGateway> StartAsync()
    {
        var gateway = new LoopbackSmsGateway();
        await gateway._app.StartAsync();
        gateway.Url = gateway._app.Urls.First().TrimEnd('/') + "/sms/send";
        return gateway;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
