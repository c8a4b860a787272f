using Complaints.Core.Domain.Consumers;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Consumers;

/// <summary>A consumer's channel choices as their page shows them. Addresses are masked: the page may be opened
/// with a tracking number and PIN, which must not hand out the consumer's contact details.</summary>
/// <param name="CaseCount">The cases of this consumer record, all covered by the choices.</param>
public sealed record NotificationPreferencesView(
    string? MaskedEmail,
    string? MaskedWhatsApp,
    bool EmailOn,
    bool WhatsAppOn,
    bool SmsOffered,
    bool SmsOn,
    bool EssentialOnly,
    string Culture,
    int CaseCount);

public sealed class NotificationPreferencesQueries(ComplaintsDbContext db, IOptions<NotificationOptions> options)
{
    /// <summary>Null when the actor is not a consumer or has no consumer record (a 404).</summary>
    public async Task<NotificationPreferencesView?> GetAsync(Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Consumer || actor.ConsumerId is not { } consumerId)
        {
            return null;
        }

        var consumer = await db.Consumers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == consumerId, ct);
        if (consumer is null)
        {
            return null;
        }

        var cases = await db.Cases.AsNoTracking().VisibleTo(actor).CountAsync(ct);
        var hasPhone = !string.IsNullOrEmpty(consumer.WhatsApp);
        return new(
            string.IsNullOrEmpty(consumer.Email) ? null : MaskEmail(consumer.Email),
            hasPhone ? PhoneNumber.MaskForOwner(consumer.WhatsApp!) : null,
            !consumer.EmailMuted,
            !consumer.WhatsAppMuted,
            hasPhone && options.Value.Sms.Enabled,
            consumer.SmsEnabled,
            consumer.EssentialOnly,
            consumer.PreferredCulture is "en" ? "en" : "id",
            cases);
    }

    /// <summary>"siti.aminah@example.org" as "s***@example.org".</summary>
    public static string MaskEmail(string email)
    {
        var at = email.LastIndexOf('@');
        return at <= 0 ? new string('*', email.Length) : email[0] + "***" + email[at..];
    }
}
