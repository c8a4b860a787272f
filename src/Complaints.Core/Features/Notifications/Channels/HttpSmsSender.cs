using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Notifications.Channels;

/// <summary>
/// SMS through an HTTP gateway: POST {to, text, reference} as JSON to Notifications:Sms:Url, with the API key as
/// a bearer token. 2xx is accepted (the gateway's "id" or "messageId" kept); 408, 429 and 5xx are retried; any
/// other 4xx is a refusal retrying cannot fix.
/// </summary>
public sealed class HttpSmsSender(HttpClient http, IOptions<NotificationOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Sms;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, IReadOnlyList<MessageFile> files, CancellationToken ct)
    {
        var settings = options.Value.Sms;
        if (!settings.Enabled)
        {
            return SendOutcome.Failed("Notifications:Sms:Url is not set.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, settings.Url)
        {
            Content = JsonContent.Create(new { to = message.Recipient, text = message.Body, reference = $"outbox-{message.Id}" }),
        };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ApiKey);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(settings.Timeout);
        try
        {
            using var response = await http.SendAsync(request, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                return SendOutcome.Sent(GatewayId(body));
            }

            var code = (int)response.StatusCode;
            var retry = response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || code >= 500;
            return SendOutcome.Failed($"SMS gateway {code}: {Trim(body)}", permanent: !retry);
        }
        catch (HttpRequestException e)
        {
            return SendOutcome.Failed("SMS gateway unreachable: " + e.Message);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SendOutcome.Failed("SMS gateway timed out.");
        }
    }

    private static string? GatewayId(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            foreach (var name in new[] { "id", "messageId" })
            {
                if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var id))
                {
                    return id.ToString();
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    private static string Trim(string body) => body.Length > 300 ? body[..300] : body;
}
