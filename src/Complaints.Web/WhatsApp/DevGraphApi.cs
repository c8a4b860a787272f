using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Core.Features.WhatsApp;
using Microsoft.Extensions.Options;

namespace Complaints.Web.WhatsApp;

/// <summary>
/// Development only: a stand-in for Meta's Graph API inside the app, so the WhatsApp channel can be tried without
/// Meta. With WhatsApp:GraphBaseUrl pointing at the app's own /dev/graph, messages the app sends are recorded here
/// (in memory, newest last) and answered like the Graph API; media uploaded by the app or "sent" from the
/// simulator's phone are kept for download. The simulator page shows both sides.
/// </summary>
public sealed class DevGraphApi(IOptions<WhatsAppOptions> options, TimeProvider clock)
{
    public const string Prefix = "/dev/graph";

    private const int MaxKept = 500;

    /// <summary>One message either way: what the app sent (Direction "out") or the simulator posted ("in").</summary>
    public sealed record Entry(long Sequence, DateTime AtUtc, string Direction, string WaId, string Body, string? Wamid, int? WebhookStatus = null);

    private sealed record Media(byte[] Content, string MimeType, string? FileName);

    private readonly List<Entry> _entries = [];
    private readonly Dictionary<string, Media> _media = [];
    private long _sequence;

    public IReadOnlyList<Entry> EntriesFor(string waId)
    {
        lock (_entries)
        {
            return [.. _entries.Where(e => e.WaId == waId)];
        }
    }

    /// <summary>Records what the simulator posted to the webhook and how the webhook answered.</summary>
    public void RecordInbound(string waId, string body, string wamid, int webhookStatus) =>
        Add(new(0, clock.GetUtcNow().UtcDateTime, "in", waId, body, wamid, webhookStatus));

    private void RecordOutbound(string waId, string body, string wamid) =>
        Add(new(0, clock.GetUtcNow().UtcDateTime, "out", waId, body, wamid));

    /// <summary>Keeps a file the simulated phone sends; its id goes into the webhook like Meta's media ids.</summary>
    public (string Id, string Sha256) StoreMedia(byte[] content, string mimeType, string? fileName)
    {
        lock (_media)
        {
            var id = "dev-media-" + (_media.Count + 1).ToString(CultureInfo.InvariantCulture);
            _media[id] = new(content, mimeType, fileName);
            return (id, Convert.ToBase64String(SHA256.HashData(content)));
        }
    }

    private Entry Add(Entry entry)
    {
        lock (_entries)
        {
            var numbered = entry with { Sequence = ++_sequence };
            _entries.Add(numbered);
            if (_entries.Count > MaxKept)
            {
                _entries.RemoveAt(0);
            }

            return numbered;
        }
    }

    /// <summary>/dev/graph/{version}/{phone}/messages and /media, media lookup and download: the Graph API's
    /// shapes, the configured token required as on the real one.</summary>
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        var graph = endpoints.MapGroup(Prefix).AllowAnonymous().DisableAntiforgery().ExcludeFromDescription();
        graph.MapPost("/{version}/{phone}/messages", async (HttpRequest request, string phone, DevGraphApi api) =>
        {
            if (api.Refusal(request, phone) is { } refused)
            {
                return refused;
            }

            JsonObject? body;
            try
            {
                body = await JsonNode.ParseAsync(request.Body) as JsonObject;
            }
            catch (JsonException)
            {
                body = null;
            }

            if (body?["to"]?.GetValue<string>() is not { Length: > 0 } to)
            {
                return Error(StatusCodes.Status400BadRequest, 100, "(#100) The parameter to is required.");
            }

            var wamid = "wamid.DEV" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
            api.RecordOutbound(to, body.ToJsonString(), wamid);
            return Results.Json(new
            {
                messaging_product = "whatsapp",
                contacts = new[] { new { input = to, wa_id = to } },
                messages = new[] { new { id = wamid, message_status = "accepted" } },
            });
        });
        graph.MapPost("/{version}/{phone}/media", async (HttpRequest request, string phone, DevGraphApi api) =>
        {
            if (api.Refusal(request, phone) is { } refused)
            {
                return refused;
            }

            var form = request.HasFormContentType ? await request.ReadFormAsync() : null;
            if (form?.Files["file"] is not { } file)
            {
                return Error(StatusCodes.Status400BadRequest, 100, "(#100) The parameter file is required.");
            }

            using var content = new MemoryStream();
            await file.CopyToAsync(content);
            var type = form["type"].ToString() is { Length: > 0 } t ? t : file.ContentType;
            return Results.Json(new { id = api.StoreMedia(content.ToArray(), type, file.FileName).Id });
        });
        graph.MapGet("/{version}/{id}", (HttpRequest request, string id, DevGraphApi api) =>
        {
            if (api.Refusal(request, null) is { } refused)
            {
                return refused;
            }

            Media? media;
            lock (api._media)
            {
                media = api._media.GetValueOrDefault(id);
            }

            return media is null
                ? Error(StatusCodes.Status400BadRequest, 100, "(#100) Unsupported get request.")
                : Results.Json(new
                {
                    messaging_product = "whatsapp",
                    url = $"{request.Scheme}://{request.Host}{request.PathBase}{Prefix}/media/{Uri.EscapeDataString(id)}",
                    mime_type = media.MimeType,
                    sha256 = Convert.ToHexString(SHA256.HashData(media.Content)).ToLowerInvariant(),
                    file_size = media.Content.Length.ToString(CultureInfo.InvariantCulture),
                    id,
                });
        });
        graph.MapGet("/media/{id}", (HttpRequest request, string id, DevGraphApi api) =>
        {
            Media? media;
            lock (api._media)
            {
                media = api._media.GetValueOrDefault(id);
            }

            return api.Refusal(request, null) is null && media is not null ? Results.File(media.Content, media.MimeType, media.FileName) : Results.NotFound();
        });
    }

    /// <summary>Graph's answer to a wrong token (190) or an unknown phone number id (100), else null.</summary>
    private IResult? Refusal(HttpRequest request, string? phone)
    {
        var settings = options.Value;
        var expected = "Bearer " + settings.AccessToken;
        if (string.IsNullOrEmpty(settings.AccessToken) || !CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(request.Headers.Authorization.ToString()), Encoding.UTF8.GetBytes(expected)))
        {
            return Error(StatusCodes.Status401Unauthorized, 190, "(#190) Invalid OAuth access token.");
        }

        return phone is not null && phone != settings.PhoneNumberId
            ? Error(StatusCodes.Status400BadRequest, 100, $"(#100) Unsupported post request. Object with ID '{phone}' does not exist.")
            : null;
    }

    private static IResult Error(int status, int code, string message) => Results.Json(new
    {
        error = new { message, type = "OAuthException", code, fbtrace_id = "Adev" + code.ToString(CultureInfo.InvariantCulture) },
    }, statusCode: status);
}
