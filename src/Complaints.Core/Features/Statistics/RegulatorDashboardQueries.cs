using System.Globalization;
using System.Linq.Expressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Identity;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.Statistics;

/// <summary>Quick periods ending today (Jakarta); <see cref="Custom"/> takes the dates as given.</summary>
public enum DashboardPreset
{
    Custom,
    Today,
    ThisWeek,
    ThisMonth,
    ThisYear,
}

public enum DashboardGranularity
{
    Day,
    Week,
    Month,
    Year,
}

/// <summary>What the volume table groups by.</summary>
public enum VolumeDimension
{
    Kind,
    Channel,
    Sector,
    Institution,
    Product,
    Issue,
    Province,
}

/// <summary>
/// The fact behind a number on the dashboards. A figure is the count of the filtered cases that match its measure,
/// and the drill-down lists the same cases with the same predicate, so the two cannot disagree.
/// </summary>
public enum DashboardMeasure
{
    All,
    Forwarded,
    AnsweredOnTime,
    AnsweredLate,
    Untimely,
    Extended,
    MonetaryRelief,
    NonMonetaryRelief,
    Explanation,
    ResolvedAtInstitution,
    Escalated,
    EscalationPending,
    Ineligible,
    ReferredToLaps,
    InFacilitation,
    Agreement,
    NoAgreement,
    Rated,
    StageMet,
    StageMissed,
    StageRunning,
    StageOverdue,
}

/// <summary>
/// The dashboards' filters. A period means the cases submitted in it (Jakarta days, both ends included). The
/// nullable classification filters take <see cref="DashboardFilter.None"/> for "not set" (an unclassified
/// complaint, a case without institution or without NIK), so every row of a table, "none" included, drills down.
/// </summary>
public sealed record DashboardFilter
{
    public const string None = "-";

    public DashboardPreset Preset { get; init; }

    public DateOnly? From { get; init; }

    public DateOnly? To { get; init; }

    public DashboardGranularity Granularity { get; init; } = DashboardGranularity.Month;

    public VolumeDimension By { get; init; }

    public CaseKind? Kind { get; init; }

    /// <summary>A <see cref="Domain.Cases.ComplaintType"/> name or <see cref="None"/>.</summary>
    public string? Type { get; init; }

    public Channel? Channel { get; init; }

    /// <summary>A <see cref="Domain.Institutions.Sector"/> name or <see cref="None"/>.</summary>
    public string? Sector { get; init; }

    /// <summary>An institution id or <see cref="None"/>.</summary>
    public string? Institution { get; init; }

    public string? Product { get; init; }

    public string? Issue { get; init; }

    /// <summary>Two-digit province code (the NIK's first two digits) or <see cref="None"/>.</summary>
    public string? Province { get; init; }

    /// <summary>The period the preset stands for on <paramref name="today"/>; a custom period is kept.</summary>
    public DashboardFilter Resolve(DateOnly today) => Preset switch
    {
        DashboardPreset.Custom => this,
        DashboardPreset.Today => this with { From = today, To = today },
        DashboardPreset.ThisWeek => this with { From = RegulatorDashboardQueries.BucketStart(today, DashboardGranularity.Week), To = today },
        DashboardPreset.ThisMonth => this with { From = RegulatorDashboardQueries.BucketStart(today, DashboardGranularity.Month), To = today },
        DashboardPreset.ThisYear => this with { From = RegulatorDashboardQueries.BucketStart(today, DashboardGranularity.Year), To = today },
    };
}

public sealed record DashboardVolumeRow(string Key, string? Name, int Count);

public sealed record DashboardPeriodRow(DateOnly Start, DateOnly End, int Count);

public sealed record DashboardVolume(int Total, IReadOnlyList<DashboardVolumeRow> ByDimension, IReadOnlyList<DashboardPeriodRow> ByPeriod);

