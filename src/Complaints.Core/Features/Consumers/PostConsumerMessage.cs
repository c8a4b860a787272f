using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Consumers;

/// <summary>The consumer writes to the regulator, or to the regulator and the institution, on one of their cases
/// (proven by sign-in or by tracking number and PIN).</summary>
public sealed class PostConsumerMessage(ComplaintsDbContext db, TimeProvider clock)
{
    public const int MaxLength = 4000;

    public sealed record Input
    {
        public required string TrackingNumber { get; init; }

        public string? Body { get; init; }

        /// <summary>Also to the institution (visibility Public); otherwise to the regulator only.</summary>
        public bool ToInstitution { get; init; }
    }

    public sealed record Result(CaseMessage? Message, IReadOnlyList<FieldError> Errors, bool NotFound = false)
    {
        public bool Succeeded => Message is not null;
    }

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Consumer)
        {
            throw new InvalidOperationException("Only consumers post through this use case.");
        }

        var @case = await db.Cases.VisibleTo(actor).AsNoTracking()
            .Where(c => c.TrackingNumber == input.TrackingNumber)
            .Select(c => new { c.Id, c.InstitutionId })
            .FirstOrDefaultAsync(ct);
        if (@case is null)
        {
            return new(null, [], NotFound: true);
        }

        var body = input.Body?.Trim() ?? "";
        if (body.Length == 0)
        {
            return new(null, [new FieldError("body", "required")]);
        }

        if (body.Length > MaxLength)
        {
            return new(null, [new FieldError("body", "tooLong", MaxLength)]);
        }

        var message = new CaseMessage
        {
            CaseId = @case.Id,
            SentAtUtc = clock.GetUtcNow().UtcDateTime,
            AuthorRole = ActorRole.Consumer,
            AuthorId = actor.UserId ?? actor.ConsumerId?.ToString(),
            Body = body,
            // Without an institution on the case there is nobody else to read it.
            Visibility = input.ToInstitution && @case.InstitutionId is not null ? Visibility.Public : Visibility.ConsumerAndRegulator,
        };
        db.CaseMessages.Add(message);
        await db.SaveChangesAsync(ct);
        return new(message, []);
    }
}
