using System.Text.Json;
using Complaints.Web.WhatsApp;

namespace Complaints.Web.Areas.Regulator.Models;

/// <summary>The development WhatsApp simulator: the simulated phone, the conversation both ways, and the options of
/// the app's last interactive message as buttons to tap.</summary>
public sealed record DevWhatsAppPage(
    string WaId,
    string Name,
    IReadOnlyList<DevWhatsAppLine> Lines,
    IReadOnlyList<DevWhatsAppSimulator.Reply> Options,
    string? OptionsContext,
    string? Notice,
    bool SecretConfigured,
    bool GraphIsLocal);

/// <summary>One message as the phone shows it: who, when, a readable summary and the raw JSON.</summary>
public sealed record DevWhatsAppLine(bool FromApp, DateTime AtUtc, string Summary, string Json, string? Wamid, int? WebhookStatus);

/// <summary>Reads the Graph bodies the simulator shows: a one-line summary and the choices an interactive offers.</summary>
public static class DevWhatsAppBodies
{
    public static DevWhatsAppLine Line(DevGraphApi.Entry entry)
    {
        using var json = JsonDocument.Parse(entry.Body);
        var root = json.RootElement;
        return new(entry.Direction == "out", entry.AtUtc, Summary(root), JsonSerializer.Serialize(root, Indented), entry.Wamid, entry.WebhookStatus);
    }

    public static string Summary(JsonElement body)
    {
        var type = Text(body, "type") ?? "?";
        var content = body.TryGetProperty(type, out var c) ? c : default;
        return type switch
        {
            "text" => Text(content, "body") ?? "",
            "interactive" when Text(content, "type") is "button_reply" or "list_reply" =>
                "▸ " + Text(content.GetProperty(Text(content, "type")!), "title"),
            "interactive" => Text(content.TryGetProperty("body", out var b) ? b : default, "text") ?? "",
            "document" or "image" => "[" + type + "] " + string.Join(" — ", new[] { Text(content, "filename"), Text(content, "caption"), Text(content, "id") }.Where(s => s is { Length: > 0 })),
            "template" => "[template] " + Text(content, "name") + " (" + Text(content.TryGetProperty("language", out var l) ? l : default, "code") + "): "
                + string.Join(" | ", Parameters(content)),
            _ => "[" + type + "]",
        };
    }

    /// <summary>The reply buttons or list rows of an interactive message the app sent, as the replies they make.</summary>
    public static IReadOnlyList<DevWhatsAppSimulator.Reply> Options(string body)
    {
        using var json = JsonDocument.Parse(body);
        if (Text(json.RootElement, "type") != "interactive" || !json.RootElement.TryGetProperty("interactive", out var interactive)
            || !interactive.TryGetProperty("action", out var action))
        {
            return [];
        }

        if (Text(interactive, "type") == "button" && action.TryGetProperty("buttons", out var buttons))
        {
            return [.. buttons.EnumerateArray().Where(b => b.TryGetProperty("reply", out _))
                .Select(b => new DevWhatsAppSimulator.Reply("button_reply", Text(b.GetProperty("reply"), "id") ?? "", Text(b.GetProperty("reply"), "title") ?? "", null))];
        }

        if (Text(interactive, "type") == "list" && action.TryGetProperty("sections", out var sections))
        {
            return [.. sections.EnumerateArray().Where(s => s.TryGetProperty("rows", out _)).SelectMany(s => s.GetProperty("rows").EnumerateArray())
                .Select(r => new DevWhatsAppSimulator.Reply("list_reply", Text(r, "id") ?? "", Text(r, "title") ?? "", Text(r, "description")))];
        }

        return [];
    }

    private static IEnumerable<string> Parameters(JsonElement template) =>
        template.ValueKind == JsonValueKind.Object && template.TryGetProperty("components", out var components)
            ? components.EnumerateArray().Where(c => c.TryGetProperty("parameters", out _))
                .SelectMany(c => c.GetProperty("parameters").EnumerateArray()).Select(p => Text(p, "text") ?? "")
            : [];

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
