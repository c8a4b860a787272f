namespace Complaints.Core.Domain.Notifications;

/// <summary>
/// An administrator's wording of one notification in one language, replacing the shipped default
/// (<c>NotificationTemplates.Defaults</c>); deleting the row restores the default.
/// </summary>
public sealed class NotificationTemplate
{
    public required string Key { get; init; }

    /// <summary>"id" or "en".</summary>
    public required string Culture { get; init; }

    /// <summary>The email subject.</summary>
    public required string Subject { get; set; }

    /// <summary>The email body (plain text, placeholders in braces).</summary>
    public required string Body { get; set; }

    /// <summary>The SMS text and the WhatsApp template's text: short, its placeholders become the WhatsApp
    /// template's parameters in order.</summary>
    public required string ShortText { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedById { get; set; }
}
