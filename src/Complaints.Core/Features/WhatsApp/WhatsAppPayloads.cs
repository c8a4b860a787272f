using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;

namespace Complaints.Core.Features.WhatsApp;

/// <summary>
/// Reads what Meta's Cloud API posts to the webhook (design: WHATSAPP.md §4-7): the envelope split into inbox
/// events, then each stored event into what the chatbot or the outbox needs. Every field Meta may leave out is
/// treated as optional; a message we cannot read throws <see cref="FormatException"/> so the inbox records a
/// failed attempt instead of guessing.
/// </summary>
public static class WhatsAppPayloads
{
    /// <summary>One element of messages[], statuses[] or errors[], as it will be stored.</summary>
    public sealed record InboxEvent(string ExternalKey, InboxKind Kind, string? WaId, string? ContactName, DateTime? OccurredAtUtc, string Payload);

    /// <summary>A delivery status of one of our messages; <paramref name="Error"/> only when it failed.</summary>
    public sealed record StatusEvent(string MessageId, DeliveryStatus? Status, string RawStatus, DateTime? AtUtc, string? Error);

    /// <summary>Splits a webhook body into inbox events, over all entry[] and changes[] of field "messages"
    /// (other fields are account notifications the channel does not use). The payloads are the exact JSON text
    /// received, kept as the audit trail. Throws <see cref="JsonException"/> on malformed JSON and
    /// <see cref="FormatException"/> when the root is not an object.</summary>
    public static IReadOnlyList<InboxEvent> Events(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The webhook body is not a JSON object.");
        }

        var events = new List<InboxEvent>();
        foreach (var entry in Array(root, "entry"))
        {
            foreach (var change in Array(entry, "changes"))
            {
                if (String(change, "field") != "messages" || !change.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var names = Array(value, "contacts")
                    .Select(c => (WaId: String(c, "wa_id"), Name: c.TryGetProperty("profile", out var p) ? String(p, "name") : null))
                    .Where(c => c.WaId is not null)
                    .GroupBy(c => c.WaId!)
                    .ToDictionary(g => g.Key, g => g.First().Name);
                foreach (var message in Array(value, "messages"))
                {
                    var from = String(message, "from");
                    var raw = message.GetRawText();
                    events.Add(new InboxEvent(
                        Key(String(message, "id") ?? "message:" + Sha256(raw)),
                        InboxKind.Message,
                        from,
                        from is not null && names.TryGetValue(from, out var name) ? name : null,
                        UnixTime(message),
                        raw));
                }

                foreach (var status in Array(value, "statuses"))
                {
                    var raw = status.GetRawText();
                    var key = String(status, "id") is { } id ? $"status:{id}:{String(status, "status")}" : "status:" + Sha256(raw);
                    events.Add(new InboxEvent(Key(key), InboxKind.Status, String(status, "recipient_id"), null, UnixTime(status), raw));
                }

                foreach (var error in Array(value, "errors"))
                {
                    var raw = error.GetRawText();
                    events.Add(new InboxEvent("error:" + Sha256(raw), InboxKind.Error, null, null, UnixTime(error), raw));
                }
            }
        }

        return events;
    }

