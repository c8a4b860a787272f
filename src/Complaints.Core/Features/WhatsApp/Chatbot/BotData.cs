using System.Text.Json;

namespace Complaints.Core.Features.WhatsApp.Chatbot;

/// <summary>
/// What the chatbot keeps between messages (Conversation.BotData, JSON): the candidates it offered, the tracking
/// number being checked, and the complaint being filed, so a consumer who leaves can continue within 24 hours.
/// </summary>
public sealed class BotData
{
    /// <summary>The tracking number typed before the PIN is asked.</summary>
    public string? TrackingNumber { get; set; }

    /// <summary>The complaint being filed, field by field.</summary>
    public ComplaintDraft? Draft { get; set; }

    /// <summary>The step the consumer was at when the bot asked whether to continue.</summary>
    public string? ResumeStep { get; set; }

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static BotData Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new();
        }

        try
        {
            return JsonSerializer.Deserialize<BotData>(json, Options) ?? new();
        }
        catch (JsonException)
        {
            // A shape from an older version: starting over beats failing every message of the conversation.
            return new();
        }
    }

    public string? Write() => TrackingNumber is null && Draft is null && ResumeStep is null ? null : JsonSerializer.Serialize(this, Options);
}

/// <summary>The web form's fields, as collected over WhatsApp.</summary>
public sealed class ComplaintDraft
{
    public int? InstitutionId { get; set; }

    public string? InstitutionName { get; set; }

    /// <summary>The name as typed, while the bot asks whether it meant the registry's match.</summary>
    public string? InstitutionTyped { get; set; }

    public string? Sector { get; set; }

    public string? Product { get; set; }

    public string? IssueCategory { get; set; }

    public string? Description { get; set; }

    public long? LossAmount { get; set; }

    public string? RequestedResolution { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Nik { get; set; }

    public List<DraftMedia> Media { get; set; } = [];
}

/// <summary>A photo or document the consumer sent for the complaint; fetched from WhatsApp when the case is filed.</summary>
public sealed record DraftMedia(string Id, string MimeType, string? FileName, string? Sha256 = null);
