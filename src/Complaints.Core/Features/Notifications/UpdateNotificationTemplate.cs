using Complaints.Core.Data;
using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Notifications;

/// <summary>
/// The Administrator rewrites a notification in one language, or restores the shipped wording. The new text
/// applies to messages planned afterwards; messages already in the outbox keep the text they were rendered with.
/// Each change is audited with the three texts before and after.
/// </summary>
public sealed class UpdateNotificationTemplate(
    ComplaintsDbContext db,
    NotificationTemplates templates,
    TimeProvider clock,
    ILogger<UpdateNotificationTemplate> logger)
{
    public const int MaxSubjectLength = 300;
    public const int MaxBodyLength = 4_000;
    public const int MaxShortTextLength = 1_000;

    /// <param name="Reset">Restore the shipped wording; the texts are then ignored.</param>
    public sealed record Input(string? Key, string? Culture, string? Subject, string? Body, string? ShortText, bool Reset = false);

    public enum Outcome
    {
        /// <summary>The actor is not the Administrator.</summary>
        NotAllowed,

        /// <summary>No such template or language.</summary>
        NotFound,

        /// <summary>See <see cref="Result.Errors"/>; nothing saved.</summary>
        Invalid,
        Saved,
        Restored,

        /// <summary>The text in force already was this one; nothing saved, nothing audited.</summary>
        Unchanged,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FieldError> Errors);

    /// <summary>Two administrators' simultaneous first change of the same template: the later is saved over the
    /// earlier (<see cref="FirstInsertRace"/>), both in the change log.</summary>
    public Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default) =>
        db.SaveOverEarlierInsertAsync<NotificationTemplate, Result>(() => ApplyAsync(input, actor, ct));

    private async Task<Result> ApplyAsync(Input input, Actor actor, CancellationToken ct)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return new(Outcome.NotAllowed, []);
        }

        var spec = NotificationTemplates.All.FirstOrDefault(t => t.Key == input.Key);
        if (spec is null || !NotificationTemplates.Cultures.Contains(input.Culture ?? ""))
        {
            return new(Outcome.NotFound, []);
        }

        var culture = input.Culture!;
        var row = await db.NotificationTemplates.FirstOrDefaultAsync(t => t.Key == spec.Key && t.Culture == culture, ct);
        var before = row is null ? templates.Default(spec.Key, culture) : new TemplateText(row.Subject, row.Body, row.ShortText);
        var now = clock.GetUtcNow().UtcDateTime;
        var subject = $"{spec.Key}/{culture}";
        if (input.Reset)
        {
            if (row is null)
            {
                return new(Outcome.Unchanged, []);
            }

            db.NotificationTemplates.Remove(row);
            db.AuditEntries.Add(AuditEntry.Record(actor.UserId, "template", subject, AuditText(before), AuditText(templates.Default(spec.Key, culture)), now));
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Notification template {Template} restored to its default by {AdminId}", subject, actor.UserId);
            return new(Outcome.Restored, []);
        }

        var text = Normalized(input);
        var errors = Validate(spec, text);
        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, errors);
        }

        if (text == before)
        {
            return new(Outcome.Unchanged, []);
        }

        if (row is null)
        {
            db.NotificationTemplates.Add(new NotificationTemplate
            {
                Key = spec.Key,
                Culture = culture,
                Subject = text.Subject,
                Body = text.Body,
                ShortText = text.ShortText,
                UpdatedAtUtc = now,
                UpdatedById = actor.UserId,
            });
        }
        else
        {
            row.Subject = text.Subject;
            row.Body = text.Body;
            row.ShortText = text.ShortText;
            row.UpdatedAtUtc = now;
            row.UpdatedById = actor.UserId;
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.UserId, "template", subject, AuditText(before), AuditText(text), now));
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Notification template {Template} changed by {AdminId}", subject, actor.UserId);
        return new(Outcome.Saved, []);
    }

    /// <summary>The texts as they would be stored: trimmed, with the browser's CRLF line breaks made plain LF like
    /// the shipped wording.</summary>
    public static TemplateText Normalized(Input input) =>
        new(Clean(input.Subject), Clean(input.Body), Clean(input.ShortText));

    /// <summary>The checks a save makes, also used by the preview so it shows the same messages.</summary>
    public static IReadOnlyList<FieldError> Validate(TemplateSpec spec, TemplateText text)
    {
        var errors = new List<FieldError>();
        Check("subject", text.Subject, MaxSubjectLength);
        // A line break in a subject would end the mail header; nothing in a subject needs one.
        if (text.Subject.Contains('\n', StringComparison.Ordinal))
        {
            errors.Add(new("subject", "template.subjectOneLine"));
        }

        Check("body", text.Body, MaxBodyLength);
        Check("shortText", text.ShortText, MaxShortTextLength);
        return errors;

        void Check(string field, string value, int max)
        {
            if (value.Length == 0)
            {
                errors.Add(new(field, "template.required"));
                return;
            }

            if (value.Length > max)
            {
                errors.Add(new(field, "template.tooLong", max, value.Length));
            }

            var unknown = NotificationTemplates.UnknownPlaceholders(spec, value);
            if (unknown.Count > 0)
            {
                errors.Add(new(field, "template.unknownPlaceholder", Braced(unknown), Braced(spec.Placeholders)));
            }
        }
    }

    private static string Braced(IEnumerable<string> names) => string.Join(", ", names.Select(n => "{" + n + "}"));

    private static string Clean(string? text) => (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();

    /// <summary>The three texts in one audit value, each under its own heading so a reader sees where one ends.</summary>
    private static string AuditText(TemplateText text) =>
        $"[subject]\n{text.Subject}\n\n[body]\n{text.Body}\n\n[short]\n{text.ShortText}";
}
