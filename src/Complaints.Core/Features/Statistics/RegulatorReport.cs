using System.Globalization;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Documents;
using Complaints.Core.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Statistics;

public enum ReportSpan
{
    Month,
    Quarter,
}

/// <summary>A stored regulator report: its file name, period, language, size and when it was written.</summary>
public sealed record StoredRegulatorReport(string FileName, ReportSpan Span, DateOnly Start, string Language, long Bytes, DateTime WrittenAtUtc);

/// <summary>The regulator's figures for one period, as the report prints them.</summary>
public sealed record RegulatorFigures(
    int Received,
    IReadOnlyDictionary<CaseKind, int> ByKind,
    IReadOnlyDictionary<Channel, int> ByChannel,
    IReadOnlyDictionary<Sector, int> BySector,
    int Unclassified,
    int AnsweredOnTime,
    int Late,
    int Escalated,
    int Agreements,
    long AgreementTotal,
    ChatbotFigures Chatbot)
{
    public double? OnTimeShare => AnsweredOnTime + Late == 0 ? null : (double)AnsweredOnTime / (AnsweredOnTime + Late);
}

/// <summary>
/// The regulator's monthly or quarterly report as a PDF, in Indonesian and English: headline numbers beside the
/// previous period's with the change, tables by kind, channel and sector, bar charts, and a verification code like
/// every other document. Cases count in the period they were submitted in (Jakarta days); conversations in the
/// period they started in. Files go to &lt;Storage:DataPath&gt;/reports/{yyyy-MM|yyyy-Qn}-{lang}.pdf, outside the web
/// root; generating again replaces them. Run on demand by supervisors and by <c>RegulatorReportJob</c>.
/// </summary>
public sealed partial class RegulatorReport(
    ComplaintsDbContext db,
    ChannelStatisticsQueries channels,
    VerifyDocument codes,
    IStringLocalizerFactory localizers,
    IOptions<StorageOptions> storage,
    IOptions<NotificationOptions> notification,
    IHostEnvironment environment,
    TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Languages = ["id", "en"];

    /// <param name="Span">Month or quarter.</param>
    /// <param name="AnyDay">A day inside the period.</param>
    public sealed record Input(ReportSpan Span, DateOnly AnyDay);

    public sealed record Result(IReadOnlyList<string> FileNames);

    /// <summary>Builds the report in both languages and stores it, replacing an earlier one of the same period.</summary>
    public async Task<Result> HandleAsync(Input input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var period = Period(input.Span, input.AnyDay);
        var current = await FiguresAsync(period, ct);
        var previous = await FiguresAsync(period.Previous(), ct);
        Directory.CreateDirectory(Folder);
        var names = new List<string>();
        foreach (var language in Languages)
        {
            var pdf = WithCulture(language, () => Build(input.Span, period, current, previous));
            var name = FileName(input.Span, period.From, language);
            // Written aside and moved over the old one, so a download never reads half a file.
            var temp = Path.Combine(Folder, $".{name}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllBytesAsync(temp, pdf, ct);
            File.Move(temp, Path.Combine(Folder, name), overwrite: true);
            names.Add(name);
        }

        return new(names);
    }

    /// <summary>The stored reports, newest period first.</summary>
    public IReadOnlyList<StoredRegulatorReport> List()
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(Folder, "*.pdf")
            .Select(path => (Path: path, Parsed: Parse(Path.GetFileName(path))))
            .Where(f => f.Parsed is not null)
            .Select(f =>
            {
                var info = new FileInfo(f.Path);
                var (span, start, language) = f.Parsed!.Value;
                return new StoredRegulatorReport(info.Name, span, start, language, info.Length, info.LastWriteTimeUtc);
            })
            .OrderByDescending(r => r.Start).ThenBy(r => r.Span).ThenBy(r => Languages.ToList().IndexOf(r.Language))
            .ToList();
    }

    /// <summary>A stored report's bytes, or null for a name that is not a report's or a file that is not there.</summary>
    public async Task<byte[]?> ReadAsync(string? fileName, CancellationToken ct = default)
    {
        if (fileName is null || Parse(fileName) is null)
        {
            return null;
        }

        var path = Path.Combine(Folder, fileName);
        return File.Exists(path) ? await File.ReadAllBytesAsync(path, ct) : null;
    }

    public static ReportingPeriod Period(ReportSpan span, DateOnly anyDay) =>
        span == ReportSpan.Month ? ReportingPeriod.Month(anyDay) : ReportingPeriod.Quarter(anyDay);

    /// <summary>"2026-03" for March 2026, "2026-Q1" for its quarter: the file name's stem and the verification
    /// code's subject.</summary>
    public static string Subject(ReportSpan span, DateOnly start) => span == ReportSpan.Month
        ? start.ToString("yyyy-MM", CultureInfo.InvariantCulture)
        : start.Year.ToString(CultureInfo.InvariantCulture) + "-Q" + (((start.Month - 1) / 3) + 1).ToString(CultureInfo.InvariantCulture);

    public static string FileName(ReportSpan span, DateOnly start, string language) => $"{Subject(span, start)}-{language}.pdf";

    /// <summary>The period a subject names ("2026-03", "2026-Q1"), or null.</summary>
    public static (ReportSpan Span, DateOnly Start)? ParseSubject(string? subject)
    {
        var match = SubjectPattern().Match(subject ?? "");
        if (!match.Success)
        {
            return null;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (match.Groups["quarter"].Success)
        {
            return (ReportSpan.Quarter, new DateOnly(year, ((int.Parse(match.Groups["quarter"].Value, CultureInfo.InvariantCulture) - 1) * 3) + 1, 1));
        }

        var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 ? (ReportSpan.Month, new DateOnly(year, month, 1)) : null;
    }

    /// <summary>"Maret 2026" or "Triwulan I 2026" in the current language.</summary>
    public static string PeriodLabel(ReportSpan span, DateOnly start, IStringLocalizer l) => span == ReportSpan.Month
        ? start.ToString("MMMM yyyy", CultureInfo.CurrentCulture)
        : l["regreport.quarterLabel", (((start.Month - 1) / 3) + 1).ToString(CultureInfo.CurrentCulture), start.Year.ToString(CultureInfo.InvariantCulture)];

    public async Task<RegulatorFigures> FiguresAsync(ReportingPeriod period, CancellationToken ct = default)
    {
        var (start, end) = (period.StartUtc, period.EndUtc);
        var escalatedStates = RegulatorDashboardQueries.EscalatedStates;
        var groups = await db.Cases.AsNoTracking().Where(c => c.SubmittedAtUtc >= start && c.SubmittedAtUtc < end)
            .GroupBy(c => new { c.Kind, c.Channel, c.Sector })
            .Select(g => new
            {
                g.Key.Kind,
                g.Key.Channel,
                g.Key.Sector,
                Count = g.Count(),
                OnTime = g.Count(c => c.Outcome != null && !c.IsUntimely),
                Late = g.Count(c => c.IsUntimely),
                // As on the dashboards: from the state, not a join over the history (10 million events).
                Escalated = g.Count(c => escalatedStates.Contains(c.State) || (c.State == CaseState.ClosedIneligible && c.FailedRule != null)),
                Agreements = g.Count(c => c.State == CaseState.ClosedAgreement),
                AgreementTotal = g.Sum(c => c.State == CaseState.ClosedAgreement ? c.AgreementAmount ?? 0 : 0),
            })
            .ToListAsync(ct);

        return new(
            groups.Sum(g => g.Count),
            Enum.GetValues<CaseKind>().ToDictionary(k => k, k => groups.Where(g => g.Kind == k).Sum(g => g.Count)),
            Enum.GetValues<Channel>().ToDictionary(k => k, k => groups.Where(g => g.Channel == k).Sum(g => g.Count)),
            Enum.GetValues<Sector>().ToDictionary(k => k, k => groups.Where(g => g.Sector == k).Sum(g => g.Count)),
            groups.Where(g => g.Sector is null).Sum(g => g.Count),
            groups.Sum(g => g.OnTime),
            groups.Sum(g => g.Late),
            groups.Sum(g => g.Escalated),
            groups.Sum(g => g.Agreements),
            groups.Sum(g => g.AgreementTotal),
            await channels.ChatbotAsync(period, ct));
    }

    private string Folder => Path.Combine(Path.GetFullPath(storage.Value.DataPath, environment.ContentRootPath), "reports");

    private byte[] Build(ReportSpan span, ReportingPeriod period, RegulatorFigures now, RegulatorFigures before)
    {
        var l = localizers.Create(typeof(RegulatorReport));
        var culture = CultureInfo.CurrentUICulture;
        var label = PeriodLabel(span, period.From, l);
        var previousLabel = PeriodLabel(span, period.Previous().From, l);
        var issued = clock.GetUtcNow().UtcDateTime;
        issued = new DateTime(issued.Ticks - (issued.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
        var code = codes.Issue(new DocumentClaim(DocumentKind.RegulatorReport, Subject(span, period.From), DocumentAudience.Regulator, issued));
        var baseUrl = notification.Value.PublicBaseUrl.TrimEnd('/');
        var title = l[$"regreport.title.{span}"];
        var frame = new PageFrame(
            title,
            label,
            (page, pages) => l["documents.page", page, pages],
            [l["documents.verify.footer", code.ShortCode, $"{baseUrl}/documents/verify"]],
            code.Token,
            DocumentQueries.VerifyUrl(baseUrl, code.Token));
        var layout = new PdfLayout(frame, "regulator-report");
        layout.Heading(title + " · " + label, large: true);
        layout.KeyValues(
        [
            (l["regreport.period"], period.Text),
            (l["regreport.previous"], $"{previousLabel} ({period.Previous().Text})"),
            (l["documents.report.asOf"], Formats.DateTime(issued)),
        ]);
        layout.Paragraph(l["regreport.scope"], small: true);

        string[] headers = [l["regreport.col.indicator"], label, previousLabel, l["regreport.col.change"]];
        double[] widths = [0.46, 0.18, 0.18, 0.18];
        layout.Heading(l["regreport.headline"]);
        layout.Table(headers, widths,
        [
            Compare(l["regreport.received"], now.Received, before.Received),
            Compare(l["regreport.complaints"], now.ByKind[CaseKind.Complaint], before.ByKind[CaseKind.Complaint]),
            Share(l["regreport.onTime"], now.OnTimeShare, before.OnTimeShare, l),
            Compare(l["regreport.escalations"], now.Escalated, before.Escalated),
            Compare(l["regreport.agreements"], now.Agreements, before.Agreements),
            [l["regreport.agreementTotal"], Formats.Rupiah(now.AgreementTotal), Formats.Rupiah(before.AgreementTotal), Change(now.AgreementTotal, before.AgreementTotal)],
            Compare(l["regreport.conversations"], now.Chatbot.Started, before.Chatbot.Started),
            Compare(l["regreport.botAlone"], now.Chatbot.BotAlone, before.Chatbot.BotAlone),
            Compare(l["regreport.withAgent"], now.Chatbot.WithAgent, before.Chatbot.WithAgent),
            Compare(l["regreport.legality"], now.Chatbot.Legality.Total, before.Chatbot.Legality.Total),
        ]);

        layout.Heading(l["regreport.byKind"]);
        layout.Table(headers, widths, Enum.GetValues<CaseKind>().Select(k => Compare(l[$"kind.{k}"], now.ByKind[k], before.ByKind[k])));

        layout.BarChart(l["regreport.chart.channel", label], Enum.GetValues<Channel>().Select(c => (l[$"regreport.channel.{c}"].Value, (double)now.ByChannel[c])).ToList());
        layout.Table(headers, widths, Enum.GetValues<Channel>().Select(c => Compare(l[$"regreport.channel.{c}"], now.ByChannel[c], before.ByChannel[c])));

        layout.Heading(l["regreport.bySector"]);
        layout.Table(headers, widths,
        [
            .. Enum.GetValues<Sector>().Select(s => Compare(CaseTaxonomy.Sectors[s].For(culture), now.BySector[s], before.BySector[s])),
            Compare(l["regreport.unclassified"], now.Unclassified, before.Unclassified),
        ]);

        layout.BarChart(l["regreport.chart.bot", label],
        [
            (l["regreport.botAlone"], now.Chatbot.BotAlone),
            (l["regreport.withAgent"], now.Chatbot.WithAgent),
        ]);
        return layout.Finish();
    }

    private static IReadOnlyList<string> Compare(string label, int now, int before) =>
        [label, Formats.Count(now), Formats.Count(before), Change(now, before)];

    private static IReadOnlyList<string> Share(string label, double? now, double? before, IStringLocalizer l) =>
        [label, DurationSummary.Percent(now), DurationSummary.Percent(before), now is { } a && before is { } b ? l["regreport.points", ((a - b) * 100).ToString("+0.0;-0.0;0.0", CultureInfo.CurrentCulture)] : "–"];

    /// <summary>The change in per cent of the previous period's value; "–" when that was zero.</summary>
    private static string Change(long now, long before) =>
        before == 0 ? "–" : ((now - before) * 100.0 / before).ToString("+0.0;-0.0;0.0", CultureInfo.CurrentCulture) + "%";

    private static T WithCulture<T>(string language, Func<T> work)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(language);
            return work();
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    private static (ReportSpan Span, DateOnly Start, string Language)? Parse(string fileName)
    {
        var match = FilePattern().Match(fileName);
        return match.Success && ParseSubject(match.Groups["subject"].Value) is { } period
            ? (period.Span, period.Start, match.Groups["lang"].Value)
            : null;
    }

    [GeneratedRegex(@"^(?<year>\d{4})-(?:(?<month>\d{2})|Q(?<quarter>[1-4]))$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^(?<subject>\d{4}-(?:\d{2}|Q[1-4]))-(?<lang>id|en)\.pdf$", RegexOptions.CultureInvariant)]
    private static partial Regex FilePattern();
}
