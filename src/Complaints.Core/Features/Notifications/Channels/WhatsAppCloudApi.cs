using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Complaints.Core.Features.WhatsApp;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Notifications.Channels;

/// <summary>Media fetched from the Graph API: the bytes and their type, or why they could not be had.</summary>
public sealed record WhatsAppMedia(byte[]? Content, string? MimeType, string? Error)
{
    public bool Succeeded => Content is not null;
}

/// <summary>
/// The WhatsApp Business Cloud API (Graph API) for one business phone number: sends message bodies, uploads the
/// media they refer to and downloads what consumers sent. Every call carries the system-user token as a bearer
/// token. Refusals follow Graph's error shape; throttling codes and 5xx are worth another try, other 4xx are not.
/// </summary>
public sealed class WhatsAppCloudApi(HttpClient http, IOptions<WhatsAppOptions> options)
{
    /// <summary>Graph error codes that mean "later" rather than "never": throughput (130429), too many messages
    /// to one user (131056) and the spam rate limit (131048).</summary>
    private static readonly HashSet<int> ThrottlingCodes = [130429, 131056, 131048];

    private WhatsAppOptions Settings => options.Value;

    /// <summary>Sends one message. <paramref name="payload"/> is the Graph body without the recipient
    /// ("type" and its object); the product, recipient type and "to" are added here.</summary>
    public async Task<SendOutcome> SendAsync(string to, JsonObject payload, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["recipient_type"] = "individual",
            ["to"] = to,
        };
        foreach (var (name, value) in payload)
        {
            if (name is not ("messaging_product" or "recipient_type" or "to"))
            {
                body[name] = value?.DeepClone();
            }
        }

        using var request = Request(HttpMethod.Post, $"{Settings.PhoneNumberId}/messages");
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        var (response, error) = await CallAsync(request, ct);
        if (error is not null)
        {
            return error;
        }

        var id = response!.RootElement.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array && messages.GetArrayLength() > 0
            && messages[0].TryGetProperty("id", out var wamid) ? wamid.GetString() : null;
        response.Dispose();
        return id is null ? SendOutcome.Failed("WhatsApp accepted the message without a message id.") : SendOutcome.Sent(id);
    }

    /// <summary>Uploads a file for a later message (the receipt PDF); the Graph API answers with its media id.</summary>
    public async Task<(string? MediaId, SendOutcome? Error)> UploadMediaAsync(byte[] content, string mimeType, string fileName, CancellationToken ct)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("whatsapp"), "messaging_product");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(mimeType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent(mimeType), "type");

        using var request = Request(HttpMethod.Post, $"{Settings.PhoneNumberId}/media");
        request.Content = form;
        var (response, error) = await CallAsync(request, ct);
        if (error is not null)
        {
            return (null, error);
        }

        using (response)
        {
            return response!.RootElement.TryGetProperty("id", out var id) && id.GetString() is { Length: > 0 } mediaId
                ? (mediaId, null)
                : (null, SendOutcome.Failed("WhatsApp accepted the upload without a media id."));
        }
    }

    /// <summary>
    /// Fetches a consumer's media: the Graph API gives a short-lived URL for the id, fetched at once with the same
    /// token. When the webhook gave a SHA-256 (hex or base64), the bytes must match it.
    /// </summary>
    public async Task<WhatsAppMedia> DownloadMediaAsync(string mediaId, string? expectedSha256, CancellationToken ct)
    {
        using var lookup = Request(HttpMethod.Get, Uri.EscapeDataString(mediaId));
        var (response, error) = await CallAsync(lookup, ct);
        if (error is not null)
        {
            return new(null, null, error.Error);
        }

        string? url, mimeType;
        using (response)
        {
            var root = response!.RootElement;
            url = root.TryGetProperty("url", out var u) ? u.GetString() : null;
            mimeType = root.TryGetProperty("mime_type", out var m) ? m.GetString() : null;
            expectedSha256 ??= root.TryGetProperty("sha256", out var s) ? s.GetString() : null;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var location) || location.Scheme is not ("https" or "http"))
        {
            return new(null, mimeType, "WhatsApp gave no download address for media " + mediaId + ".");
        }

        using var download = new HttpRequestMessage(HttpMethod.Get, location);
        download.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Settings.AccessToken);
        try
        {
            using var answer = await http.SendAsync(download, ct);
            if (!answer.IsSuccessStatusCode)
            {
                return new(null, mimeType, $"WhatsApp media download answered {(int)answer.StatusCode}.");
            }

            var bytes = await answer.Content.ReadAsByteArrayAsync(ct);
            if (expectedSha256 is { Length: > 0 } expected && !HashMatches(bytes, expected))
            {
                return new(null, mimeType, "WhatsApp media " + mediaId + " does not match its SHA-256.");
            }

            return new(bytes, mimeType ?? answer.Content.Headers.ContentType?.MediaType, null);
        }
        catch (HttpRequestException e)
        {
            return new(null, mimeType, "WhatsApp media download failed: " + e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new(null, mimeType, "WhatsApp media download timed out.");
        }
    }

    /// <summary>Meta sends the hash as base64 in webhooks and as hex from the media endpoint; either is accepted.</summary>
    private static bool HashMatches(byte[] content, string expected)
    {
        var actual = SHA256.HashData(content);
        var hex = Convert.ToHexString(actual);
        var base64 = Convert.ToBase64String(actual);
        var trimmed = expected.Trim();
        return string.Equals(hex, trimmed, StringComparison.OrdinalIgnoreCase)
            || string.Equals(base64, trimmed, StringComparison.Ordinal)
            || string.Equals(base64.TrimEnd('='), trimmed.TrimEnd('='), StringComparison.Ordinal);
    }

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, $"{Settings.GraphBaseUrl.TrimEnd('/')}/{Settings.ApiVersion.Trim('/')}/{path}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Settings.AccessToken);
        return request;
    }

    /// <summary>Sends a Graph call: the parsed JSON on success, else the outcome to record (retry or not).</summary>
    private async Task<(JsonDocument? Response, SendOutcome? Error)> CallAsync(HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            using var response = await http.SendAsync(request, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                try
                {
                    return (JsonDocument.Parse(text), null);
                }
                catch (JsonException)
                {
                    return (null, SendOutcome.Failed($"WhatsApp answered {(int)response.StatusCode} without JSON."));
                }
            }

            return (null, Refusal(response.StatusCode, text));
        }
        catch (HttpRequestException e)
        {
            return (null, SendOutcome.Failed("WhatsApp Cloud API unreachable: " + e.Message));
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return (null, SendOutcome.Failed("WhatsApp Cloud API timed out."));
        }
    }

    /// <summary>Reads Graph's {"error":{"message","code"}}: "(#code) message" is what operators look up in
    /// Meta's error-code list.</summary>
    private static SendOutcome Refusal(HttpStatusCode status, string body)
    {
        var statusCode = (int)status;
        int? code = null;
        string? message = null;
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                code = error.TryGetProperty("code", out var c) && c.TryGetInt32(out var n) ? n : null;
                message = error.TryGetProperty("message", out var m) ? m.GetString() : null;
            }
        }
        catch (JsonException)
        {
        }

        var text = message ?? (body.Length > 300 ? body[..300] : body);
        if (code is { } number && !text.StartsWith("(#", StringComparison.Ordinal))
        {
            text = $"(#{number}) {text}";
        }

        var retry = statusCode >= 500 || status == HttpStatusCode.TooManyRequests || (code is { } c2 && ThrottlingCodes.Contains(c2));
        return SendOutcome.Failed($"{text} [HTTP {statusCode}]", permanent: !retry);
    }
}
