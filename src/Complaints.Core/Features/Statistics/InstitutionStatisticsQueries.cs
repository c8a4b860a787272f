using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Statistics;

/// <summary>One institution's figures for a period (or the sector's average of them).</summary>
/// <param name="Received">Cases forwarded to it that were submitted in the period.</param>
/// <param name="OnTimeShare">Answered within the deadline, of those answered or late; null with none.</param>
/// <param name="Extensions">Cases whose deadline it extended.</param>
/// <param name="EscalatedShare">Cases the consumer escalated to the regulator, of those received.</param>
/// <param name="AverageRating">The consumers' mean rating (1–5); null without ratings.</param>
public sealed record InstitutionFigures(
    double Received,
    double? OnTimeShare,
    double Extensions,
    double MonetaryRelief,
    double NonMonetaryRelief,
    double Explanation,
    double ReliefTotal,
    double? EscalatedShare,
    double? AverageRating);

/// <summary>The institution's own figures beside its sector's average per institution; the sector's figures are
/// means over institutions, so no single other institution can be read from them (nor is any named).</summary>
public sealed record InstitutionDashboard(ReportingPeriod Period, Sector Sector, InstitutionFigures Own, InstitutionFigures? SectorAverage, int SectorInstitutions);

/// <summary>
/// The institution portal's dashboard. A case counts in the period it was submitted in (Jakarta days) once it has
/// been forwarded to the institution; the own figures read through the InstitutionId+SubmittedAtUtc index, the
/// sector's through one grouped query over the sector's cases of the period (institutions of the same registry
/// sector with at least one case in it, this one included).
/// </summary>
public sealed class InstitutionStatisticsQueries(ComplaintsDbContext db)
{
    private sealed record Totals(
        int InstitutionId, int Received, int Answered, int Late, int Extended, int Monetary, int NonMonetary, int Explanation,
        long Relief, int Ratings, int RatingSum, int Escalated);

    /// <summary>Null for an unknown institution.</summary>
    public async Task<InstitutionDashboard?> DashboardAsync(int institutionId, ReportingPeriod period, CancellationToken ct = default)
    {
        var sector = await db.Institutions.AsNoTracking().Where(i => i.Id == institutionId).Select(i => (Sector?)i.Sector).FirstOrDefaultAsync(ct);
        if (sector is null)
        {
            return null;
        }

        var (start, end) = (period.StartUtc, period.EndUtc);
        var own = await TotalsAsync(db.Cases.Where(c => c.InstitutionId == institutionId && c.SubmittedAtUtc >= start && c.SubmittedAtUtc < end), ct);
        var sectorRows = await TotalsAsync(
            db.Cases.Where(c => c.SubmittedAtUtc >= start && c.SubmittedAtUtc < end && c.Institution!.Sector == sector.Value), ct);

        var ownFigures = own.Count == 0 ? Figures([new Totals(institutionId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]) : Figures(own);
        return new(period, sector.Value, ownFigures, sectorRows.Count == 0 ? null : Figures(sectorRows), sectorRows.Count);
    }

    /// <summary>Per institution: the cases forwarded to it, grouped in the database; escalations are a second grouped
    /// query over the same cases' moves into EscalationRequested (the consumer's rejection of the answer, or a
    /// request after a late one).</summary>
    private async Task<List<Totals>> TotalsAsync(IQueryable<Case> cases, CancellationToken ct)
    {
        var received = cases.AsNoTracking().Where(c => c.InstitutionId != null && c.ForwardedAtUtc != null);
        var rows = await received
            .GroupBy(c => c.InstitutionId!.Value)
            .Select(g => new
            {
                InstitutionId = g.Key,
                Received = g.Count(),
                Answered = g.Count(c => c.Outcome != null && !c.IsUntimely),
                Late = g.Count(c => c.IsUntimely),
                Extended = g.Count(c => c.InstitutionExtended),
                Monetary = g.Count(c => c.Outcome == ResponseOutcome.MonetaryRelief),
                NonMonetary = g.Count(c => c.Outcome == ResponseOutcome.NonMonetaryRelief),
                Explanation = g.Count(c => c.Outcome == ResponseOutcome.Explanation),
                Relief = g.Sum(c => c.Outcome == ResponseOutcome.MonetaryRelief ? c.ReliefAmount ?? 0 : 0),
                Ratings = g.Count(c => c.Rating != null),
                RatingSum = g.Sum(c => c.Rating ?? 0),
            })
            .ToListAsync(ct);
        var escalated = await db.CaseEvents.AsNoTracking()
            .Where(e => e.ToState == CaseState.EscalationRequested)
            .Join(received, e => e.CaseId, c => c.Id, (e, c) => new { e.CaseId, InstitutionId = c.InstitutionId!.Value })
            .Distinct()
            .GroupBy(x => x.InstitutionId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, ct);

        return rows.Select(r => new Totals(r.InstitutionId, r.Received, r.Answered, r.Late, r.Extended, r.Monetary, r.NonMonetary, r.Explanation,
                r.Relief, r.Ratings, r.RatingSum, escalated.GetValueOrDefault(r.InstitutionId)))
            .ToList();
    }

    /// <summary>The mean over institutions of each figure; shares and ratings over the institutions that have one.</summary>
    private static InstitutionFigures Figures(IReadOnlyList<Totals> rows)
    {
        static double? MeanOf(IEnumerable<double> values)
        {
            var list = values.ToList();
            return list.Count == 0 ? null : list.Average();
        }

        return new(
            rows.Average(r => r.Received),
            MeanOf(rows.Where(r => r.Answered + r.Late > 0).Select(r => (double)r.Answered / (r.Answered + r.Late))),
            rows.Average(r => r.Extended),
            rows.Average(r => r.Monetary),
            rows.Average(r => r.NonMonetary),
            rows.Average(r => r.Explanation),
            rows.Average(r => (double)r.Relief),
            MeanOf(rows.Where(r => r.Received > 0).Select(r => (double)r.Escalated / r.Received)),
            MeanOf(rows.Where(r => r.Ratings > 0).Select(r => (double)r.RatingSum / r.Ratings)));
    }
}
