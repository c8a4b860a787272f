using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Regulator;

/// <summary>Who a regulator message is for; an internal note stays in the regulator.</summary>
public enum MessageAudience
{
    Consumer,
    Institution,
    Both,
    InternalNote,
}

/// <summary>The regulator writes to the consumer, the institution, both, or leaves an internal note.</summary>
public sealed class PostCaseMessage(ComplaintsDbContext db, TimeProvider clock)
{
    public const int MaxLength = 4_000;

    public sealed record Input
    {
        public required string TrackingNumber { get; init; }
        public MessageAudience? Audience { get; init; }
        public string? Body { get; init; }
    }

    public static Visibility VisibilityOf(MessageAudience audience) => audience switch
    {
        MessageAudience.Consumer => Visibility.ConsumerAndRegulator,
        MessageAudience.Institution => Visibility.InstitutionAndRegulator,
        MessageAudience.Both => Visibility.Public,
        MessageAudience.InternalNote => Visibility.RegulatorOnly,
    };

    public async Task<CaseChange> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (!actor.IsStaff || !TrackingNumber.TryNormalize(input.TrackingNumber, out var number))
        {
            return CaseChange.NotFound;
        }

        var @case = await db.Cases.VisibleTo(actor)
            .Select(c => new { c.Id, c.TrackingNumber, c.InstitutionId, c.ForwardedAtUtc })
            .FirstOrDefaultAsync(c => c.TrackingNumber == number, ct);
        if (@case is null)
        {
            return CaseChange.NotFound;
        }

        var errors = new List<FieldError>();
        if (input.Audience is null)
        {
            errors.Add(new FieldError("audience", "message.audienceRequired"));
        }
        else if (input.Audience is MessageAudience.Institution or MessageAudience.Both && (@case.InstitutionId is null || @case.ForwardedAtUtc is null))
        {
            // The institution sees a case only once it was forwarded to it.
            errors.Add(new FieldError("audience", "message.noInstitution"));
        }

        var body = input.Body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            errors.Add(new FieldError("body", "required"));
        }
        else if (body.Length > MaxLength)
        {
            errors.Add(new FieldError("body", "tooLong", MaxLength));
        }

        if (errors.Count > 0)
        {
            return CaseChange.Invalid(errors);
        }

        db.CaseMessages.Add(new CaseMessage
        {
            CaseId = @case.Id,
            SentAtUtc = clock.GetUtcNow().UtcDateTime,
            AuthorRole = actor.Role,
            AuthorId = actor.UserId,
            Body = body!,
            Visibility = VisibilityOf(input.Audience!.Value),
        });
        await db.SaveChangesAsync(ct);
        return CaseChange.Done;
    }
}
