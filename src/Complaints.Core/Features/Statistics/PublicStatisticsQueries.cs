using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Statistics;

/// <summary>The thresholds of the public statistics (configuration section "Statistics").</summary>
public sealed class PublicStatisticsOptions
{
    public const string Section = "Statistics";

    /// <summary>A published count below this (but above zero) is suppressed.</summary>
    public int MinCellCount { get; set; } = 10;

    /// <summary>An institution appears only with at least this many complaints forwarded to it in the period (and
    /// never with fewer than <see cref="MinCellCount"/>).</summary>
    public int MinInstitutionCases { get; set; } = 10;
}

/// <summary>A period of whole Jakarta months, <see cref="From"/> and <see cref="To"/> being first days of months.</summary>
public sealed record StatisticsPeriod(DateOnly From, DateOnly To)
{
    /// <summary>The longest period one request reads: three years of months, so the cost of a request has a bound.</summary>
    public const int MaxMonths = 36;

    public IEnumerable<DateOnly> Months()
    {
        for (var month = From; month <= To; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    public static string Text(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}

/// <summary>One published count; <see cref="Count"/> is null when it is suppressed.</summary>
public sealed record StatisticsCell(string? Key, LocalizedText? Label, int? Count)
{
    public bool Suppressed => Count is null;
}

/// <summary>
/// An institution with enough complaints: the complaints forwarded to it, how many of those the institution has
/// concluded (answered, or let its deadline pass), and the share of the concluded ones answered in time, in whole
/// percent. <see cref="Concluded"/> and <see cref="OnTimePercent"/> are null when the concluded count is suppressed.
/// </summary>
public sealed record InstitutionStatistics(int InstitutionId, string Name, int Cases, int? Concluded, int? OnTimePercent);

public sealed record PublicStatistics(
    StatisticsPeriod Period,
    DateTime AsOfUtc,
    int MinCellCount,
    int MinInstitutionCases,
    int? Total,
    IReadOnlyList<StatisticsCell> ByMonth,
    IReadOnlyList<StatisticsCell> BySector,
    IReadOnlyList<StatisticsCell> ByProduct,
    IReadOnlyList<StatisticsCell> ByIssue,
    IReadOnlyList<InstitutionStatistics> Institutions);

/// <summary>
/// Open data on complaints, for anyone: aggregates only, never a case, a narrative or a personal datum.
/// <list type="bullet">
/// <item>What counts: cases whose kind is Complaint now (a question reclassified at screening counts as a
/// complaint), in the Jakarta month of submission. Questions and information requests are not published here.</item>
/// <item>Every table (month, sector, product, issue) splits the same total; "not stated" is a row of its own so that
/// a table always adds up to the total.</item>
/// <item>Small cells: a count from 1 to MinCellCount-1 is suppressed. Because the total is published, a table with
/// exactly one suppressed cell would give it away by subtraction, so the smallest published cell of that table is
/// suppressed as well (secondary suppression). Zero is published: it describes nobody. A total under the threshold
/// suppresses everything.</item>
/// <item>Institutions: licensed institutions in the registry, by legal name, with at least MinInstitutionCases
/// complaints filed in the period and forwarded to them (the institution the case is with now). Concluded = answered
/// (an outcome recorded) or late (marked untimely by the deadline sweep, whether answered or not); on time =
/// answered and never marked untimely. The share is on-time / concluded; open cases within their deadline and cases
/// closed before any answer (withdrawn, say) are outside it. No institution total is published, so an institution
/// left out cannot be recovered by subtraction.</item>
/// <item>Known limit: two overlapping periods can be subtracted from each other (Jan-Mar minus Jan-Feb); what that
/// reveals is a count per sector, product, issue or institution for a month, never a person.</item>
/// </list>
/// The counts run one grouped query per month on the SubmittedAtUtc index (per-month ranges keep Jakarta months
/// exact without provider date functions); `bench public-stats` times them.
/// </summary>
public sealed class PublicStatisticsQueries(ComplaintsDbContext db, TimeProvider clock, IOptions<PublicStatisticsOptions> options)
{
    public int MinCellCount => Math.Max(1, options.Value.MinCellCount);

    /// <summary>Never under <see cref="MinCellCount"/>: an institution's count is a published cell too.</summary>
    public int MinInstitutionCases => Math.Max(MinCellCount, options.Value.MinInstitutionCases);

    /// <summary>The last twelve full Jakarta months.</summary>
    public StatisticsPeriod DefaultPeriod()
    {
        var current = CurrentMonth();
        return new(current.AddMonths(-12), current.AddMonths(-1));
    }

    /// <summary>
    /// Reads the period of a request: <paramref name="year"/> alone ("2026"), or <paramref name="from"/> and/or
    /// <paramref name="to"/> as "yyyy-MM" (one alone is a single month), or nothing for the default. Months after the
    /// current one, before 2000, reversed or longer than <see cref="StatisticsPeriod.MaxMonths"/> are refused with the
    /// code of the error ("statistics.period.*").
    /// </summary>
    public bool TryParsePeriod(string? from, string? to, string? year, out StatisticsPeriod period, out string? error)
    {
        period = DefaultPeriod();
        error = null;
        from = string.IsNullOrWhiteSpace(from) ? null : from.Trim();
        to = string.IsNullOrWhiteSpace(to) ? null : to.Trim();
        DateOnly first, last;
        if (!string.IsNullOrWhiteSpace(year))
        {
            if (from is not null || to is not null
                || !int.TryParse(year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 9999)
            {
                error = "statistics.period.invalid";
                return false;
            }

            first = new DateOnly(y, 1, 1);
            last = new DateOnly(y, 12, 1);
            // The current year runs to the current month.
            last = last > CurrentMonth() ? CurrentMonth() : last;
        }
        else if (from is null && to is null)
        {
            return true;
        }
        else if (!TryMonth(from ?? to, out first) || !TryMonth(to ?? from, out last))
        {
            error = "statistics.period.invalid";
            return false;
        }

        if (first.Year < 2000 || last > CurrentMonth() || first > CurrentMonth())
        {
            error = "statistics.period.outOfRange";
            return false;
        }

        if (first > last)
        {
            error = "statistics.period.reversed";
            return false;
        }

        if ((last.Year - first.Year) * 12 + last.Month - first.Month + 1 > StatisticsPeriod.MaxMonths)
        {
            error = "statistics.period.tooLong";
            return false;
        }

        period = new(first, last);
        return true;
    }

    public async Task<PublicStatistics> ForPeriodAsync(StatisticsPeriod period, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var groups = new Dictionary<(Sector? Sector, string? Product, string? Issue), int>();
        var months = new List<(DateOnly Month, int Count)>();
        var institutions = new Dictionary<int, (int Cases, int OnTime, int Late)>();
        foreach (var month in period.Months())
        {
            var start = WorkingDayCalendar.EndOfJakartaDayUtc(month.AddDays(-1));
            var end = WorkingDayCalendar.EndOfJakartaDayUtc(month.AddMonths(1).AddDays(-1));
            // One read of the month's complaints gives both the volumes and the institutions' figures. Late is what
            // the deadline sweep (every five minutes) has recorded: a condition on the owned deadline clock would make
            // EF write a correlated subquery per group, many times slower on a million cases.
            var rows = await db.Cases.AsNoTracking()
                .Where(c => c.SubmittedAtUtc >= start && c.SubmittedAtUtc < end && c.Kind == CaseKind.Complaint)
                .Select(c => new
                {
                    c.Sector,
                    c.Product,
                    c.IssueCategory,
                    c.InstitutionId,
                    Forwarded = c.InstitutionId != null && c.ForwardedAtUtc != null,
                    OnTime = c.Outcome != null && !c.IsUntimely,
                    Late = c.IsUntimely,
                })
                .GroupBy(c => new { c.Sector, c.Product, c.IssueCategory, c.InstitutionId })
                .Select(g => new
                {
                    g.Key.Sector,
                    g.Key.Product,
                    g.Key.IssueCategory,
                    g.Key.InstitutionId,
                    Count = g.Count(),
                    Forwarded = g.Sum(c => c.Forwarded ? 1 : 0),
                    OnTime = g.Sum(c => c.Forwarded && c.OnTime ? 1 : 0),
                    Late = g.Sum(c => c.Forwarded && c.Late ? 1 : 0),
                })
                .ToListAsync(ct);
            foreach (var r in rows)
            {
                var key = (r.Sector, r.Product, r.IssueCategory);
                groups[key] = groups.GetValueOrDefault(key) + r.Count;
                if (r.InstitutionId is { } id && r.Forwarded > 0)
                {
                    var sum = institutions.GetValueOrDefault(id);
                    institutions[id] = (sum.Cases + r.Forwarded, sum.OnTime + r.OnTime, sum.Late + r.Late);
                }
            }

            months.Add((month, rows.Sum(r => r.Count)));
        }

        var total = months.Sum(m => m.Count);
        var k = MinCellCount;
        var named = await InstitutionNamesAsync(institutions.Where(i => i.Value.Cases >= MinInstitutionCases).Select(i => i.Key).ToList(), ct);

        return new(
            period,
            now,
            k,
            MinInstitutionCases,
            total > 0 && total < k ? null : total,
            Suppress(months.Select(m => ((string?)StatisticsPeriod.Text(m.Month), (LocalizedText?)null, m.Count)), total, k),
            Suppress(Table(groups, g => g.Sector?.ToString(), SectorTaxonomy), total, k),
            Suppress(Table(groups, g => g.Product, CaseTaxonomy.Products), total, k),
            Suppress(Table(groups, g => g.Issue, CaseTaxonomy.IssueCategories), total, k),
            named
                .Select(n =>
                {
                    var (cases, onTime, late) = institutions[n.Id];
                    var concluded = onTime + late;
                    // A late answer counts as late, not on time: onTime and late never overlap, so neither exceeds concluded.
                    var shown = concluded == 0 || concluded >= k;
                    return new InstitutionStatistics(n.Id, n.Name, cases, shown ? concluded : null,
                        shown && concluded > 0 ? (int)Math.Round(100.0 * onTime / concluded, MidpointRounding.AwayFromZero) : null);
                })
                .OrderBy(i => i.Name, StringComparer.OrdinalIgnoreCase).ThenBy(i => i.InstitutionId)
                .ToList());
    }

    private async Task<List<(int Id, string Name)>> InstitutionNamesAsync(List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var rows = await db.Institutions.AsNoTracking()
            .Where(i => ids.Contains(i.Id) && i.Status == InstitutionStatus.Licensed)
            .Select(i => new { i.Id, i.LegalName })
            .ToListAsync(ct);
        return rows.Select(r => (r.Id, r.LegalName)).ToList();
    }

    private static readonly IReadOnlyList<TaxonomyItem> SectorTaxonomy =
        CaseTaxonomy.Sectors.Select(s => new TaxonomyItem(s.Key.ToString(), s.Value)).ToList();

    /// <summary>
    /// One dimension of the grouped counts in the taxonomy's order (codes it no longer lists after, "not stated", a
    /// null key, last). Never by size: the place of a suppressed cell among published ones would bound its count.
    /// </summary>
    private static IEnumerable<(string? Key, LocalizedText? Label, int Count)> Table(
        Dictionary<(Sector? Sector, string? Product, string? Issue), int> groups,
        Func<(Sector? Sector, string? Product, string? Issue), string?> key,
        IReadOnlyList<TaxonomyItem> taxonomy)
    {
        int Position(string? code) => code is null ? int.MaxValue
            : taxonomy.Select((t, i) => (t, i)).FirstOrDefault(x => x.t.Code == code) is { t: not null } found ? found.i : int.MaxValue - 1;

        return groups
            .GroupBy(g => key(g.Key))
            .Select(g => (Key: g.Key, Label: taxonomy.FirstOrDefault(t => t.Code == g.Key)?.Label, Count: g.Sum(x => x.Value)))
            .OrderBy(r => Position(r.Key))
            .ThenBy(r => r.Key, StringComparer.Ordinal);
    }

    /// <summary>
    /// Primary suppression of counts from 1 to k-1 and, when the table's total is published and exactly one cell is
    /// suppressed, secondary suppression of the smallest published non-zero cell, so no suppressed count follows from
    /// the total by subtraction. A total under k suppresses every non-zero cell.
    /// </summary>
    internal static IReadOnlyList<StatisticsCell> Suppress(IEnumerable<(string? Key, LocalizedText? Label, int Count)> rows, int total, int k)
    {
        var list = rows.ToList();
        var hidden = list.Select(r => r.Count > 0 && (r.Count < k || total < k)).ToArray();
        if (total >= k && hidden.Count(h => h) == 1)
        {
            var partner = Enumerable.Range(0, list.Count)
                .Where(i => !hidden[i] && list[i].Count > 0)
                .OrderBy(i => list[i].Count)
                .ThenBy(i => i)
                .Cast<int?>()
                .FirstOrDefault();
            if (partner is { } p)
            {
                hidden[p] = true;
            }
        }

        return list.Select((r, i) => new StatisticsCell(r.Key, r.Label, hidden[i] ? null : r.Count)).ToList();
    }

    private DateOnly CurrentMonth()
    {
        var today = WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1);
    }

    private static bool TryMonth(string? text, out DateOnly month) =>
        DateOnly.TryParseExact(text ?? "", "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
}
