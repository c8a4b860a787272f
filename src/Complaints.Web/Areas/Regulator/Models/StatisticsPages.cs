using System.Globalization;
using Complaints.Core;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Statistics;
using Complaints.Web.Localization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Areas.Regulator.Models;

public enum DashboardTab
{
    Volume,
    Institutions,
    Escalations,
    Deadlines,
}

/// <summary>The dashboards' query string: the filters, the tab, and for drill-downs the measure behind a number.</summary>
public sealed class DashboardForm
{
    public DashboardTab Tab { get; set; }
    public DashboardPreset? Preset { get; set; }
    public string? From { get; set; }
    public string? To { get; set; }
    public DashboardGranularity Granularity { get; set; } = DashboardGranularity.Month;
    public VolumeDimension By { get; set; }
    public CaseKind? Kind { get; set; }
    public string? Type { get; set; }
    public Channel? Channel { get; set; }
    public string? Sector { get; set; }
    public string? Institution { get; set; }
    public string? Product { get; set; }
    public string? Issue { get; set; }
    public string? Province { get; set; }
    public DashboardMeasure Measure { get; set; }
    public EligibilityRule? Rule { get; set; }
    public ClockKind? Stage { get; set; }
    public int Page { get; set; } = 1;
    public string? Format { get; set; }
    public string? Table { get; set; }

    /// <summary>Without dates or a preset the dashboards show this year so far.</summary>
    public DashboardPreset EffectivePreset => Preset ?? (From is null && To is null ? DashboardPreset.ThisYear : DashboardPreset.Custom);

    public DashboardFilter ToFilter(DateOnly today) => new DashboardFilter
    {
        Preset = EffectivePreset,
        From = ParseDate(From),
        To = ParseDate(To),
        Granularity = Granularity,
        By = By,
        Kind = Kind,
        Type = Blank(Type),
        Channel = Channel,
        Sector = Blank(Sector),
        Institution = Blank(Institution),
        Product = Blank(Product),
        Issue = Blank(Issue),
        Province = Blank(Province),
    }.Resolve(today);

    /// <summary>The filters of <paramref name="filter"/> (resolved dates, so a drill-down keeps today's preset
    /// period) as query values; <paramref name="change"/> adjusts them.</summary>
    public static string Query(DashboardFilter filter, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["preset"] = nameof(DashboardPreset.Custom),
            ["from"] = filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["to"] = filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["granularity"] = filter.Granularity.ToString(),
            ["by"] = filter.By.ToString(),
            ["kind"] = filter.Kind?.ToString(),
            ["type"] = filter.Type,
            ["channel"] = filter.Channel?.ToString(),
            ["sector"] = filter.Sector,
            ["institution"] = filter.Institution,
            ["product"] = filter.Product,
            ["issue"] = filter.Issue,
            ["province"] = filter.Province,
        };
        foreach (var (key, value) in extra)
        {
            values[key] = value;
        }

        return QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value))).ToString();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
}

/// <summary>One cell: what the page shows, what the CSV holds, and the drill-down behind a count.</summary>
public sealed record StatCell(string Display, string Raw, string? Link = null, bool Numeric = false);

public sealed record StatChart(string Type, IReadOnlyList<string> Labels, IReadOnlyList<StatSeries> Series);

public sealed record StatSeries(string Label, IReadOnlyList<double> Data);

/// <summary>A table of the dashboards, shown with an optional chart beside it and exported as CSV.</summary>
public sealed record StatTable(string Id, string Caption, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<StatCell>> Rows, StatChart? Chart = null);

public sealed record DashboardPage(
    DashboardForm Form,
    DashboardFilter Filter,
    IReadOnlyList<StatTable> Tables,
    IReadOnlyList<(int Id, string Name)> Institutions);

public sealed record DashboardCasesPage(DashboardForm Form, DashboardFilter Filter, DashboardCasePage Cases, string Description);

