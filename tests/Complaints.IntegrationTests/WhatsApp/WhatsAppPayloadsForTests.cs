using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Complaints.IntegrationTests.WhatsApp;

/// <summary>
/// Webhook bodies shaped like Meta's (WHATSAPP.md §4-7) and a signer for them, for any test that plays Meta:
/// build message and status objects, wrap them in an envelope, post it signed (or not) to the webhook.
/// </summary>
public static class WhatsAppPayloadsForTests
{
    public const string VerifyToken = "token-uji-webhook";

    public const string AppSecret = "rahasia-aplikasi-uji";

    public const string WebhookPath = "/webhooks/whatsapp";

    public const string BusinessNumber = "6281500157";

    /// <summary>The settings an app needs for the webhook to accept these bodies.</summary>
    public static Dictionary<string, string?> Settings => new()
    {
        ["WhatsApp:VerifyToken"] = VerifyToken,
        ["WhatsApp:AppSecret"] = AppSecret,
    };

    public static long Unix(DateTime utc) => new DateTimeOffset(utc, TimeSpan.Zero).ToUnixTimeSeconds();

    /// <summary>A fresh wamid, as unique as Meta's.</summary>
    public static string NewId() => "wamid.HBgN" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('/', '_').Replace('+', '-');

    /// <summary>A fresh Indonesian mobile number in WhatsApp form (digits, no plus).</summary>
    public static string NewWaId() => "62812" + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);

    public static JsonObject Text(string from, string body, DateTime at, string? id = null) =>
        Message(from, id, at, "text", new JsonObject { ["body"] = body });

    public static JsonObject ButtonReply(string from, string replyId, string title, DateTime at, string? id = null, string? repliedTo = null)
    {
        var m = Message(from, id, at, "interactive", new JsonObject
        {
            ["type"] = "button_reply",
            ["button_reply"] = new JsonObject { ["id"] = replyId, ["title"] = title },
        });
        m["context"] = new JsonObject { ["from"] = BusinessNumber, ["id"] = repliedTo ?? NewId() };
        return m;
    }

    public static JsonObject ListReply(string from, string rowId, string title, string? description, DateTime at, string? id = null, string? repliedTo = null)
    {
        var row = new JsonObject { ["id"] = rowId, ["title"] = title };
        if (description is not null)
        {
            row["description"] = description;
        }

        var m = Message(from, id, at, "interactive", new JsonObject { ["type"] = "list_reply", ["list_reply"] = row });
        m["context"] = new JsonObject { ["from"] = BusinessNumber, ["id"] = repliedTo ?? NewId() };
        return m;
    }

    public static JsonObject Image(string from, string mediaId, string? caption, DateTime at, string? id = null)
    {
        var image = new JsonObject { ["id"] = mediaId, ["mime_type"] = "image/jpeg", ["sha256"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };
        if (caption is not null)
        {
            image["caption"] = caption;
        }

        return Message(from, id, at, "image", image);
    }

    public static JsonObject Document(string from, string mediaId, string fileName, DateTime at, string mimeType = "application/pdf", string? caption = null, string? id = null)
    {
        var document = new JsonObject
        {
            ["id"] = mediaId,
            ["mime_type"] = mimeType,
            ["sha256"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["filename"] = fileName,
        };
        if (caption is not null)
        {
            document["caption"] = caption;
        }

        return Message(from, id, at, "document", document);
    }

    /// <summary>A delivery status of one of our messages: sent, delivered, read, or failed (with
    /// <paramref name="errorCode"/>, title and details).</summary>
    public static JsonObject Status(string messageId, string status, string recipient, DateTime at,
        int? errorCode = null, string? errorTitle = null, string? errorDetails = null)
    {
        var s = new JsonObject
        {
            ["id"] = messageId,
            ["status"] = status,
            ["timestamp"] = Unix(at).ToString(CultureInfo.InvariantCulture),
            ["recipient_id"] = recipient,
        };
        if (status == "sent")
        {
            s["conversation"] = new JsonObject { ["id"] = "conv-" + messageId[^6..], ["origin"] = new JsonObject { ["type"] = "service" } };
            s["pricing"] = new JsonObject { ["billable"] = false, ["pricing_model"] = "PMP", ["category"] = "service", ["type"] = "free_customer_service" };
        }

        if (errorCode is { } code)
        {
            s["errors"] = new JsonArray(new JsonObject
            {
                ["code"] = code,
                ["title"] = errorTitle ?? "",
                ["message"] = errorTitle ?? "",
                ["error_data"] = new JsonObject { ["details"] = errorDetails ?? "" },
                ["href"] = "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/",
            });
        }

        return s;
    }

    /// <summary>The envelope Meta posts: one entry, one "messages" change carrying the given messages (with a
    /// contact for each sender), statuses and errors.</summary>
    public static string Envelope(IEnumerable<JsonObject>? messages = null, IEnumerable<JsonObject>? statuses = null,
        IReadOnlyDictionary<string, string>? names = null, IEnumerable<JsonObject>? errors = null)
    {
        var value = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["metadata"] = new JsonObject { ["display_phone_number"] = BusinessNumber, ["phone_number_id"] = "109876543210987" },
        };
        if (messages?.ToList() is { Count: > 0 } list)
        {
            value["contacts"] = new JsonArray([.. list.Select(m => (string)m["from"]!).Distinct().Select(from => (JsonNode)new JsonObject
            {
                ["profile"] = new JsonObject { ["name"] = names is not null && names.TryGetValue(from, out var n) ? n : "Konsumen " + from[^4..] },
                ["wa_id"] = from,
            })]);
            value["messages"] = new JsonArray([.. list.Select(m => (JsonNode)m.DeepClone())]);
        }

        if (statuses?.ToList() is { Count: > 0 } s)
        {
            value["statuses"] = new JsonArray([.. s.Select(x => (JsonNode)x.DeepClone())]);
        }

        if (errors?.ToList() is { Count: > 0 } e)
        {
            value["errors"] = new JsonArray([.. e.Select(x => (JsonNode)x.DeepClone())]);
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

    /// <summary>"sha256=" + HMAC-SHA256 of the bytes with the secret, lowercase hex: Meta's X-Hub-Signature-256.</summary>
    public static string Sign(byte[] body, string secret = AppSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Posts the body as Meta does: JSON, signed with <paramref name="secret"/> (unsigned when null).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string body, string? secret = AppSecret) =>
        PostAsync(client, Encoding.UTF8.GetBytes(body), secret);

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string? secret = AppSecret)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, WebhookPath) { Content = content };
        if (secret is not null)
        {
            request.Headers.Add("X-Hub-Signature-256", Sign(body, secret));
        }

        return await client.SendAsync(request);
    }

    private static JsonObject Message(string from, string? id, DateTime at, string type, JsonObject typed) => new()
    {
        ["from"] = from,
        ["id"] = id ?? NewId(),
        ["timestamp"] = Unix(at).ToString(CultureInfo.InvariantCulture),
        ["type"] = type,
        [type] = typed,
    };
}