/// <summary>One institution's record on the cases forwarded to it. <see cref="AnsweredLate"/> is part of
/// <see cref="Untimely"/>: the deadline was missed, and an answer came later.</summary>
public sealed record DashboardInstitutionRow(
    int? InstitutionId,
    string Name,
    int Received,
    int AnsweredOnTime,
    int AnsweredLate,
    int Untimely,
    int Extended,
    int MonetaryRelief,
    long ReliefTotal,
    int NonMonetaryRelief,
    int Explanation,
    int Resolved,
    int Escalated,
    int Rated,
    double? AverageRating)
{
    /// <summary>Answered on time out of the cases whose deadline was decided (answered on time or missed).</summary>
    public double? OnTimeShare => AnsweredOnTime + Untimely == 0 ? null : (double)AnsweredOnTime / (AnsweredOnTime + Untimely);

    /// <summary>Accepted by the consumer out of those accepted or escalated.</summary>
    public double? ResolvedShare => Resolved + Escalated == 0 ? null : (double)Resolved / (Resolved + Escalated);
}

public sealed record DashboardInstitutions(DashboardInstitutionRow Total, IReadOnlyList<DashboardInstitutionRow> Rows);

public enum DashboardEscalationOutcome
{
    Ineligible,
    ReferredToLaps,
    Agreement,
    NoAgreement,
}

/// <summary>Calendar days from the consumer's escalation request to the closure.</summary>
public sealed record EscalationDurationRow(DashboardEscalationOutcome Outcome, int Cases, double AverageDays, double MedianDays);

public sealed record DashboardEscalations(
    int Escalated,
    int Pending,
    int Ineligible,
    IReadOnlyList<(EligibilityRule Rule, int Count)> FailedRules,
    int ReferredToLaps,
    int InFacilitation,
    int Agreement,
    int NoAgreement,
    long AgreementTotal,
    IReadOnlyList<EscalationDurationRow> Durations);

/// <summary>One deadline stage. Met/missed are null where the case record cannot tell (see the README).</summary>
public sealed record DeadlineStageRow(ClockKind Stage, int? Met, int? Missed, int Running, int Overdue)
{
    public double? MetShare => Met is { } met && Missed is { } missed && met + missed > 0 ? (double)met / (met + missed) : null;
}

public sealed record DashboardDeadlines(IReadOnlyList<DeadlineStageRow> Stages);

public sealed record DashboardCaseRow(string TrackingNumber, CaseKind Kind, ComplaintType? ComplaintType, Channel Channel, CaseState State, string? InstitutionName, DateTime SubmittedAtUtc);

public sealed record DashboardCasePage(IReadOnlyList<DashboardCaseRow> Rows, int Page, int PageSize, int Total)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>One row per case for the export: classification, dates, deadline and outcome; no personal data.</summary>
public sealed record DashboardExportRow(
    string TrackingNumber,
    CaseKind Kind,
    ComplaintType? ComplaintType,
    Channel Channel,
    Sector? Sector,
    string? InstitutionName,
    string? Product,
    string? IssueCategory,
    string? ProvinceCode,
    DateTime SubmittedAtUtc,
    CaseState State,
    ClockKind? DeadlineKind,
    DateTime? DeadlineDueAtUtc,
    bool IsUntimely,
    ResponseOutcome? Outcome,
    long? ReliefAmount,
    DateTime? ClosedAtUtc);

