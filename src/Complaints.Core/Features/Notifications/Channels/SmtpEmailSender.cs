using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;
using Complaints.Core.Domain.Notifications;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Notifications.Channels;

/// <summary>
/// Email over SMTP with System.Net.Mail: plain UTF-8 text, our own Message-ID (so a message is traceable in the
/// mail server's logs), files attached. Without a host, messages are written as .eml files to the pickup folder
/// (development machines).
/// </summary>
public sealed class SmtpEmailSender(IOptions<NotificationOptions> options) : INotificationSender
{
    public NotificationChannel Channel => NotificationChannel.Email;

    public async Task<SendOutcome> SendAsync(OutboxMessage message, IReadOnlyList<MessageFile> files, CancellationToken ct)
    {
        var settings = options.Value.Email;
        using var mail = new MailMessage
        {
            From = new MailAddress(settings.FromAddress, settings.FromName, Encoding.UTF8),
            Subject = message.Subject ?? "",
            SubjectEncoding = Encoding.UTF8,
            Body = message.Body,
            BodyEncoding = Encoding.UTF8,
            IsBodyHtml = false,
        };
        try
        {
            mail.To.Add(new MailAddress(message.Recipient));
        }
        catch (FormatException e)
        {
            return SendOutcome.Failed("Invalid address: " + e.Message, permanent: true);
        }

        var messageId = $"<outbox-{message.Id}.{Guid.NewGuid():N}@{new MailAddress(settings.FromAddress).Host}>";
        mail.Headers["Message-ID"] = messageId;
        mail.Headers["Content-Language"] = message.Culture;
        foreach (var file in files)
        {
            mail.Attachments.Add(new System.Net.Mail.Attachment(new MemoryStream(file.Content), file.FileName, file.ContentType));
        }

        using var client = Client(settings);
        try
        {
            await client.SendMailAsync(mail, ct);
            return SendOutcome.Sent(messageId);
        }
        catch (SmtpFailedRecipientException e) when (IsPermanent(e.StatusCode))
        {
            return SendOutcome.Failed($"SMTP {(int)e.StatusCode} {e.StatusCode}: {e.Message}", permanent: true);
        }
        catch (SmtpException e)
        {
            // Connection failures (GeneralFailure), busy servers (4xx) and timeouts are worth another try.
            return SendOutcome.Failed($"SMTP {(int)e.StatusCode} {e.StatusCode}: {e.InnerException?.Message ?? e.Message}", IsPermanent(e.StatusCode));
        }
        catch (IOException e)
        {
            return SendOutcome.Failed("SMTP I/O: " + e.Message);
        }
    }

    /// <summary>5xx replies mean the server will never take this message as it is.</summary>
    private static bool IsPermanent(SmtpStatusCode code) => (int)code is >= 500 and < 600;

    private static SmtpClient Client(EmailOptions settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Host))
        {
            var folder = settings.PickupDirectory
                ?? throw new InvalidOperationException("Notifications:Email needs a Host or a PickupDirectory.");
            Directory.CreateDirectory(folder);
            return new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = Path.GetFullPath(folder) };
        }

        var client = new SmtpClient(settings.Host, settings.Port)
        {
            EnableSsl = settings.EnableSsl,
            Timeout = (int)settings.Timeout.TotalMilliseconds,
            DeliveryMethod = SmtpDeliveryMethod.Network,
        };
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            client.Credentials = new NetworkCredential(settings.UserName, settings.Password);
        }

        return client;
    }
}
