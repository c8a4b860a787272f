using Complaints.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.WhatsApp.Chatbot;

/// <summary>The FAQ as the back office edits it.</summary>
public sealed class FaqQueries(ComplaintsDbContext db)
{
    public sealed record FaqItem(int Id, string QuestionId, string QuestionEn, string AnswerId, string AnswerEn, string Keywords, int SortOrder, bool Active, DateTime UpdatedAtUtc);

    /// <summary>Active entries first, then in the order staff gave them.</summary>
    public async Task<IReadOnlyList<FaqItem>> ListAsync(CancellationToken ct = default) =>
        await db.FaqEntries.AsNoTracking()
            .OrderByDescending(f => f.Active).ThenBy(f => f.SortOrder).ThenBy(f => f.Id)
            .Select(f => new FaqItem(f.Id, f.QuestionId, f.QuestionEn, f.AnswerId, f.AnswerEn, f.Keywords, f.SortOrder, f.Active, f.UpdatedAtUtc))
            .ToListAsync(ct);
}
