namespace Complaints.Core.Features.Notifications;

/// <summary>Section "Notifications": where links point, how hard the dispatcher tries, and the channels' peers.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>The address consumers and staff open links at (the tracking page, the portals).</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    /// <summary>Attempts before a message is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>The wait after the first failure; it doubles after each further one (1, 2, 4, 8, 16 minutes).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long a dispatcher holds the messages it took; after a crash another node takes them over.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);

    public EmailOptions Email { get; set; } = new();

    public SmsOptions Sms { get; set; } = new();

    /// <summary>The wait before attempt <paramref name="attempt"/>+1 after <paramref name="attempt"/> failures,
    /// or null when no attempt is left.</summary>
    public TimeSpan? RetryDelay(int attempt)
    {
        if (attempt >= MaxAttempts)
        {
            return null;
        }

        var delay = RetryBaseDelay * Math.Pow(2, Math.Max(0, attempt - 1));
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }
}

public sealed class EmailOptions
{
    /// <summary>The SMTP server; empty with <see cref="PickupDirectory"/> set writes .eml files instead (development).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    /// <summary>From configuration or a secret store only.</summary>
    public string? Password { get; set; }

    public string FromAddress { get; set; } = "pengaduan@complaints.local";

    public string FromName { get; set; } = "Layanan Pengaduan Konsumen";

    /// <summary>A folder to drop messages in as .eml files, for machines without an SMTP server.</summary>
    public string? PickupDirectory { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}

public sealed class SmsOptions
{
    /// <summary>The gateway's send address; SMS is offered only when it is set.</summary>
    public string? Url { get; set; }

    /// <summary>Sent as a bearer token when set. From configuration or a secret store only.</summary>
    public string? ApiKey { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);
}
