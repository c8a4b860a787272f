using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>
/// The WhatsApp Cloud API (Graph API) on loopback, real Kestrel: records message sends and media uploads with
/// their Authorization header, answers with Graph's success shape (generated wamids) or, when told, its error
/// shape, and serves media for download (lookup by id, then the bytes at the URL it gave).
/// </summary>
public sealed class LoopbackGraphApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, (byte[] Content, string MimeType, string Sha256)> _media = [];
    private int _uploads;

    public sealed record Upload(string? Authorization, string MessagingProduct, string Type, string FileName, string ContentType, byte[] Content);

    public List<(string? Authorization, string Path, JsonElement Body)> Messages { get; } = [];

    public List<Upload> Uploads { get; } = [];

    /// <summary>The Graph error the next sends get (status and error object); null answers success.</summary>
    public (HttpStatusCode Status, int Code, string Message)? Error { get; set; }

    /// <summary>The Graph base URL for WhatsApp:GraphBaseUrl.</summary>
    public string BaseUrl { get; private set; } = "";

    private LoopbackGraphApi()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _app = builder.Build();
        _app.MapPost("/{version}/{phone}/messages", async (HttpRequest request, string version, string phone) =>
        {
            var body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
            lock (Messages)
            {
                Messages.Add((request.Headers.Authorization.ToString(), $"/{version}/{phone}/messages", body));
                if (Error is { } error)
                {
                    return ErrorResult(error.Status, error.Code, error.Message);
                }

                var to = body.GetProperty("to").GetString();
                return Results.Json(new
                {
                    messaging_product = "whatsapp",
                    contacts = new[] { new { input = to, wa_id = to } },
                    messages = new[] { new { id = $"wamid.LOOPBACK{Messages.Count:D4}", message_status = "accepted" } },
                });
            }
        });
        _app.MapPost("/{version}/{phone}/media", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var file = form.Files["file"];
            if (file is null)
            {
                return ErrorResult(HttpStatusCode.BadRequest, 100, "(#100) The parameter file is required.");
            }

            using var content = new MemoryStream();
            await file.CopyToAsync(content);
            lock (Uploads)
            {
                Uploads.Add(new(request.Headers.Authorization.ToString(), form["messaging_product"].ToString(), form["type"].ToString(), file.FileName, file.ContentType, content.ToArray()));
                return Results.Json(new { id = $"media-{++_uploads}" });
            }
        }).DisableAntiforgery();
        _app.MapGet("/{version}/{id}", (HttpRequest request, string id) =>
        {
            lock (_media)
            {
                if (!_media.TryGetValue(id, out var media))
                {
                    return ErrorResult(HttpStatusCode.BadRequest, 100, "(#100) Unsupported get request.");
                }

                var origin = $"{request.Scheme}://{request.Host}";
                return Results.Json(new
                {
                    messaging_product = "whatsapp",
                    url = $"{origin}/media/{id}",
                    mime_type = media.MimeType,
                    sha256 = media.Sha256,
                    file_size = media.Content.Length.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    id,
                });
            }
        });
        _app.MapGet("/media/{id}", (HttpRequest request, string id) =>
        {
            lock (_media)
            {
                // Meta's download URL wants the same bearer token; without it the lookaside host answers 404.
                return _media.TryGetValue(id, out var media) && request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal)
                    ? Results.Bytes(media.Content, media.MimeType)
                    : Results.NotFound();
            }
        });
    }

    public static async Task<LoopbackGraphApi> StartAsync()
    {
        var graph = new LoopbackGraphApi();
        await graph._app.StartAsync();
        graph.BaseUrl = graph._app.Urls.First().TrimEnd('/');
        return graph;
    }

    /// <summary>Media a consumer "sent": served under <paramref name="id"/>; the sha256 the media endpoint reports
    /// is the content's (hex) unless the test says otherwise.</summary>
    public void AddMedia(string id, byte[] content, string mimeType, string? sha256 = null)
    {
        lock (_media)
        {
            _media[id] = (content, mimeType, sha256 ?? Convert.ToHexString(SHA256.HashData(content)).ToLowerInvariant());
        }
    }

    private static IResult ErrorResult(HttpStatusCode status, int code, string message) => Results.Json(new
    {
        error = new
        {
            message,
            type = "OAuthException",
            code,
            error_data = new { messaging_product = "whatsapp", details = message },
            fbtrace_id = "Aloopback" + code.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    }, statusCode: (int)status);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
