using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Statistics;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Statistics;

/// <param name="Label">The institution's name, or the product's or issue category's label.</param>
/// <param name="BaselineStdDev">The spread the week was compared with (see <see cref="DetectEarlyWarnings"/>).</param>
public sealed record EarlyWarningRow(
    long Id,
    WarningDimension Dimension,
    string Key,
    LocalizedText Label,
    DateOnly WeekStart,
    int Count,
    double BaselineMean,
    double BaselineStdDev,
    DateTime CreatedAtUtc,
    DateTime? ReviewedAtUtc,
    string? ReviewerName,
    string? ReviewNote)
{
    public bool IsReviewed => ReviewedAtUtc is not null;

    public DateOnly WeekEnd => WeekStart.AddDays(6);
}

public sealed record EarlyWarningPage(IReadOnlyList<EarlyWarningRow> Flags, int Page, bool HasNext);

public sealed record EarlyWarningCaseRow(
    string TrackingNumber,
    DateTime SubmittedAtUtc,
    LocalizedText StateLabel,
    string? InstitutionName,
    LocalizedText? Product,
    LocalizedText? IssueCategory);

/// <param name="Total">All the cases behind the flag the actor may see; <paramref name="Cases"/> is one page.</param>
public sealed record EarlyWarningDetail(EarlyWarningRow Flag, IReadOnlyList<EarlyWarningCaseRow> Cases, int Total, int Page, int PageCount);

/// <summary>The supervisors' early-warning pages: flags newest first, and the cases behind one flag.</summary>
public sealed class EarlyWarningQueries(ComplaintsDbContext db)
{
    public const int FlagPageSize = 50;
    public const int CasePageSize = 50;

    public async Task<EarlyWarningPage> FlagsAsync(Actor actor, int page, CancellationToken ct = default)
    {
        page = Math.Clamp(page, 1, 100_000);
        if (actor.Role != ActorRole.Supervisor)
        {
            return new([], 1, false);
        }

        var flags = await db.EarlyWarningFlags.AsNoTracking()
            .OrderByDescending(f => f.WeekStart).ThenBy(f => f.Dimension).ThenByDescending(f => f.Count).ThenBy(f => f.Id)
            .Skip((page - 1) * FlagPageSize).Take(FlagPageSize + 1)
            .ToListAsync(ct);
        var rows = await RowsAsync(flags.Take(FlagPageSize).ToList(), ct);
        return new(rows, page, flags.Count > FlagPageSize);
    }

    /// <summary>The flag and the complaints of its week and key, oldest first; null when there is no such flag
    /// or the actor is not a supervisor.</summary>
    public async Task<EarlyWarningDetail?> FlagAsync(Actor actor, long id, int page, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Supervisor
            || await db.EarlyWarningFlags.AsNoTracking().FirstOrDefaultAsync(f => f.Id == id, ct) is not { } flag)
        {
            return null;
        }

        var row = (await RowsAsync([flag], ct))[0];
        var (from, to) = DetectEarlyWarnings.WeekRangeUtc(flag.WeekStart);
        // The same cases the detector counted: complaints of that week with that key, as the actor may see them.
        var cases = db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.SubmittedAtUtc >= from && c.SubmittedAtUtc < to && c.Kind == CaseKind.Complaint);
        cases = flag.Dimension switch
        {
            WarningDimension.Institution when int.TryParse(flag.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var institutionId) =>
                cases.Where(c => c.InstitutionId == institutionId),
            WarningDimension.Institution => cases.Where(_ => false),
            WarningDimension.Product => cases.Where(c => c.Product == flag.Key),
            WarningDimension.IssueCategory => cases.Where(c => c.IssueCategory == flag.Key),
        };

        var total = await cases.CountAsync(ct);
        var pageCount = Math.Max(1, (total + CasePageSize - 1) / CasePageSize);
        page = Math.Clamp(page, 1, pageCount);
        var found = await cases
            .OrderBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id)
            .Skip((page - 1) * CasePageSize).Take(CasePageSize)
            .Select(c => new { c.TrackingNumber, c.SubmittedAtUtc, c.State, InstitutionName = c.Institution != null ? c.Institution.LegalName : c.InstitutionNameAsTyped, c.Product, c.IssueCategory })
            .ToListAsync(ct);
        var rows = found.Select(c => new EarlyWarningCaseRow(
                c.TrackingNumber,
                DateTime.SpecifyKind(c.SubmittedAtUtc, DateTimeKind.Utc),
                CaseLifecycle.Info(c.State).Label,
                c.InstitutionName,
                c.Product is null ? null : ProductLabel(c.Product),
                c.IssueCategory is null ? null : IssueLabel(c.IssueCategory)))
            .ToList();
        return new(row, rows, total, page, pageCount);
    }

    private async Task<List<EarlyWarningRow>> RowsAsync(IReadOnlyList<EarlyWarningFlag> flags, CancellationToken ct)
    {
        var institutionIds = flags
            .Where(f => f.Dimension == WarningDimension.Institution)
            .Select(f => int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : (int?)null)
            .OfType<int>()
            .Distinct()
            .ToList();
        var institutions = institutionIds.Count == 0
            ? new Dictionary<int, string>()
            : await db.Institutions.AsNoTracking().Where(i => institutionIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, i => i.LegalName, ct);
        var reviewerIds = flags.Select(f => f.ReviewedById).OfType<string>().Distinct().ToList();
        var reviewers = reviewerIds.Count == 0
            ? new Dictionary<string, string>()
            : await db.Users.AsNoTracking().Where(u => reviewerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        LocalizedText Label(EarlyWarningFlag f) => f.Dimension switch
        {
            WarningDimension.Institution => Same(
                int.TryParse(f.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && institutions.TryGetValue(id, out var name) ? name : f.Key),
            WarningDimension.Product => ProductLabel(f.Key),
            WarningDimension.IssueCategory => IssueLabel(f.Key),
        };

        return flags.Select(f => new EarlyWarningRow(
                f.Id, f.Dimension, f.Key, Label(f), f.WeekStart, f.Count, f.BaselineMean, f.BaselineStdDev,
                DateTime.SpecifyKind(f.CreatedAtUtc, DateTimeKind.Utc),
                f.ReviewedAtUtc is { } reviewed ? DateTime.SpecifyKind(reviewed, DateTimeKind.Utc) : null,
                f.ReviewedById is { } by ? (reviewers.TryGetValue(by, out var reviewer) && reviewer.Length > 0 ? reviewer : by) : null,
                f.ReviewNote))
            .ToList();
    }

    private static LocalizedText ProductLabel(string code) => CaseTaxonomy.Products.FirstOrDefault(p => p.Code == code)?.Label ?? Same(code);

    private static LocalizedText IssueLabel(string code) => CaseTaxonomy.IssueCategories.FirstOrDefault(p => p.Code == code)?.Label ?? Same(code);

    /// <summary>A name that reads the same in both languages (an institution's legal name, an unknown code).</summary>
    private static LocalizedText Same(string text) => new(text, text);
}
