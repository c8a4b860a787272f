using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>An institution officer writes to the regulator about a case; the consumer does not see it.</summary>
public sealed class PostInstitutionMessage(ComplaintsDbContext db, TimeProvider clock)
{
    public const int MaxLength = 4_000;

    public sealed record Input(string TrackingNumber, string? Body);

    public enum Outcome
    {
        Done,
        NotFound,
        Invalid,
    }

    public sealed record Result(Outcome Outcome, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        // Only officers work cases; VisibleTo already hides every case from anybody else of the institution.
        var caseId = await db.Cases.VisibleTo(actor)
            .Where(c => c.TrackingNumber == input.TrackingNumber)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);
        if (caseId is null || actor.Role != ActorRole.InstitutionOfficer)
        {
            return new(Outcome.NotFound, []);
        }

        var body = input.Body?.Trim() ?? "";
        if (body.Length == 0)
        {
            return new(Outcome.Invalid, [new FieldError("body", "required")]);
        }

        if (body.Length > MaxLength)
        {
            return new(Outcome.Invalid, [new FieldError("body", "tooLong", MaxLength)]);
        }

        db.CaseMessages.Add(new CaseMessage
        {
            CaseId = caseId.Value,
            SentAtUtc = clock.GetUtcNow().UtcDateTime,
            AuthorRole = actor.Role,
            AuthorId = actor.UserId,
            Body = body,
            Visibility = Visibility.InstitutionAndRegulator,
        });
        await db.SaveChangesAsync(ct);
        return new(Outcome.Done, []);
    }
}
