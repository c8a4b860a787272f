using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Consumers;

public sealed record ConsumerMessageView(DateTime SentAtUtc, ActorRole AuthorRole, string Body, bool ToInstitution);

/// <summary>What the consumer sees next to the case view: the messages meant for them and their rating.</summary>
public sealed record ConsumerCaseExtrasView(IReadOnlyList<ConsumerMessageView> Messages, int? Rating, string? RatingComment, bool HasInstitution);

public sealed class ConsumerMessagesQueries(ComplaintsDbContext db)
{
    public const int MaxMessages = 200;

    /// <summary>The case id comes from a check already made (PIN or <see cref="Cases.CaseAccess.VisibleTo"/>).</summary>
    public async Task<ConsumerCaseExtrasView> GetAsync(Guid caseId, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking()
            .Where(c => c.Id == caseId)
            .Select(c => new { c.Rating, c.RatingComment, c.InstitutionId })
            .FirstAsync(ct);
        // Newest last, as a conversation; the newest are kept when there are many.
        var messages = await db.CaseMessages.AsNoTracking()
            .Where(m => m.CaseId == caseId && (m.Visibility == Visibility.Public || m.Visibility == Visibility.ConsumerAndRegulator))
            .OrderByDescending(m => m.SentAtUtc)
            .Take(MaxMessages)
            .Select(m => new ConsumerMessageView(m.SentAtUtc, m.AuthorRole, m.Body, m.Visibility == Visibility.Public))
            .ToListAsync(ct);
        messages.Reverse();
        return new(messages, @case.Rating, @case.RatingComment, @case.InstitutionId is not null);
    }
}
