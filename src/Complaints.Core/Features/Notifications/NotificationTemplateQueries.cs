using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Notifications;

/// <summary>Whether a language of a template is edited, and by whom; null fields when it is the shipped wording.</summary>
public sealed record TemplateLanguageState(string Culture, bool Edited, DateTime? UpdatedAtUtc, string? UpdatedBy);

public sealed record TemplateListRow(TemplateSpec Spec, IReadOnlyList<TemplateLanguageState> Languages);

/// <summary>One template in one language as the edit page shows it: the wording in force and the shipped one.</summary>
public sealed record TemplateEditView(TemplateSpec Spec, string Culture, TemplateText Current, TemplateText Default, TemplateLanguageState State);

/// <summary>A template's three texts filled in with a sample case.</summary>
public sealed record TemplatePreview(string Subject, string Body, string ShortText);

/// <summary>The Administrator's notification-template screens.</summary>
public sealed class NotificationTemplateQueries(
    ComplaintsDbContext db,
    NotificationTemplates templates,
    IStringLocalizerFactory localizers,
    IOptions<NotificationOptions> options,
    TimeProvider clock)
{
    /// <summary>Every template with, per language, whether an administrator changed it.</summary>
    public async Task<IReadOnlyList<TemplateListRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return [];
        }

        var edited = await EditedAsync(null, null, ct);
        return NotificationTemplates.All
            .Select(spec => new TemplateListRow(spec, NotificationTemplates.Cultures.Select(c => StateOf(edited, spec.Key, c)).ToList()))
            .ToList();
    }

    /// <summary>Null when the key or language is unknown (a 404).</summary>
    public async Task<TemplateEditView?> EditAsync(Actor actor, string key, string culture, CancellationToken ct = default)
    {
        var spec = NotificationTemplates.All.FirstOrDefault(t => t.Key == key);
        if (actor.Role != ActorRole.Administrator || spec is null || !NotificationTemplates.Cultures.Contains(culture))
        {
            return null;
        }

        var edited = await EditedAsync(key, culture, ct);
        return new(spec, culture, await templates.CurrentAsync(db, key, culture, ct), templates.Default(key, culture), StateOf(edited, key, culture));
    }

    /// <summary>The texts rendered the way the planner renders them, on a made-up case in the template's
    /// language, so the administrator sees what a recipient would read. Unknown placeholders stay as typed.</summary>
    public TemplatePreview Preview(TemplateSpec spec, string culture, TemplateText text)
    {
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var info = CultureInfo.GetCultureInfo(culture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (info, info);
        try
        {
            var l = localizers.Create(typeof(NotificationTemplateQueries));
            var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
            var number = TrackingNumber.FromData("7K3M9Q2XHT5");
            var escaped = Uri.EscapeDataString(number);
            var state = spec.Key.EndsWith(".escalated", StringComparison.Ordinal) ? CaseState.Facilitation : CaseState.WithInstitution;
            var due = WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime).AddDays(14);
            var values = new Dictionary<string, string>
            {
                ["trackingNumber"] = number,
                ["trackingLink"] = DocumentQueries.TrackUrl(baseUrl, number),
                ["portalLink"] = $"{baseUrl}/institution/cases/{escaped}",
                ["caseLink"] = $"{baseUrl}/regulator/cases/{escaped}",
                ["state"] = CaseLifecycle.Info(state).Label.For(info),
                ["nextStep"] = l[$"next.{state}"],
                ["dueDate"] = Formats.Date(due),
                ["institution"] = l["templates.sample.institution"],
                ["note"] = l["templates.sample.note"],
            };
            return new(NotificationTemplates.Render(text.Subject, values), NotificationTemplates.Render(text.Body, values), NotificationTemplates.Render(text.ShortText, values));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private sealed record EditedRow(string Key, string Culture, DateTime UpdatedAtUtc, string? UpdatedBy);

    private async Task<List<EditedRow>> EditedAsync(string? key, string? culture, CancellationToken ct)
    {
        var rows = db.NotificationTemplates.AsNoTracking();
        if (key is not null)
        {
            rows = rows.Where(t => t.Key == key && t.Culture == culture);
        }

        return await (
            from t in rows
            join u in db.Users on t.UpdatedById equals u.Id into users
            from u in users.DefaultIfEmpty()
            select new EditedRow(t.Key, t.Culture, t.UpdatedAtUtc, u != null ? u.DisplayName : t.UpdatedById)).ToListAsync(ct);
    }

    private static TemplateLanguageState StateOf(List<EditedRow> edited, string key, string culture) =>
        edited.FirstOrDefault(e => e.Key == key && e.Culture == culture) is { } row
            ? new(culture, true, row.UpdatedAtUtc, row.UpdatedBy)
            : new(culture, false, null, null);
}