/// <summary>
/// The regulator's dashboards (issue #6): one method per section, each a few aggregate statements over the
/// filtered cases, read through <see cref="CaseAccess.VisibleTo"/>.
/// </summary>
public sealed class RegulatorDashboardQueries(ComplaintsDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    /// <summary>Asia/Jakarta has kept UTC+7 without daylight saving since 1964; a fixed offset lets both databases
    /// compute the Jakarta day of an instant in SQL.</summary>
    private const int JakartaOffsetHours = 7;

    private static readonly CaseState[] PendingStates = [CaseState.EscalationRequested, CaseState.EligibilityReview];

    private static readonly CaseState[] FacilitationStates =
        [CaseState.ClarificationMeeting, CaseState.FacilitationAgreementPending, CaseState.Facilitation];

    /// <summary>States a case reaches only after the consumer asked for escalation (ineligible cases are told
    /// apart by their failed rule, which only eligibility review sets).</summary>
    internal static readonly CaseState[] EscalatedStates =
        [.. PendingStates, .. FacilitationStates, CaseState.ReferredToLaps, CaseState.ClosedAgreement, CaseState.ClosedNoAgreement];

    private static readonly CaseState[] SignatureCandidates = [CaseState.Facilitation, CaseState.ClosedAgreement, CaseState.ClosedNoAgreement];

    public DateOnly Today => WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime);

    public async Task<DashboardVolume> VolumeAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        var cases = Filtered(actor, filter);
        var byDimension = filter.By switch
        {
            VolumeDimension.Kind => (await cases.GroupBy(c => new { c.Kind, c.ComplaintType }).Select(g => new { g.Key.Kind, g.Key.ComplaintType, Count = g.Count() }).ToListAsync(ct))
                .Select(r => new DashboardVolumeRow(KindKey(r.Kind, r.ComplaintType), null, r.Count)).ToList(),
            VolumeDimension.Channel => (await cases.GroupBy(c => c.Channel).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(r => new DashboardVolumeRow(r.Key.ToString(), null, r.Count)).ToList(),
            VolumeDimension.Sector => (await cases.GroupBy(c => c.Sector).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(r => new DashboardVolumeRow(r.Key?.ToString() ?? DashboardFilter.None, null, r.Count)).ToList(),
            VolumeDimension.Institution => await InstitutionVolumeAsync(cases, ct),
            VolumeDimension.Product => (await cases.GroupBy(c => c.Product).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(r => new DashboardVolumeRow(r.Key ?? DashboardFilter.None, null, r.Count)).ToList(),
            VolumeDimension.Issue => (await cases.GroupBy(c => c.IssueCategory).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(r => new DashboardVolumeRow(r.Key ?? DashboardFilter.None, null, r.Count)).ToList(),
            VolumeDimension.Province => (await cases.GroupBy(c => c.ProvinceCode).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct))
                .Select(r => new DashboardVolumeRow(r.Key ?? DashboardFilter.None, r.Key is null ? null : RegionCodes.Shipped.ProvinceName(r.Key) ?? r.Key, r.Count)).ToList(),
        };

        // Jakarta days in SQL (PostgreSQL: date_trunc(..., 'UTC') of the shifted instant), then weeks, months or years here.
        var days = db.Database.IsSqlite()
            // SQLite keeps instants as text ("yyyy-MM-dd HH:mm:ss…", UTC): grouping by the first 13 characters (the UTC
            // hour) and shifting here costs a third of a date function per row.
            ? (await cases
#pragma warning disable CA1305 // Translated to SQL (the stored text), never run with a culture.
                .GroupBy(c => c.SubmittedAtUtc.ToString().Substring(0, 13))
#pragma warning restore CA1305
                .Select(g => new { Hour = g.Key, Count = g.Count() })
                .ToListAsync(ct))
                .Select(h => (Day: DateOnly.FromDateTime(DateTime.ParseExact(h.Hour, "yyyy-MM-dd HH", CultureInfo.InvariantCulture).AddHours(JakartaOffsetHours)), h.Count))
                .ToList()
            : (await cases
                .GroupBy(c => c.SubmittedAtUtc.AddHours(JakartaOffsetHours).Date)
                .Select(g => new { Day = g.Key, Count = g.Count() })
                .ToListAsync(ct))
                .Select(d => (Day: DateOnly.FromDateTime(d.Day), d.Count))
                .ToList();
        var buckets = days
            .GroupBy(d => BucketStart(d.Day, filter.Granularity))
            .ToDictionary(g => g.Key, g => g.Sum(d => d.Count));
        var byPeriod = new List<DashboardPeriodRow>();
        if (buckets.Count > 0 || (filter.From is not null && filter.To is not null))
        {
            var first = filter.From is { } from ? BucketStart(from, filter.Granularity) : buckets.Keys.Min();
            var last = filter.To is { } to ? BucketStart(to, filter.Granularity) : buckets.Keys.Max();
            // Empty periods show as zero so the chart's axis is even; a very long range of days is listed sparsely.
            var dense = filter.Granularity != DashboardGranularity.Day || last.DayNumber - first.DayNumber <= 1_000;
            for (var start = first; start <= last; start = NextBucket(start, filter.Granularity))
            {
                var count = buckets.GetValueOrDefault(start);
                if (count > 0 || dense)
                {
                    var end = NextBucket(start, filter.Granularity).AddDays(-1);
                    byPeriod.Add(new DashboardPeriodRow(
                        filter.From is { } f && f > start ? f : start,
                        filter.To is { } t && t < end ? t : end,
                        count));
                }
            }
        }

        return new DashboardVolume(
            byDimension.Sum(r => r.Count),
            byDimension.OrderByDescending(r => r.Count).ThenBy(r => r.Key, StringComparer.Ordinal).ToList(),
            byPeriod);
    }

    public async Task<DashboardInstitutions> InstitutionsAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        var rows = await Filtered(actor, filter)
            .Where(c => c.ForwardedAtUtc != null)
            // "+ 0" keeps SQLite from walking an InstitutionId index for the grouping order, which reads every row
            // out of order (2.4 s on a million cases); a plain scan and a sort take 0.7 s. PostgreSQL is unaffected.
            .GroupBy(c => c.InstitutionId + 0)
            .Select(g => new
            {
                InstitutionId = g.Key,
                Received = g.Count(),
                AnsweredOnTime = g.Count(c => c.Outcome != null && !c.IsUntimely),
                AnsweredLate = g.Count(c => c.Outcome != null && c.IsUntimely),
                Untimely = g.Count(c => c.IsUntimely),
                Extended = g.Count(c => c.InstitutionExtended),
                Monetary = g.Count(c => c.Outcome == ResponseOutcome.MonetaryRelief),
                ReliefTotal = g.Sum(c => c.Outcome == ResponseOutcome.MonetaryRelief ? c.ReliefAmount ?? 0 : 0),
                NonMonetary = g.Count(c => c.Outcome == ResponseOutcome.NonMonetaryRelief),
                Explanation = g.Count(c => c.Outcome == ResponseOutcome.Explanation),
                Resolved = g.Count(c => c.State == CaseState.ClosedResolved),
                Escalated = g.Count(c => EscalatedStates.Contains(c.State) || (c.State == CaseState.ClosedIneligible && c.FailedRule != null)),
                Rated = g.Count(c => c.Rating != null),
                RatingSum = g.Sum(c => c.Rating ?? 0),
            })
            .ToListAsync(ct);
        var ids = rows.Where(r => r.InstitutionId != null).Select(r => r.InstitutionId!.Value).ToList();
        var names = await NamesAsync(ids, ct);
        var result = rows
            .Select(r => new DashboardInstitutionRow(
                r.InstitutionId, r.InstitutionId is { } id ? names.GetValueOrDefault(id, "#" + id.ToString(CultureInfo.InvariantCulture)) : "",
                r.Received, r.AnsweredOnTime, r.AnsweredLate, r.Untimely, r.Extended, r.Monetary, r.ReliefTotal, r.NonMonetary,
                r.Explanation, r.Resolved, r.Escalated, r.Rated, r.Rated == 0 ? null : (double)r.RatingSum / r.Rated))
            .OrderByDescending(r => r.Received).ThenBy(r => r.Name, StringComparer.Ordinal)
            .ToList();
        var ratedTotal = rows.Sum(r => r.Rated);
        var total = new DashboardInstitutionRow(
            null, "",
            result.Sum(r => r.Received), result.Sum(r => r.AnsweredOnTime), result.Sum(r => r.AnsweredLate), result.Sum(r => r.Untimely),
            result.Sum(r => r.Extended), result.Sum(r => r.MonetaryRelief), result.Sum(r => r.ReliefTotal), result.Sum(r => r.NonMonetaryRelief),
            result.Sum(r => r.Explanation), result.Sum(r => r.Resolved), result.Sum(r => r.Escalated), ratedTotal,
            ratedTotal == 0 ? null : (double)rows.Sum(r => r.RatingSum) / ratedTotal);
        return new DashboardInstitutions(total, result);
    }

    public async Task<DashboardEscalations> EscalationsAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        var cases = Filtered(actor, filter);
        // One statement over the escalated cases only: the state index finds them without reading the rest.
        var byState = await cases
            .Where(c => EscalatedStates.Contains(c.State) || (c.State == CaseState.ClosedIneligible && c.FailedRule != null))
            .GroupBy(c => new { c.State, c.FailedRule })
            .Select(g => new { g.Key.State, g.Key.FailedRule, Count = g.Count(), Agreed = g.Sum(c => c.AgreementAmount ?? 0) })
            .ToListAsync(ct);
        int Count(params CaseState[] states) => byState.Where(r => states.Contains(r.State)).Sum(r => r.Count);
        var rules = byState.Where(r => r.State == CaseState.ClosedIneligible && r.FailedRule != null)
            .GroupBy(r => r.FailedRule!.Value)
            .Select(g => (g.Key, g.Sum(r => r.Count)))
            .OrderBy(r => r.Key)
            .ToList();

        // Durations: each closed escalated case's request (a rejection or, after a missed deadline, a request), kept on the case.
        var closed = await cases
            .Where(c => c.ClosedAtUtc != null
                && (c.State == CaseState.ReferredToLaps || c.State == CaseState.ClosedAgreement || c.State == CaseState.ClosedNoAgreement
                    || (c.State == CaseState.ClosedIneligible && c.FailedRule != null)))
            .Select(c => new { c.State, c.ClosedAtUtc, RequestedAt = c.EscalatedAtUtc })
            .ToListAsync(ct);
        var durations = closed
            .Where(r => r.RequestedAt is not null)
            .GroupBy(r => r.State switch
            {
                CaseState.ReferredToLaps => DashboardEscalationOutcome.ReferredToLaps,
                CaseState.ClosedAgreement => DashboardEscalationOutcome.Agreement,
                CaseState.ClosedNoAgreement => DashboardEscalationOutcome.NoAgreement,
                _ => DashboardEscalationOutcome.Ineligible,
            })
            .Select(g =>
            {
                var days = g.Select(r => (r.ClosedAtUtc!.Value - r.RequestedAt!.Value).TotalDays).Order().ToList();
                var median = days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2;
                return new EscalationDurationRow(g.Key, days.Count, days.Average(), median);
            })
            .OrderBy(r => r.Outcome)
            .ToList();

        return new DashboardEscalations(
            byState.Sum(r => r.Count),
            Count(PendingStates),
            Count(CaseState.ClosedIneligible),
            rules,
            Count(CaseState.ReferredToLaps),
            Count(FacilitationStates),
            Count(CaseState.ClosedAgreement),
            Count(CaseState.ClosedNoAgreement),
            byState.Where(r => r.State == CaseState.ClosedAgreement).Sum(r => r.Agreed),
            durations);
    }

    public async Task<DashboardDeadlines> DeadlinesAsync(Actor actor, DashboardFilter filter, CancellationToken ct = default)
    {
        var cases = Filtered(actor, filter);
        var now = clock.GetUtcNow().UtcDateTime;
        // The institution's stage needs a scan of the forwarded cases: one statement for both of its figures. The
        // consumer's stages are found by state (indexed); the running clocks are read once (a few hundred thousand
        // at most: their kind and due time) rather than counted per stage through the due-date index.
        var institution = await cases
            .Where(c => c.ForwardedAtUtc != null)
            .GroupBy(c => 1)
            .Select(g => new { Met = g.Count(c => c.Outcome != null && !c.IsUntimely), Missed = g.Count(c => c.IsUntimely) })
            .SingleOrDefaultAsync(ct);
        var clocks = await cases
            .Where(c => c.Deadline!.DueAtUtc != null)
            .Select(c => new { c.Deadline!.Kind, c.Deadline!.DueAtUtc })
            .ToListAsync(ct);
        var stages = new List<DeadlineStageRow>();
        foreach (var stage in Enum.GetValues<ClockKind>())
        {
            int? met = null, missed = null;
            if (stage == ClockKind.InstitutionResponse)
            {
                (met, missed) = (institution?.Met ?? 0, institution?.Missed ?? 0);
            }
            else
            {
                if (Met(stage) is { } metWhere)
                {
                    met = await cases.Where(metWhere).CountAsync(ct);
                }

                if (Missed(stage) is { } missedWhere)
                {
                    missed = await cases.Where(missedWhere).CountAsync(ct);
                }
            }

            stages.Add(new DeadlineStageRow(stage, met, missed, clocks.Count(c => c.Kind == stage), clocks.Count(c => c.Kind == stage && c.DueAtUtc < now)));
        }

        return new DashboardDeadlines(stages);
    }

    /// <summary>The cases behind one number: the filters, the measure, and for some measures a rule or a stage.</summary>
    public async Task<DashboardCasePage> CasesAsync(
        Actor actor, DashboardFilter filter, DashboardMeasure measure, EligibilityRule? rule, ClockKind? stage, int page, CancellationToken ct = default)
    {
        var cases = Measured(actor, filter, measure, rule, stage);
        var total = await cases.CountAsync(ct);
        page = Math.Clamp(page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await cases
            .OrderByDescending(c => c.SubmittedAtUtc).ThenByDescending(c => c.Id)
            .Skip((page - 1) * PageSize)
            .Take(PageSize)
            .Select(c => new DashboardCaseRow(c.TrackingNumber, c.Kind, c.ComplaintType, c.Channel, c.State, c.Institution!.LegalName, c.SubmittedAtUtc))
            .ToListAsync(ct);
        return new DashboardCasePage(rows, page, PageSize, total);
    }

    /// <summary>The export, streamed in submission order as the database yields it.</summary>
    public IAsyncEnumerable<DashboardExportRow> ExportAsync(
        Actor actor, DashboardFilter filter, DashboardMeasure measure, EligibilityRule? rule, ClockKind? stage) =>
        Measured(actor, filter, measure, rule, stage)
            .OrderBy(c => c.SubmittedAtUtc).ThenBy(c => c.Id)
            .Select(c => new DashboardExportRow(
                c.TrackingNumber, c.Kind, c.ComplaintType, c.Channel, c.Sector, c.Institution!.LegalName, c.Product, c.IssueCategory,
                c.ProvinceCode, c.SubmittedAtUtc, c.State, c.Deadline!.Kind, c.Deadline!.DueAtUtc, c.IsUntimely, c.Outcome,
                c.ReliefAmount, c.ClosedAtUtc))
            .AsAsyncEnumerable();

    /// <summary>Institutions that have cases, for the filter.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> InstitutionChoicesAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking()
            .Where(i => i.Status != InstitutionStatus.Revoked)
            .OrderBy(i => i.LegalName)
            .Select(i => new { i.Id, i.LegalName })
            .ToListAsync(ct))
        .Select(i => (i.Id, i.LegalName)).ToList();

    public static string KindKey(CaseKind kind, ComplaintType? type) =>
        kind == CaseKind.Complaint ? $"{kind}:{type?.ToString() ?? DashboardFilter.None}" : kind.ToString();

    public static DateOnly BucketStart(DateOnly day, DashboardGranularity granularity) => granularity switch
    {
        DashboardGranularity.Day => day,
        // Weeks start on Monday.
        DashboardGranularity.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        DashboardGranularity.Month => new DateOnly(day.Year, day.Month, 1),
        DashboardGranularity.Year => new DateOnly(day.Year, 1, 1),
    };

    private static DateOnly NextBucket(DateOnly start, DashboardGranularity granularity) => granularity switch
    {
        DashboardGranularity.Day => start.AddDays(1),
        DashboardGranularity.Week => start.AddDays(7),
        DashboardGranularity.Month => start.AddMonths(1),
        DashboardGranularity.Year => start.AddYears(1),
    };

    private async Task<List<DashboardVolumeRow>> InstitutionVolumeAsync(IQueryable<Case> cases, CancellationToken ct)
    {
        var rows = await cases.GroupBy(c => c.InstitutionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var names = await NamesAsync(rows.Where(r => r.Key != null).Select(r => r.Key!.Value).ToList(), ct);
        return rows.Select(r => r.Key is { } id
                ? new DashboardVolumeRow(id.ToString(CultureInfo.InvariantCulture), names.GetValueOrDefault(id, "#" + id.ToString(CultureInfo.InvariantCulture)), r.Count)
                : new DashboardVolumeRow(DashboardFilter.None, null, r.Count))
            .ToList();
    }

    private async Task<Dictionary<int, string>> NamesAsync(List<int> ids, CancellationToken ct)
    {
        var names = new Dictionary<int, string>();
        // Chunks keep the IN list within both databases' parameter limits.
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var i in await db.Institutions.AsNoTracking().Where(i => chunk.Contains(i.Id)).Select(i => new { i.Id, i.LegalName }).ToListAsync(ct))
            {
                names[i.Id] = i.LegalName;
            }
        }

        return names;
    }

    private IQueryable<Case> Measured(Actor actor, DashboardFilter filter, DashboardMeasure measure, EligibilityRule? rule, ClockKind? stage)
    {
        var cases = Filtered(actor, filter);
        var now = clock.GetUtcNow().UtcDateTime;
        Expression<Func<Case, bool>>? where = measure switch
        {
            DashboardMeasure.All => null,
            DashboardMeasure.Forwarded => c => c.ForwardedAtUtc != null,
            DashboardMeasure.AnsweredOnTime => c => c.ForwardedAtUtc != null && c.Outcome != null && !c.IsUntimely,
            DashboardMeasure.AnsweredLate => c => c.ForwardedAtUtc != null && c.Outcome != null && c.IsUntimely,
            DashboardMeasure.Untimely => c => c.ForwardedAtUtc != null && c.IsUntimely,
            DashboardMeasure.Extended => c => c.ForwardedAtUtc != null && c.InstitutionExtended,
            DashboardMeasure.MonetaryRelief => c => c.ForwardedAtUtc != null && c.Outcome == ResponseOutcome.MonetaryRelief,
            DashboardMeasure.NonMonetaryRelief => c => c.ForwardedAtUtc != null && c.Outcome == ResponseOutcome.NonMonetaryRelief,
            DashboardMeasure.Explanation => c => c.ForwardedAtUtc != null && c.Outcome == ResponseOutcome.Explanation,
            DashboardMeasure.ResolvedAtInstitution => c => c.ForwardedAtUtc != null && c.State == CaseState.ClosedResolved,
            DashboardMeasure.Escalated => c => EscalatedStates.Contains(c.State) || (c.State == CaseState.ClosedIneligible && c.FailedRule != null),
            DashboardMeasure.EscalationPending => c => PendingStates.Contains(c.State),
            DashboardMeasure.Ineligible when rule is { } failed => c => c.State == CaseState.ClosedIneligible && c.FailedRule == failed,
            DashboardMeasure.Ineligible => c => c.State == CaseState.ClosedIneligible && c.FailedRule != null,
            DashboardMeasure.ReferredToLaps => c => c.State == CaseState.ReferredToLaps,
            DashboardMeasure.InFacilitation => c => FacilitationStates.Contains(c.State),
            DashboardMeasure.Agreement => c => c.State == CaseState.ClosedAgreement,
            DashboardMeasure.NoAgreement => c => c.State == CaseState.ClosedNoAgreement,
            DashboardMeasure.Rated => c => c.ForwardedAtUtc != null && c.Rating != null,
            DashboardMeasure.StageMet => stage is { } s ? Met(s) : null,
            DashboardMeasure.StageMissed => stage is { } s ? Missed(s) : null,
            DashboardMeasure.StageRunning when stage is { } s => Running(s),
            DashboardMeasure.StageOverdue when stage is { } s => Overdue(s, now),
            DashboardMeasure.StageRunning or DashboardMeasure.StageOverdue => null,
        };

        // A stage measure without a stage (or a stage that has no such figure) matches nothing rather than everything.
        var unmatched = (measure is DashboardMeasure.StageMet or DashboardMeasure.StageMissed or DashboardMeasure.StageRunning or DashboardMeasure.StageOverdue) && where is null;
        return unmatched ? cases.Where(_ => false) : where is null ? cases : cases.Where(where);
    }

    private static Expression<Func<Case, bool>> Running(ClockKind stage) => c => c.Deadline!.DueAtUtc != null && c.Deadline!.Kind == stage;

    private static Expression<Func<Case, bool>> Overdue(ClockKind stage, DateTime now) => c => c.Deadline!.DueAtUtc < now && c.Deadline!.Kind == stage;

    /// <summary>Cases that kept a stage's deadline, where the record tells: the institution answered before its
    /// deadline; the consumer decided (accepted, or asked for escalation); the consumer signed the facilitation
    /// agreement. A documents request and facilitation itself have no "kept" mark on the case.</summary>
    private static Expression<Func<Case, bool>>? Met(ClockKind stage) => stage switch
    {
        ClockKind.InstitutionResponse => c => c.ForwardedAtUtc != null && c.Outcome != null && !c.IsUntimely,
        ClockKind.ConsumerDecision => c => c.State == CaseState.ClosedResolved || EscalatedStates.Contains(c.State) || (c.State == CaseState.ClosedIneligible && c.FailedRule != null),
        ClockKind.FacilitationSignature => c => SignatureCandidates.Contains(c.State) && c.FacilitationSignedAtUtc != null,
        ClockKind.ConsumerDocuments or ClockKind.Facilitation => null,
    };

    /// <summary>Cases whose stage deadline passed: the institution's (untimely for good), or the consumer's, which
    /// closed the case (withdrawn for want of documents, no feedback, no agreement for want of a signature).</summary>
    private static Expression<Func<Case, bool>>? Missed(ClockKind stage) => stage switch
    {
        ClockKind.InstitutionResponse => c => c.ForwardedAtUtc != null && c.IsUntimely,
        ClockKind.ConsumerDocuments => c => c.State == CaseState.ClosedWithdrawn && c.ClosedBy == Trigger.DocumentsDeadlinePassed,
        ClockKind.ConsumerDecision => c => c.State == CaseState.ClosedNoFeedback,
        ClockKind.FacilitationSignature => c => c.State == CaseState.ClosedNoAgreement && c.ClosedBy == Trigger.SignatureDeadlinePassed,
        ClockKind.Facilitation => null,
    };

    private IQueryable<Case> Filtered(Actor actor, DashboardFilter filter)
    {
        var cases = db.Cases.AsNoTracking().VisibleTo(actor).SubmittedBetween(filter.From, filter.To).OfKind(filter.Kind);
        if (filter.Type is { Length: > 0 } type)
        {
            var parsed = Enum.TryParse<ComplaintType>(type, out var t) ? t : (ComplaintType?)null;
            cases = type == DashboardFilter.None ? cases.Where(c => c.ComplaintType == null)
                : parsed is { } wanted ? cases.Where(c => c.ComplaintType == wanted) : cases.Where(_ => false);
        }

        if (filter.Channel is { } channel)
        {
            cases = cases.Where(c => c.Channel == channel);
        }

        if (filter.Sector is { Length: > 0 } sector)
        {
            var parsed = Enum.TryParse<Sector>(sector, out var s) ? s : (Sector?)null;
            cases = sector == DashboardFilter.None ? cases.Where(c => c.Sector == null)
                : parsed is { } wanted ? cases.Where(c => c.Sector == wanted) : cases.Where(_ => false);
        }

        if (filter.Institution is { Length: > 0 } institution)
        {
            cases = institution == DashboardFilter.None ? cases.Where(c => c.InstitutionId == null)
                : int.TryParse(institution, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? cases.Where(c => c.InstitutionId == id)
                : cases.Where(_ => false);
        }

        if (filter.Product is { Length: > 0 } product)
        {
            cases = product == DashboardFilter.None ? cases.Where(c => c.Product == null) : cases.Where(c => c.Product == product);
        }

        if (filter.Issue is { Length: > 0 } issue)
        {
            cases = issue == DashboardFilter.None ? cases.Where(c => c.IssueCategory == null) : cases.Where(c => c.IssueCategory == issue);
        }

        if (filter.Province is { Length: > 0 } province)
        {
            cases = province == DashboardFilter.None ? cases.Where(c => c.ProvinceCode == null) : cases.Where(c => c.ProvinceCode == province);
        }

        return cases;
    }
}
