using System.Globalization;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Notifications;

/// <summary>
/// Who hears what. Given the history events and deadline reminders a save is about to write, builds the outbox
/// messages that go with them, so they are saved in the same transaction (<see cref="OutboxInterceptor"/>):
/// <list type="bullet">
/// <item>the consumer, on submission (with the receipt), on every state change they can see, on document
/// requests, two working days before their own deadlines, and when the institution's deadline passes (they may
/// now escalate) — by email, WhatsApp and SMS as they chose, and only the essential ones if they asked so;</item>
/// <item>the institution's complaint contact, on new cases, reminders, a missed deadline and escalations;</item>
/// <item>regulator staff, on assignment, on breaches (supervisors) and before a facilitation deadline.</item>
/// </list>
/// </summary>
public sealed class NotificationPlanner(
    NotificationTemplates templates,
    IStringLocalizerFactory localizers,
    IOptions<NotificationOptions> options,
    ILogger<NotificationPlanner> logger)
{
    /// <summary>States where the consumer's own clock runs, or the case ends: never optional news.</summary>
    private static bool ConsumerMustKnow(CaseState state) =>
        CaseLifecycle.Info(state) is { IsTerminal: true } or { Clock: ClockKind.ConsumerDocuments or ClockKind.ConsumerDecision or ClockKind.FacilitationSignature };

    private sealed record Planned(string Key, Case Case, IReadOnlyList<Recipient> To, bool Essential, string? Note = null,
        OutboxAttachment Attachment = OutboxAttachment.None);

    /// <param name="EssentialOnly">The consumer asked for essential messages only.</param>
    private sealed record Recipient(NotificationChannel Channel, string Address, string Culture, bool EssentialOnly = false);

    public async Task<IReadOnlyList<OutboxMessage>> PlanAsync(
        ComplaintsDbContext db, IReadOnlyList<CaseEvent> events, IReadOnlyList<DeadlineReminder> reminders, DateTime nowUtc, CancellationToken ct)
    {
        var planned = new List<Planned>();
        foreach (var e in events.OrderBy(e => e.Sequence))
        {
            var @case = await CaseAsync(db, e.CaseId, ct);
            if (@case is not null)
            {
                await PlanEventAsync(db, e, @case, planned, nowUtc, ct);
            }
        }

        foreach (var reminder in reminders)
        {
            var @case = await CaseAsync(db, reminder.CaseId, ct);
            if (@case is not null)
            {
                await PlanReminderAsync(db, reminder, @case, planned, nowUtc, ct);
            }
        }

        var messages = new List<OutboxMessage>();
        if (planned.Count == 0)
        {
            return messages;
        }

        // Administrators' wordings: at most a row per template and language, read once per save.
        var edited = await db.NotificationTemplates.AsNoTracking().ToDictionaryAsync(t => (t.Key, t.Culture), ct);
        foreach (var p in planned)
        {
            var institution = p.Case.InstitutionId is { } id ? await InstitutionAsync(db, id, ct) : null;
            foreach (var recipient in p.To.Where(r => p.Essential || !r.EssentialOnly))
            {
                var text = edited.TryGetValue((p.Key, recipient.Culture), out var row)
                    ? new TemplateText(row.Subject, row.Body, row.ShortText)
                    : templates.Default(p.Key, recipient.Culture);
                messages.Add(Render(p, recipient, text, institution, nowUtc));
            }
        }

        return messages;
    }

    private async Task PlanEventAsync(ComplaintsDbContext db, CaseEvent e, Case @case, List<Planned> planned, DateTime nowUtc, CancellationToken ct)
    {
        var stateChanged = e.FromState != e.ToState;
        if (e.Visibility.ToConsumer())
        {
            var consumer = await ConsumerRecipientsAsync(db, @case.ConsumerId, ct);
            if (e.Trigger == Trigger.Submit)
            {
                planned.Add(new("consumer.submitted", @case, consumer, true, Attachment: OutboxAttachment.Receipt));
            }
            else if (e.Trigger == Trigger.InstitutionDeadlinePassed)
            {
                planned.Add(new("consumer.mayEscalate", @case, consumer, true));
            }
            else if (e.ToState == CaseState.AwaitingConsumerDocuments && stateChanged)
            {
                planned.Add(new("consumer.documentsRequested", @case, consumer, true, e.Note));
            }
            else if (stateChanged)
            {
                planned.Add(new("consumer.stateChanged", @case, consumer, ConsumerMustKnow(e.ToState)));
            }
        }

        if (@case.InstitutionId is { } institutionId && e.Visibility is Visibility.Public or Visibility.InstitutionAndRegulator)
        {
            var key = e.Trigger switch
            {
                Trigger.ForwardToInstitution => "institution.newCase",
                Trigger.InstitutionDeadlinePassed => "institution.deadlinePassed",
                Trigger.RequestEscalation or Trigger.Reject => "institution.escalated",
                _ => null,
            };
            if (key is not null)
            {
                planned.Add(new(key, @case, await InstitutionRecipientsAsync(db, institutionId, ct), true));
            }
        }

        if (e.Trigger == Trigger.InstitutionDeadlinePassed)
        {
            planned.Add(new("staff.breach", @case, await SupervisorsAsync(db, nowUtc, ct), true));
        }

        if (e.Trigger == Trigger.Assign && @case.AssignedToUserId is { } assignee && assignee != e.ActorId)
        {
            planned.Add(new("staff.assigned", @case, await StaffAsync(db, [assignee], ct), true));
        }
    }

    private async Task PlanReminderAsync(ComplaintsDbContext db, DeadlineReminder reminder, Case @case, List<Planned> planned, DateTime nowUtc, CancellationToken ct)
    {
        switch (reminder.Party)
        {
            case ReminderParty.Consumer:
                planned.Add(new("consumer.reminder", @case, await ConsumerRecipientsAsync(db, @case.ConsumerId, ct), true));
                break;
            case ReminderParty.Institution when @case.InstitutionId is { } institutionId:
                planned.Add(new("institution.reminder", @case, await InstitutionRecipientsAsync(db, institutionId, ct), true));
                break;
            case ReminderParty.Institution:
                break;
            case ReminderParty.Regulator:
                var staff = @case.AssignedToUserId is { } assignee ? await StaffAsync(db, [assignee], ct) : await SupervisorsAsync(db, nowUtc, ct);
                planned.Add(new("staff.reminder", @case, staff, true));
                break;
        }
    }

    private OutboxMessage Render(Planned p, Recipient recipient, TemplateText text, Institution? institution, DateTime nowUtc)
    {
        var spec = NotificationTemplates.Spec(p.Key);
        var previous = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        var culture = CultureInfo.GetCultureInfo(recipient.Culture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, culture);
        try
        {
            var l = localizers.Create(typeof(NotificationPlanner));
            var values = Values(p, institution, culture, l);
            var email = recipient.Channel == NotificationChannel.Email;
            var body = NotificationTemplates.Render(email ? text.Body : text.ShortText, values);
            var parameters = recipient.Channel == NotificationChannel.WhatsApp
                ? JsonSerializer.Serialize(NotificationTemplates.Parameters(text.ShortText, values))
                : null;
            return OutboxMessage.Create(
                recipient.Channel, recipient.Address, recipient.Culture, spec.Key, p.Case.Id, p.Case.TrackingNumber,
                email ? NotificationTemplates.Render(text.Subject, values) : null, body, parameters, p.Essential,
                email ? p.Attachment : OutboxAttachment.None, nowUtc);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = previous;
        }
    }

    private Dictionary<string, string> Values(Planned p, Institution? institution, CultureInfo culture, IStringLocalizer l)
    {
        var baseUrl = options.Value.PublicBaseUrl.TrimEnd('/');
        var number = p.Case.TrackingNumber;
        var escaped = Uri.EscapeDataString(number);
        return new()
        {
            ["trackingNumber"] = number,
            ["trackingLink"] = DocumentQueries.TrackUrl(baseUrl, number),
            ["portalLink"] = $"{baseUrl}/institution/cases/{escaped}",
            ["caseLink"] = $"{baseUrl}/regulator/cases/{escaped}",
            ["state"] = p.Case.StateInfo.Label.For(culture),
            ["nextStep"] = l[$"next.{p.Case.State}"],
            ["dueDate"] = p.Case.Deadline?.DueAtUtc is { } due ? Formats.Date(WorkingDayCalendar.DueDateOf(due)) : "-",
            ["institution"] = institution?.LegalName ?? p.Case.InstitutionNameAsTyped ?? "-",
            ["note"] = string.IsNullOrWhiteSpace(p.Note) ? "-" : p.Note,
        };
    }

    /// <summary>The case as this save is about to write it, else as stored.</summary>
    private static async Task<Case?> CaseAsync(ComplaintsDbContext db, Guid id, CancellationToken ct) =>
        db.ChangeTracker.Entries<Case>().Select(e => e.Entity).FirstOrDefault(c => c.Id == id)
        ?? await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);

    private static async Task<Institution?> InstitutionAsync(ComplaintsDbContext db, int id, CancellationToken ct) =>
        db.ChangeTracker.Entries<Institution>().Select(e => e.Entity).FirstOrDefault(i => i.Id == id)
        ?? await db.Institutions.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);

    private async Task<IReadOnlyList<Recipient>> ConsumerRecipientsAsync(ComplaintsDbContext db, Guid consumerId, CancellationToken ct)
    {
        var consumer = db.ChangeTracker.Entries<Consumer>().Select(e => e.Entity).FirstOrDefault(c => c.Id == consumerId)
            ?? await db.Consumers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consumerId, ct);
        if (consumer is null)
        {
            return [];
        }

        var to = new List<Recipient>();
        var culture = consumer.PreferredCulture is "en" ? "en" : "id";
        if (consumer.Email is { Length: > 0 } email && !consumer.EmailMuted)
        {
            to.Add(new(NotificationChannel.Email, email, culture, consumer.EssentialOnly));
        }

        if (consumer.WhatsApp is { Length: > 0 } phone)
        {
            if (!consumer.WhatsAppMuted)
            {
                to.Add(new(NotificationChannel.WhatsApp, phone, culture, consumer.EssentialOnly));
            }

            if (consumer.SmsEnabled && options.Value.Sms.Enabled)
            {
                to.Add(new(NotificationChannel.Sms, phone, culture, consumer.EssentialOnly));
            }
        }

        if (to.Count == 0)
        {
            logger.LogInformation("Consumer {ConsumerId} has no channel to notify", consumerId);
        }

        return to;
    }

    /// <summary>The institution's complaint contact, else its administrators. Staff read Indonesian.</summary>
    private static async Task<IReadOnlyList<Recipient>> InstitutionRecipientsAsync(ComplaintsDbContext db, int institutionId, CancellationToken ct)
    {
        var institution = await InstitutionAsync(db, institutionId, ct);
        if (institution?.ContactEmail is { Length: > 0 } contact)
        {
            return [new(NotificationChannel.Email, contact, "id")];
        }

        var admin = ActorRole.InstitutionAdmin.ToString();
        var emails = await (
            from user in db.Users.AsNoTracking()
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where user.InstitutionId == institutionId && role.Name == admin && user.Email != null
            select user.Email!).ToListAsync(ct);
        return emails.Select(e => new Recipient(NotificationChannel.Email, e, "id")).ToList();
    }

    private static async Task<IReadOnlyList<Recipient>> StaffAsync(ComplaintsDbContext db, IReadOnlyList<string> userIds, CancellationToken ct)
    {
        var emails = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id) && u.Email != null).Select(u => u.Email!).ToListAsync(ct);
        return emails.Select(e => new Recipient(NotificationChannel.Email, e, "id")).ToList();
    }

    private static async Task<IReadOnlyList<Recipient>> SupervisorsAsync(ComplaintsDbContext db, DateTime nowUtc, CancellationToken ct)
    {
        var supervisor = ActorRole.Supervisor.ToString();
        var users = await (
            from user in db.Users.AsNoTracking()
            join userRole in db.UserRoles on user.Id equals userRole.UserId
            join role in db.Roles on userRole.RoleId equals role.Id
            where role.Name == supervisor && user.Email != null
            select new { user.Email, user.LockoutEnd }).ToListAsync(ct);
        // Locked accounts hear nothing; filtered here because SQLite cannot compare DateTimeOffset.
        return users.Where(u => u.LockoutEnd is null || u.LockoutEnd < new DateTimeOffset(nowUtc))
            .Select(u => new Recipient(NotificationChannel.Email, u.Email!, "id")).ToList();
    }
}