    /// <summary>A stored message as the chatbot reads it. Throws <see cref="FormatException"/> when the sender,
    /// id, time or type is missing or unreadable.</summary>
    public static InboundMessage Message(string payload, string? contactName)
    {
        using var document = Parse(payload);
        var m = document.RootElement;
        var id = String(m, "id") ?? throw new FormatException("The message has no id.");
        var from = String(m, "from") ?? throw new FormatException($"Message {id} has no sender.");
        var type = String(m, "type") ?? throw new FormatException($"Message {id} has no type.");
        var sentAt = UnixTime(m) ?? throw new FormatException($"Message {id} has no readable timestamp.");
        string? text = null, replyId = null, replyTitle = null;
        InboundMedia? media = null;
        switch (type)
        {
            case "text":
                text = Object(m, "text") is { } t ? String(t, "body") : null;
                break;
            case "interactive" when Object(m, "interactive") is { } interactive:
                var reply = Object(interactive, String(interactive, "type") ?? "");
                if (reply is { } r)
                {
                    replyId = String(r, "id");
                    replyTitle = String(r, "title");
                    text = replyTitle;
                }

                break;
            case "button" when Object(m, "button") is { } button:
                // A quick-reply button of a template: the payload is ours, the text is what the consumer saw.
                replyId = String(button, "payload");
                replyTitle = String(button, "text");
                text = replyTitle;
                break;
            case "image" or "document" or "audio" or "video" or "sticker" when Object(m, type) is { } file:
                media = new InboundMedia(
                    String(file, "id") ?? throw new FormatException($"The {type} of message {id} has no media id."),
                    String(file, "mime_type") ?? "application/octet-stream",
                    String(file, "filename"),
                    String(file, "caption"),
                    String(file, "sha256"));
                text = media.Caption;
                break;
            case "reaction" when Object(m, "reaction") is { } reaction:
                text = String(reaction, "emoji");
                replyId = String(reaction, "message_id");
                break;
            case "location" when Object(m, "location") is { } location:
                text = String(location, "name") ?? String(location, "address");
                break;
            case "system" when Object(m, "system") is { } system:
                text = String(system, "body");
                break;
        }

        return new InboundMessage(id, from, contactName, sentAt, type, text, replyId, replyTitle, media);
    }

    /// <summary>A stored status. Statuses WhatsApp adds later (e.g. "played" for voice notes) have no
    /// <see cref="StatusEvent.Status"/>; the caller ignores them.</summary>
    public static StatusEvent Status(string payload)
    {
        using var document = Parse(payload);
        var s = document.RootElement;
        var id = String(s, "id") ?? throw new FormatException("The status has no message id.");
        var raw = String(s, "status") ?? "";
        DeliveryStatus? status = raw switch
        {
            "sent" => DeliveryStatus.Sent,
            "delivered" => DeliveryStatus.Delivered,
            "read" => DeliveryStatus.Read,
            "failed" => DeliveryStatus.Failed,
            _ => null,
        };
        var error = status == DeliveryStatus.Failed ? Errors(s) ?? "failed" : null;
        return new StatusEvent(id, status, raw, UnixTime(s), error);
    }

    /// <summary>"131047 Re-engagement message: More than 24 hours have passed …" for each error, joined.</summary>
    public static string? Errors(JsonElement element)
    {
        var lines = Array(element, "errors").Select(Describe).ToList();
        return lines.Count == 0 ? null : string.Join("; ", lines);
    }

    /// <summary>One error object (errors[] item, or an error event) as a line for logs and the outbox.</summary>
    public static string Describe(JsonElement error)
    {
        var code = error.TryGetProperty("code", out var c) ? c.ToString() : "?";
        var title = String(error, "title") ?? String(error, "message") ?? "";
        var details = Object(error, "error_data") is { } data ? String(data, "details") : null;
        return details is null ? $"{code} {title}".Trim() : $"{code} {title}: {details}";
    }

    /// <summary>A stored error event as one line.</summary>
    public static string Error(string payload)
    {
        using var document = Parse(payload);
        return Describe(document.RootElement);
    }

    private static JsonDocument Parse(string payload)
    {
        try
        {
            var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new FormatException("The stored event is not a JSON object.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw new FormatException("The stored event is not valid JSON.", e);
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static JsonElement? Object(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>Meta sends Unix seconds as a string; a number is accepted too.</summary>
    private static DateTime? UnixTime(JsonElement element)
    {
        if (!element.TryGetProperty("timestamp", out var value))
        {
            return null;
        }

        long seconds = 0;
        var ok = value.ValueKind == JsonValueKind.String
            ? long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out seconds)
            : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out seconds);
        return ok && seconds is > 0 and < 253_402_300_800 ? DateTime.UnixEpoch.AddSeconds(seconds) : null;
    }

    /// <summary>The inbox key column holds 300 characters; a longer id (none seen so far) is hashed.</summary>
    private static string Key(string key) => key.Length <= 300 ? key : "sha256:" + Sha256(key);

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