/// <summary>Turns the dashboards' sections into tables with labels, formatted numbers and drill-down links.</summary>
public sealed class DashboardTables(IStringLocalizer<SharedResource> l, DashboardFilter filter)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private CultureInfo Culture => CultureInfo.CurrentUICulture;

    public IReadOnlyList<StatTable> Volume(DashboardVolume volume)
    {
        var byDimension = volume.ByDimension
            .Select(r => (Label: DimensionLabel(filter.By, r), Row: r))
            .ToList();
        var dimensionRows = byDimension
            .Select(r => (IReadOnlyList<StatCell>)[Text(r.Label), Count(r.Row.Count, DimensionLink(filter.By, r.Row.Key)), Share(r.Row.Count, volume.Total)])
            .Append([Text(l["dashboards.total"]), Count(volume.Total, Link(DashboardMeasure.All)), Share(volume.Total, volume.Total)])
            .ToList();
        var periodRows = volume.ByPeriod
            .Select(p => (IReadOnlyList<StatCell>)[Text(PeriodLabel(p)), Count(p.Count, Link(DashboardMeasure.All, ("from", Iso(p.Start)), ("to", Iso(p.End))))])
            .ToList();
        return
        [
            new StatTable("dimension", l["dashboards.volume.byDimension", l[$"dashboards.by.{filter.By}"]],
                [l[$"dashboards.by.{filter.By}"], l["dashboards.col.cases"], l["dashboards.col.share"]], dimensionRows,
                new StatChart("bar", byDimension.Take(20).Select(r => r.Label).ToList(), [new StatSeries(l["dashboards.col.cases"], byDimension.Take(20).Select(r => (double)r.Row.Count).ToList())])),
            new StatTable("period", l["dashboards.volume.byPeriod", l[$"dashboards.granularity.{filter.Granularity}"]],
                [l["dashboards.col.period"], l["dashboards.col.cases"]], periodRows,
                new StatChart("line", volume.ByPeriod.Select(PeriodLabel).ToList(), [new StatSeries(l["dashboards.col.cases"], volume.ByPeriod.Select(p => (double)p.Count).ToList())])),
        ];
    }

    public IReadOnlyList<StatTable> Institutions(DashboardInstitutions section, int? limit)
    {
        IReadOnlyList<StatCell> Row(DashboardInstitutionRow r, string name)
        {
            var institution = r.InstitutionId?.ToString(Invariant);
            string? At(DashboardMeasure m) => institution is null ? Link(m) : Link(m, ("institution", institution));
            return
            [
                Text(name),
                Count(r.Received, At(DashboardMeasure.Forwarded)),
                Count(r.AnsweredOnTime, At(DashboardMeasure.AnsweredOnTime)),
                Count(r.Untimely, At(DashboardMeasure.Untimely)),
                Count(r.AnsweredLate, At(DashboardMeasure.AnsweredLate)),
                Percent(r.OnTimeShare),
                Count(r.Extended, At(DashboardMeasure.Extended)),
                Count(r.MonetaryRelief, At(DashboardMeasure.MonetaryRelief)),
                Money(r.ReliefTotal),
                Count(r.NonMonetaryRelief, At(DashboardMeasure.NonMonetaryRelief)),
                Count(r.Explanation, At(DashboardMeasure.Explanation)),
                Count(r.Resolved, At(DashboardMeasure.ResolvedAtInstitution)),
                Count(r.Escalated, At(DashboardMeasure.Escalated)),
                Percent(r.ResolvedShare),
                Count(r.Rated, At(DashboardMeasure.Rated)),
                r.AverageRating is { } rating ? new StatCell(rating.ToString("N1", Culture), rating.ToString("0.##", Invariant), Numeric: true) : Text("—", ""),
            ];
        }

        var shown = limit is { } n ? section.Rows.Take(n).ToList() : section.Rows.ToList();
        var rows = shown.Select(r => Row(r, r.InstitutionId is null ? l["regulator.noInstitution"] : r.Name)).ToList();
        rows.Add(Row(section.Total, l["dashboards.total"]));
        var top = section.Rows.Where(r => r.OnTimeShare is not null).Take(10).ToList();
        return
        [
            new StatTable("institutions", limit is { } max && section.Rows.Count > max ? l["dashboards.institutions.captionTop", max, section.Rows.Count] : l["dashboards.institutions.caption"],
                [
                    l["regulator.field.institution"], l["dashboards.col.received"], l["dashboards.col.onTime"], l["dashboards.col.untimely"],
                    l["dashboards.col.answeredLate"], l["dashboards.col.onTimeShare"], l["dashboards.col.extended"], l["dashboards.col.monetary"],
                    l["dashboards.col.reliefTotal"], l["dashboards.col.nonMonetary"], l["dashboards.col.explanation"], l["dashboards.col.resolved"],
                    l["dashboards.col.escalated"], l["dashboards.col.resolvedShare"], l["dashboards.col.rated"], l["dashboards.col.rating"],
                ],
                rows,
                new StatChart("bar", top.Select(r => r.Name).ToList(), [new StatSeries(l["dashboards.col.onTimeShare"], top.Select(r => Math.Round(100 * r.OnTimeShare!.Value, 1)).ToList())])),
        ];
    }

    public IReadOnlyList<StatTable> Escalations(DashboardEscalations e)
    {
        IReadOnlyList<StatCell> Figure(string label, int count, DashboardMeasure measure) => [Text(label), Count(count, Link(measure))];
        List<IReadOnlyList<StatCell>> summary =
        [
            Figure(l["dashboards.esc.escalated"], e.Escalated, DashboardMeasure.Escalated),
            Figure(l["dashboards.esc.pending"], e.Pending, DashboardMeasure.EscalationPending),
            Figure(l["dashboards.esc.ineligible"], e.Ineligible, DashboardMeasure.Ineligible),
            Figure(l["dashboards.esc.laps"], e.ReferredToLaps, DashboardMeasure.ReferredToLaps),
            Figure(l["dashboards.esc.facilitation"], e.InFacilitation, DashboardMeasure.InFacilitation),
            Figure(l["dashboards.esc.agreement"], e.Agreement, DashboardMeasure.Agreement),
            Figure(l["dashboards.esc.noAgreement"], e.NoAgreement, DashboardMeasure.NoAgreement),
            [Text(l["dashboards.esc.agreementTotal"]), Money(e.AgreementTotal)],
        ];
        var rules = Enum.GetValues<EligibilityRule>()
            .Select(rule => (Rule: rule, Count: e.FailedRules.Where(r => r.Rule == rule).Sum(r => r.Count)))
            .ToList();
        var ruleRows = rules
            .Select(r => (IReadOnlyList<StatCell>)[Text(l[$"regulator.rule.{r.Rule}"]), Count(r.Count, Link(DashboardMeasure.Ineligible, ("rule", r.Rule.ToString())))])
            .ToList();
        var durationRows = e.Durations
            .Select(d => (IReadOnlyList<StatCell>)[Text(l[$"dashboards.outcome.{d.Outcome}"]), Count(d.Cases, null), Days(d.AverageDays), Days(d.MedianDays)])
            .ToList();
        return
        [
            new StatTable("escalations", l["dashboards.esc.caption"], [l["dashboards.col.figure"], l["dashboards.col.cases"]], summary,
                new StatChart("bar",
                    [l["dashboards.esc.pending"], l["dashboards.esc.ineligible"], l["dashboards.esc.laps"], l["dashboards.esc.facilitation"], l["dashboards.esc.agreement"], l["dashboards.esc.noAgreement"]],
                    [new StatSeries(l["dashboards.col.cases"], [e.Pending, e.Ineligible, e.ReferredToLaps, e.InFacilitation, e.Agreement, e.NoAgreement])])),
            new StatTable("rules", l["dashboards.esc.rulesCaption"], [l["dashboards.col.rule"], l["dashboards.col.cases"]], ruleRows),
            new StatTable("durations", l["dashboards.esc.durationsCaption"], [l["dashboards.col.outcome"], l["dashboards.col.cases"], l["dashboards.col.averageDays"], l["dashboards.col.medianDays"]], durationRows),
        ];
    }

    public IReadOnlyList<StatTable> Deadlines(DashboardDeadlines d)
    {
        string Stage(ClockKind k) => k.ToString();
        var rows = d.Stages
            .Select(s => (IReadOnlyList<StatCell>)
            [
                Text(l[$"regulator.clock.{s.Stage}"]),
                s.Met is { } met ? Count(met, Link(DashboardMeasure.StageMet, ("stage", Stage(s.Stage)))) : Text("—", ""),
                s.Missed is { } missed ? Count(missed, Link(DashboardMeasure.StageMissed, ("stage", Stage(s.Stage)))) : Text("—", ""),
                Percent(s.MetShare),
                Count(s.Running, Link(DashboardMeasure.StageRunning, ("stage", Stage(s.Stage)))),
                Count(s.Overdue, Link(DashboardMeasure.StageOverdue, ("stage", Stage(s.Stage)))),
            ])
            .ToList();
        return
        [
            new StatTable("deadlines", l["dashboards.deadlines.caption"],
                [l["dashboards.col.stage"], l["dashboards.col.met"], l["dashboards.col.missed"], l["dashboards.col.metShare"], l["dashboards.col.running"], l["dashboards.col.overdue"]],
                rows,
                new StatChart("bar", d.Stages.Select(s => (string)l[$"regulator.clock.{s.Stage}"]).ToList(),
                [
                    new StatSeries(l["dashboards.col.met"], d.Stages.Select(s => (double)(s.Met ?? 0)).ToList()),
                    new StatSeries(l["dashboards.col.missed"], d.Stages.Select(s => (double)(s.Missed ?? 0)).ToList()),
                    new StatSeries(l["dashboards.col.overdue"], d.Stages.Select(s => (double)s.Overdue).ToList()),
                ])),
        ];
    }

    /// <summary>What the drill-down list shows: the measure in words.</summary>
    public string Describe(DashboardMeasure measure, EligibilityRule? rule, ClockKind? stage)
    {
        var text = (string)l[$"dashboards.measure.{measure}"];
        if (rule is { } r)
        {
            text += " · " + l[$"regulator.rule.{r}"];
        }

        if (stage is { } s)
        {
            text += " · " + l[$"regulator.clock.{s}"];
        }

        return text;
    }

    public string DimensionLabel(VolumeDimension by, DashboardVolumeRow row) => by switch
    {
        VolumeDimension.Kind => KindLabel(row.Key),
        VolumeDimension.Channel => l[$"regulator.channel.{row.Key}"],
        VolumeDimension.Sector => Enum.TryParse<Sector>(row.Key, out var sector) && CaseTaxonomy.Sectors.TryGetValue(sector, out var label) ? label.For(Culture) : l["dashboards.none"],
        VolumeDimension.Institution => row.Name ?? l["regulator.noInstitution"],
        VolumeDimension.Product => row.Key == DashboardFilter.None ? l["dashboards.none"] : CaseTaxonomy.Products.FirstOrDefault(p => p.Code == row.Key)?.Label.For(Culture) ?? row.Key,
        VolumeDimension.Issue => row.Key == DashboardFilter.None ? l["dashboards.none"] : CaseTaxonomy.IssueCategories.FirstOrDefault(p => p.Code == row.Key)?.Label.For(Culture) ?? row.Key,
        VolumeDimension.Province => row.Key == DashboardFilter.None ? l["dashboards.noProvince"] : $"{row.Key} {row.Name}",
    };

    private string KindLabel(string key)
    {
        var parts = key.Split(':');
        var kind = (string)l[$"kind.{parts[0]}"];
        return parts.Length == 1 ? kind
            : parts[1] == DashboardFilter.None ? $"{kind} · {l["dashboards.unclassified"]}"
            : $"{kind} · {l[$"regulator.complaintType.{parts[1]}"]}";
    }

    private string DimensionLink(VolumeDimension by, string key) => by switch
    {
        VolumeDimension.Kind => key.Split(':') is [var kind, var type] ? Link(DashboardMeasure.All, ("kind", kind), ("type", type)) : Link(DashboardMeasure.All, ("kind", key)),
        VolumeDimension.Channel => Link(DashboardMeasure.All, ("channel", key)),
        VolumeDimension.Sector => Link(DashboardMeasure.All, ("sector", key)),
        VolumeDimension.Institution => Link(DashboardMeasure.All, ("institution", key)),
        VolumeDimension.Product => Link(DashboardMeasure.All, ("product", key)),
        VolumeDimension.Issue => Link(DashboardMeasure.All, ("issue", key)),
        VolumeDimension.Province => Link(DashboardMeasure.All, ("province", key)),
    };

    private string Link(DashboardMeasure measure, params (string Key, string? Value)[] changes) =>
        "/regulator/statistics/cases" + DashboardForm.Query(filter,
            changes.Select(c => new KeyValuePair<string, string?>(c.Key, c.Value)).Prepend(new("measure", measure == DashboardMeasure.All ? null : measure.ToString())));

    private string PeriodLabel(DashboardPeriodRow p) => filter.Granularity switch
    {
        DashboardGranularity.Day => Formats.Date(p.Start),
        DashboardGranularity.Month => p.Start.ToString("MMMM yyyy", Culture),
        DashboardGranularity.Year => p.Start.Year.ToString(Invariant),
        DashboardGranularity.Week => $"{Formats.Date(p.Start)} – {Formats.Date(p.End)}",
    };

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", Invariant);

    private static StatCell Text(string text, string? raw = null) => new(text, raw ?? text);

    private StatCell Count(int count, string? link) => new(count.ToString("N0", Culture), count.ToString(Invariant), link, Numeric: true);

    private StatCell Share(int part, int whole) => Percent(whole == 0 ? null : (double)part / whole);

    private StatCell Percent(double? share) => share is { } s
        ? new StatCell((s * 100).ToString("N1", Culture) + "%", (s * 100).ToString("0.#", Invariant), Numeric: true)
        : new StatCell("—", "");

    private StatCell Money(long amount) => new(Formats.Rupiah(amount), amount.ToString(Invariant), Numeric: true);

    private StatCell Days(double days) => new(days.ToString("N1", Culture), days.ToString("0.#", Invariant), Numeric: true);
}
