using Complaints.Core.Data;
using Complaints.Core.Domain;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Consumers;

public sealed record MyCaseRow(string TrackingNumber, CaseKind Kind, CaseState State, LocalizedText Label, string? InstitutionName, DateTime SubmittedAtUtc, bool IsClosed);

public sealed record MyCasesPage(IReadOnlyList<MyCaseRow> Rows, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>The signed-in consumer's screens.</summary>
public sealed class ConsumerAccountQueries(ComplaintsDbContext db)
{
    public const int PageSize = 20;

    /// <summary>My cases, newest first, one page.</summary>
    public async Task<MyCasesPage> MyCasesAsync(Actor actor, int page, CancellationToken ct = default)
    {
        var cases = db.Cases.AsNoTracking().VisibleTo(actor);
        var total = await cases.CountAsync(ct);
        var pageCount = Math.Max(1, (total + PageSize - 1) / PageSize);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await cases
            .OrderByDescending(c => c.SubmittedAtUtc).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new { c.TrackingNumber, c.Kind, c.State, InstitutionName = c.Institution != null ? c.Institution.LegalName : c.InstitutionNameAsTyped, c.SubmittedAtUtc })
            .ToListAsync(ct);
        return new(
            rows.Select(r => new MyCaseRow(r.TrackingNumber, r.Kind, r.State, CaseLifecycle.Info(r.State).Label, r.InstitutionName, r.SubmittedAtUtc, CaseLifecycle.Info(r.State).IsTerminal)).ToList(),
            page,
            PageSize,
            total);
    }

    /// <summary>The case's id when the actor may see it; null is a 404.</summary>
    public async Task<Guid?> FindCaseAsync(Actor actor, string? trackingNumber, CancellationToken ct = default)
    {
        if (!TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return null;
        }

        var id = await db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.TrackingNumber == number)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(ct);
        return id;
    }
}
