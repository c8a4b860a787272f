namespace Complaints.Core.Features.WhatsApp;

/// <summary>Section "WhatsApp": the Cloud API account, the webhook's secrets, and how agents work the chats.</summary>
public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";

    /// <summary>The token typed in Meta's dashboard for the webhook handshake. From configuration or a secret store.</summary>
    public string? VerifyToken { get; set; }

    /// <summary>The app secret that signs webhook bodies (X-Hub-Signature-256). From configuration or a secret store.</summary>
    public string? AppSecret { get; set; }

    /// <summary>The Graph API; a loopback peer in tests and in the development simulator.</summary>
    public string GraphBaseUrl { get; set; } = "https://graph.facebook.com";

    public string ApiVersion { get; set; } = "v23.0";

    public string? PhoneNumberId { get; set; }

    /// <summary>The system-user access token. From configuration or a secret store.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Sending is real only when the account is configured; otherwise messages are recorded, not sent.</summary>
    public bool SendingEnabled => !string.IsNullOrWhiteSpace(PhoneNumberId) && !string.IsNullOrWhiteSpace(AccessToken);

    /// <summary>Largest webhook body accepted.</summary>
    public int MaxBodyBytes { get; set; } = 1_048_576;

    /// <summary>Agents work on working days between these Jakarta times.</summary>
    public TimeOnly AgentHoursStart { get; set; } = new(7, 40);

    public TimeOnly AgentHoursEnd { get; set; } = new(15, 40);

    public int MaxChatsPerAgent { get; set; } = 4;

    /// <summary>An assigned chat without an agent reply for this long goes back to the queue.</summary>
    public TimeSpan AgentReplyTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A conversation idle this long expires (politely, while the 24-hour window allows a message).</summary>
    public TimeSpan IdleExpiry { get; set; } = TimeSpan.FromHours(24);
}
