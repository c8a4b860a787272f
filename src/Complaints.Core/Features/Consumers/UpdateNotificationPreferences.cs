using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Consumers;

/// <summary>
/// A consumer chooses how they hear about their cases: email, WhatsApp and SMS on or off, only the essential
/// messages, and the language. The actor is the consumer (signed in, or proven by tracking number and PIN) and
/// changes their own consumer record only; an account has one record, which every case it filed or claimed
/// points to, so the choice covers all of the account's cases.
/// </summary>
public sealed class UpdateNotificationPreferences(
    ComplaintsDbContext db,
    IOptions<NotificationOptions> options,
    ILogger<UpdateNotificationPreferences> logger)
{
    /// <summary>A channel the consumer has no address for is ignored; SMS is ignored unless it is offered.</summary>
    public sealed record Input(bool Email, bool WhatsApp, bool Sms, bool EssentialOnly, string? Culture);

    public enum Outcome
    {
        Saved,

        /// <summary>Not a consumer, or no such consumer record.</summary>
        NotFound,

        /// <summary>See <see cref="Result.Errors"/>; nothing saved.</summary>
        Invalid,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Consumer || actor.ConsumerId is not { } consumerId)
        {
            return new(Outcome.NotFound, []);
        }

        var consumer = await db.Consumers.FirstOrDefaultAsync(c => c.Id == consumerId, ct);
        if (consumer is null)
        {
            return new(Outcome.NotFound, []);
        }

        var errors = new List<FieldError>();
        if (input.Culture is not ("id" or "en"))
        {
            errors.Add(new("culture", "invalidChoice"));
        }

        var hasEmail = !string.IsNullOrEmpty(consumer.Email);
        var hasPhone = !string.IsNullOrEmpty(consumer.WhatsApp);
        var smsOffered = hasPhone && options.Value.Sms.Enabled;
        var email = hasEmail ? input.Email : !consumer.EmailMuted;
        var whatsApp = hasPhone ? input.WhatsApp : !consumer.WhatsAppMuted;
        var sms = smsOffered ? input.Sms : consumer.SmsEnabled;

        // Document requests and deadlines carry legal effect (a missed one closes the case): with a channel to
        // reach the consumer, one stays on. "Essential only" is the way to stop the rest.
        var reachable = (hasEmail && email) || (hasPhone && whatsApp) || (smsOffered && sms);
        if ((hasEmail || hasPhone) && !reachable)
        {
            errors.Add(new("channels", "preferences.oneChannel"));
        }

        if (errors.Count > 0)
        {
            return new(Outcome.Invalid, errors);
        }

        consumer.EmailMuted = !email;
        consumer.WhatsAppMuted = !whatsApp;
        consumer.SmsEnabled = sms;
        consumer.EssentialOnly = input.EssentialOnly;
        consumer.PreferredCulture = input.Culture!;
        await db.SaveChangesAsync(ct);
        logger.LogInformation(
            "Consumer {ConsumerId} chose email {Email}, WhatsApp {WhatsApp}, SMS {Sms}, essential only {EssentialOnly}, language {Culture}",
            consumer.Id, email, whatsApp, sms, input.EssentialOnly, input.Culture);
        return new(Outcome.Saved, []);
    }
}
