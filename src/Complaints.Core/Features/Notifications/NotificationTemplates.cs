using System.Globalization;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.Notifications;

public enum NotificationAudience
{
    Consumer,
    Institution,
    Staff,
}

/// <summary>One notification: who reads it, whether a consumer may switch it off, and the placeholders its text may use.</summary>
public sealed record TemplateSpec(string Key, NotificationAudience Audience, bool Essential, IReadOnlyList<string> Placeholders)
{
    /// <summary>The name of the pre-approved WhatsApp template with the same text ("consumer.stateChanged" →
    /// "consumer_state_changed").</summary>
    public string WhatsAppName => Regex.Replace(Key.Replace('.', '_'), "(?<=[a-z])([A-Z])", "_$1").ToLowerInvariant();
}

/// <summary>The wording of a notification in one language.</summary>
public sealed record TemplateText(string Subject, string Body, string ShortText);

/// <summary>
/// The notifications the product sends and their wording. The shipped wording lives in the string tables
/// (notify.&lt;key&gt;.subject|body|short, Indonesian and English); an administrator's edit is a
/// <see cref="NotificationTemplate"/> row that takes its place. Placeholders are written {name}.
/// </summary>
public sealed partial class NotificationTemplates(IStringLocalizerFactory localizers)
{
    public static readonly IReadOnlyList<string> Cultures = ["id", "en"];

    public static readonly IReadOnlyList<TemplateSpec> All =
    [
        new("consumer.submitted", NotificationAudience.Consumer, true, ["trackingNumber", "nextStep", "trackingLink"]),
        new("consumer.stateChanged", NotificationAudience.Consumer, false, ["trackingNumber", "state", "nextStep", "trackingLink"]),
        new("consumer.documentsRequested", NotificationAudience.Consumer, true, ["trackingNumber", "dueDate", "note", "trackingLink"]),
        new("consumer.reminder", NotificationAudience.Consumer, true, ["trackingNumber", "state", "dueDate", "trackingLink"]),
        new("consumer.mayEscalate", NotificationAudience.Consumer, true, ["trackingNumber", "institution", "trackingLink"]),
        new("institution.newCase", NotificationAudience.Institution, true, ["trackingNumber", "dueDate", "portalLink"]),
        new("institution.reminder", NotificationAudience.Institution, true, ["trackingNumber", "dueDate", "portalLink"]),
        new("institution.deadlinePassed", NotificationAudience.Institution, true, ["trackingNumber", "portalLink"]),
        new("institution.escalated", NotificationAudience.Institution, true, ["trackingNumber", "state", "portalLink"]),
        new("staff.assigned", NotificationAudience.Staff, true, ["trackingNumber", "caseLink"]),
        new("staff.breach", NotificationAudience.Staff, true, ["trackingNumber", "institution", "caseLink"]),
        new("staff.reminder", NotificationAudience.Staff, true, ["trackingNumber", "state", "dueDate", "caseLink"]),
    ];

    public static TemplateSpec Spec(string key) => All.FirstOrDefault(t => t.Key == key)
        ?? throw new ArgumentException($"Unknown notification template {key}.", nameof(key));

    /// <summary>The shipped wording of a template in a language.</summary>
    public TemplateText Default(string key, string culture)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var l = localizers.Create(typeof(NotificationTemplates));
            return new(l[$"notify.{key}.subject"], l[$"notify.{key}.body"], l[$"notify.{key}.short"]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The wording in force: the administrator's, else the shipped one.</summary>
    public async Task<TemplateText> CurrentAsync(ComplaintsDbContext db, string key, string culture, CancellationToken ct = default)
    {
        var edited = await db.NotificationTemplates.AsNoTracking()
            .FirstOrDefaultAsync(t => t.Key == key && t.Culture == culture, ct);
        return edited is null ? Default(key, culture) : new(edited.Subject, edited.Body, edited.ShortText);
    }

    /// <summary>Placeholders used in a text that the template does not offer (a typo an administrator must fix).</summary>
    public static IReadOnlyList<string> UnknownPlaceholders(TemplateSpec spec, string text) =>
        Placeholders(text).Where(p => !spec.Placeholders.Contains(p)).Distinct().ToList();

    /// <summary>The placeholders of a text in order of appearance.</summary>
    public static IEnumerable<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Groups[1].Value);

    public static string Render(string text, IReadOnlyDictionary<string, string> values) =>
        PlaceholderPattern().Replace(text, m => values.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

    /// <summary>The WhatsApp template's parameters: the short text's placeholder values, in order.</summary>
    public static IReadOnlyList<string> Parameters(string shortText, IReadOnlyDictionary<string, string> values) =>
        Placeholders(shortText).Select(p => values.TryGetValue(p, out var value) ? value : "").ToList();

    [GeneratedRegex(@"\{([A-Za-z]+)\}")]
    private static partial Regex PlaceholderPattern();
}
