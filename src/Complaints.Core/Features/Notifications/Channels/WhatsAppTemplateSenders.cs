using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Notifications.Channels;

/// <summary>Sends a pre-approved WhatsApp template (outside the 24-hour window only templates are allowed).</summary>
public interface IWhatsAppTemplateSender
{
    Task<SendOutcome> SendTemplateAsync(string to, string templateName, string languageCode, IReadOnlyList<string> parameters, CancellationToken ct);
}

/// <summary>While no WhatsApp account is configured (WhatsApp:PhoneNumberId and AccessToken): records what would be
/// sent in the log and marks the outbox row "recorded", so the message and its parameters are kept and visible in
/// the back office.</summary>
public sealed class RecordingWhatsAppSender(ILogger<RecordingWhatsAppSender> logger) : IWhatsAppTemplateSender
{
    public const string Recorded = "recorded";

    public Task<SendOutcome> SendTemplateAsync(string to, string templateName, string languageCode, IReadOnlyList<string> parameters, CancellationToken ct)
    {
        logger.LogInformation("WhatsApp template {Template} ({Language}) to {To} recorded, not sent: {Parameters}",
            templateName, languageCode, Domain.Consumers.PhoneNumber.MaskForOwner(to), string.Join(" | ", parameters));
        return Task.FromResult(SendOutcome.Sent(Recorded));
    }

    /// <summary>A chatbot or agent reply (the Graph body without "to").</summary>
    public SendOutcome RecordFreeForm(string to, string payload)
    {
        logger.LogInformation("WhatsApp message to {To} recorded, not sent: {Payload}", Domain.Consumers.PhoneNumber.MaskForOwner(to), payload);
        return SendOutcome.Sent(Recorded);
    }

}

/// <summary>Templates through the Cloud API: the body component's text parameters in the order of the template's
/// placeholders, in the recipient's language.</summary>
public sealed class CloudWhatsAppTemplateSender(WhatsAppCloudApi api) : IWhatsAppTemplateSender
{
    public Task<SendOutcome> SendTemplateAsync(string to, string templateName, string languageCode, IReadOnlyList<string> parameters, CancellationToken ct)
    {
        var template = new JsonObject
        {
            ["name"] = templateName,
            ["language"] = new JsonObject { ["code"] = languageCode },
        };
        if (parameters.Count > 0)
        {
            template["components"] = new JsonArray(new JsonObject
            {
                ["type"] = "body",
                ["parameters"] = new JsonArray([.. parameters.Select(p => (JsonNode)new JsonObject { ["type"] = "text", ["text"] = Parameter(p) })]),
            });
        }

        return api.SendAsync(to, new JsonObject { ["type"] = "template", ["template"] = template }, ct);
    }

    /// <summary>Meta refuses template parameters that are empty or hold new lines, tabs or more than four spaces
    /// in a row (a staff note can); they become single spaces, an empty one a dash.</summary>
    public static string Parameter(string text)
    {
        var flat = Regex.Replace(text, @"\s*[\r\n\t]\s*| {5,}", " ").Trim();
        return flat.Length == 0 ? "-" : flat;
    }
}
