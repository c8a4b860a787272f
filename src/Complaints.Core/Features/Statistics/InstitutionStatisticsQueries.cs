using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
public sealed record InstitutionDashboard(ReportingPeriod Period, Sector Sector, InstitutionFigures Own, InstitutionFigures? SectorAverage, int SectorInstitutions)
{
    /// <summary>The figures as the page and the PDF print them: an id, the label, the own value and the sector's
    /// ("–" without one), in the current culture.</summary>
    public IReadOnlyList<(string Id, string Label, string Own, string Sector)> Rows(IStringLocalizer l)
    {
        var culture = System.Globalization.CultureInfo.CurrentCulture;
        string Count(double value) => value.ToString("#,0.#", culture);
        string Rating(double? value) => value is { } v ? v.ToString("0.00", culture) : "–";
        string Money(double value) => Formats.Rupiah((long)Math.Round(value));
        string Sectors(Func<InstitutionFigures, string> format) => SectorAverage is null ? "–" : format(SectorAverage);
        return
        [
            ("received", l["inststats.received"], Count(Own.Received), Sectors(f => Count(f.Received))),
            ("on-time", l["inststats.onTime"], DurationSummary.Percent(Own.OnTimeShare), DurationSummary.Percent(SectorAverage?.OnTimeShare)),
            ("extensions", l["inststats.extensions"], Count(Own.Extensions), Sectors(f => Count(f.Extensions))),
            ("monetary", l["inststats.monetary"], Count(Own.MonetaryRelief), Sectors(f => Count(f.MonetaryRelief))),
            ("non-monetary", l["inststats.nonMonetary"], Count(Own.NonMonetaryRelief), Sectors(f => Count(f.NonMonetaryRelief))),
            ("explanation", l["inststats.explanation"], Count(Own.Explanation), Sectors(f => Count(f.Explanation))),
            ("relief", l["inststats.relief"], Money(Own.ReliefTotal), Sectors(f => Money(f.ReliefTotal))),
            ("escalated", l["inststats.escalated"], DurationSummary.Percent(Own.EscalatedShare), DurationSummary.Percent(SectorAverage?.EscalatedShare)),
            ("rating", l["inststats.rating"], Rating(Own.AverageRating), Rating(SectorAverage?.AverageRating)),
        ];
    }
}

/// <summary>
/// The institution portal's dashboard. A case counts in the period it was submitted in (Jakarta days) once it has
/// been forwarded to the institution. Both the own figures and the sector's are one grouped statement each over the
/// covering (InstitutionId, SubmittedAtUtc, …) index: per institution of the sector, a range of the period read from
/// the index alone, never the case rows nor their history (a year of a million-case sector in well under 2 s on both
/// databases; see bench `dashboards`). "Escalated" is the regulator dashboard's definition, read from the state.
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

        var sectorIds = await db.Institutions.AsNoTracking().Where(i => i.Sector == sector.Value).Select(i => (int?)i.Id).ToListAsync(ct);
        var own = await TotalsAsync([institutionId], period, ct);
        var sectorRows = await TotalsAsync(sectorIds, period, ct);

        var ownFigures = own.Count == 0 ? Figures([new Totals(institutionId, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)]) : Figures(own);
        return new(period, sector.Value, ownFigures, sectorRows.Count == 0 ? null : Figures(sectorRows), sectorRows.Count);
    }

    /// <summary>Per institution of <paramref name="institutionIds"/> with cases forwarded to it in the period.</summary>
    private async Task<List<Totals>> TotalsAsync(List<int?> institutionIds, ReportingPeriod period, CancellationToken ct)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var escalated = RegulatorDashboardQueries.EscalatedStates;
        var rows = await db.Cases.AsNoTracking()
            .Where(c => institutionIds.Contains(c.InstitutionId) && c.SubmittedAtUtc >= start && c.SubmittedAtUtc < end && c.ForwardedAtUtc != null)
            .GroupBy(c => c.InstitutionId!.Value)
            .Select(g => new Totals(
                g.Key,
                g.Count(),
                g.Count(c => c.Outcome != null && !c.IsUntimely),
                g.Count(c => c.IsUntimely),
                g.Count(c => c.InstitutionExtended),
                g.Count(c => c.Outcome == ResponseOutcome.MonetaryRelief),
                g.Count(c => c.Outcome == ResponseOutcome.NonMonetaryRelief),
                g.Count(c => c.Outcome == ResponseOutcome.Explanation),
                g.Sum(c => c.Outcome == ResponseOutcome.MonetaryRelief ? c.ReliefAmount ?? 0 : 0),
                g.Count(c => c.Rating != null),
                g.Sum(c => c.Rating ?? 0),
                g.Count(c => escalated.Contains(c.State) || (c.State == CaseState.ClosedIneligible && c.FailedRule != null))))
            .ToListAsync(ct);
        return rows;
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
