using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Complaints.Core.Features.WhatsApp;
using Microsoft.Extensions.Options;

namespace Complaints.Web.WhatsApp;

/// <summary>
/// Development only: plays a consumer's phone. Builds the webhook body Meta would send for a message (text, a
/// button or list reply, an image or document), signs it with WhatsApp:AppSecret exactly as Meta does, and POSTs it
/// over HTTP to the app's own webhook, so everything after the signature check runs as in production.
/// </summary>
public sealed class DevWhatsAppSimulator(IHttpClientFactory clients, IOptions<WhatsAppOptions> options, DevGraphApi graph, TimeProvider clock)
{
    public const string ClientName = "whatsapp-dev-simulator";

    /// <summary>The business number shown in webhook metadata (Meta's test numbers start with 1555).</summary>
    private const string DisplayPhoneNumber = "15550157157";

    public sealed record Reply(string Kind, string Id, string Title, string? Description);

    public sealed record Attachment(byte[] Content, string MimeType, string FileName);

    public Task<int> SendTextAsync(Uri webhook, string waId, string? name, string text, CancellationToken ct) =>
        PostAsync(webhook, waId, name, "text", new JsonObject { ["body"] = text }, null, ct);

    /// <summary>A tap on a reply button ("button_reply") or a list row ("list_reply") of the app's last message.</summary>
    public Task<int> SendReplyAsync(Uri webhook, string waId, string? name, Reply reply, string? contextWamid, CancellationToken ct)
    {
        var chosen = new JsonObject { ["id"] = reply.Id, ["title"] = reply.Title };
        if (reply.Kind == "list_reply" && reply.Description is { Length: > 0 } description)
        {
            chosen["description"] = description;
        }

        var interactive = new JsonObject { ["type"] = reply.Kind, [reply.Kind] = chosen };
        var context = contextWamid is null ? null : new JsonObject { ["from"] = DisplayPhoneNumber, ["id"] = contextWamid };
        return PostAsync(webhook, waId, name, "interactive", interactive, context, ct);
    }

    /// <summary>A photo or document: kept by the stand-in Graph API under a media id the app can download.</summary>
    public Task<int> SendMediaAsync(Uri webhook, string waId, string? name, Attachment file, string? caption, CancellationToken ct)
    {
        var (id, sha256) = graph.StoreMedia(file.Content, file.MimeType, file.FileName);
        var type = file.MimeType.StartsWith("image/", StringComparison.Ordinal) ? "image" : "document";
        var media = new JsonObject { ["id"] = id, ["mime_type"] = file.MimeType, ["sha256"] = sha256 };
        if (type == "document")
        {
            media["filename"] = file.FileName;
        }

        if (caption is { Length: > 0 })
        {
            media["caption"] = caption;
        }

        return PostAsync(webhook, waId, name, type, media, null, ct);
    }

    private async Task<int> PostAsync(Uri webhook, string waId, string? name, string type, JsonObject content, JsonObject? context, CancellationToken ct)
    {
        var settings = options.Value;
        var wamid = "wamid.SIM" + Guid.NewGuid().ToString("N")[..20].ToUpperInvariant();
        var message = new JsonObject
        {
            ["from"] = waId,
            ["id"] = wamid,
            ["timestamp"] = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            ["type"] = type,
            [type] = content,
        };
        if (context is not null)
        {
            message["context"] = context;
        }

        var envelope = new JsonObject
        {
            ["object"] = "whatsapp_business_account",
            ["entry"] = new JsonArray(new JsonObject
            {
                ["id"] = "dev-waba",
                ["changes"] = new JsonArray(new JsonObject
                {
                    ["field"] = "messages",
                    ["value"] = new JsonObject
                    {
                        ["messaging_product"] = "whatsapp",
                        ["metadata"] = new JsonObject { ["display_phone_number"] = DisplayPhoneNumber, ["phone_number_id"] = settings.PhoneNumberId },
                        ["contacts"] = new JsonArray(new JsonObject { ["profile"] = new JsonObject { ["name"] = name ?? waId }, ["wa_id"] = waId }),
                        ["messages"] = new JsonArray(message),
                    },
                }),
            }),
        };

        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString());
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(WebhookController.SignatureHeader, WebhookController.Sign(body, settings.AppSecret ?? ""));
        int status;
        try
        {
            using var response = await clients.CreateClient(ClientName).SendAsync(request, ct);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0;
        }

        graph.RecordInbound(waId, message.ToJsonString(), wamid, status);
        return status;
    }
}
