using System.Globalization;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.Documents;

/// <summary>How a case of a monthly report stands against the institution's deadline.</summary>
public enum Timeliness
{
    AnsweredOnTime,
    Untimely,
    OpenWithinDeadline,
    ClosedWithoutAnswer,
}

/// <summary>One case of an institution's monthly report.</summary>
public sealed record MonthlyReportRow(
    string TrackingNumber,
    DateTime SubmittedAtUtc,
    DateTime ForwardedAtUtc,
    CaseState State,
    DeadlineClock? InstitutionDeadline,
    bool InstitutionDeadlinePaused,
    Timeliness Timeliness,
    ResponseOutcome? Outcome,
    long? ReliefAmount);

/// <summary>An institution's month in numbers, as the report prints it.</summary>
public sealed record MonthlyReport(int InstitutionId, string InstitutionName, DateOnly Month, DateTime AsOfUtc, IReadOnlyList<MonthlyReportRow> Rows)
{
    public int Count(Timeliness timeliness) => Rows.Count(r => r.Timeliness == timeliness);

    public int Count(ResponseOutcome outcome) => Rows.Count(r => r.Outcome == outcome);

    public long ReliefTotal => Rows.Where(r => r.Outcome == ResponseOutcome.MonetaryRelief).Sum(r => r.ReliefAmount ?? 0);
}

public sealed partial class DocumentQueries
{
    /// <summary>The current month in Jakarta, as the month picker's default.</summary>
    public DateOnly CurrentMonth()
    {
        var today = WorkingDayCalendar.JakartaDate(clock.GetUtcNow().UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1);
    }

    /// <summary>The registry's institutions, by name, for the regulator's report picker.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> ReportInstitutionsAsync(CancellationToken ct = default) =>
        (await db.Institutions.AsNoTracking().OrderBy(i => i.LegalName).ThenBy(i => i.Id).Select(i => new { i.Id, i.LegalName }).ToListAsync(ct))
            .Select(i => (i.Id, i.LegalName)).ToList();

    /// <summary>Reads "yyyy-MM" for a month that has begun (Jakarta time) and is not before 2000.</summary>
    public bool TryParseMonth(string? text, out DateOnly month)
    {
        return DateOnly.TryParseExact((text ?? "").Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month)
            && month.Year >= 2000
            && month <= CurrentMonth();
    }

    /// <summary>The registry name of a report's institution, for the public verification page (registry data,
    /// not personal data).</summary>
    public Task<string?> InstitutionNameAsync(int institutionId, CancellationToken ct = default) =>
        db.Institutions.AsNoTracking().Where(i => i.Id == institutionId).Select(i => i.LegalName).FirstOrDefaultAsync(ct);

    /// <summary>"Maret 2026" / "March 2026" in the current language.</summary>
    public static string MonthLabel(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>
    /// The institution's cases of one month, for its own officers and admin or for regulator staff; null (a 404)
    /// for anyone else or an unknown institution. Cases count in the month they were forwarded to the
    /// institution (Jakarta time), not the month they were submitted: forwarding is when the case becomes the
    /// institution's to answer, starts its deadline and makes it visible to its officers, so a month's report
    /// is final for the institution's part once its deadlines have run, and a case screened for weeks is not
    /// charged to a month in which the institution could not see it.
    /// </summary>
    public async Task<MonthlyReport?> MonthlyReportDataAsync(Actor actor, int institutionId, DateOnly month, CancellationToken ct = default)
    {
        var scope = ReportScope(actor, institutionId);
        if (scope is null)
        {
            return null;
        }

        var name = await db.Institutions.AsNoTracking().Where(i => i.Id == institutionId).Select(i => i.LegalName).FirstOrDefaultAsync(ct);
        if (name is null)
        {
            return null;
        }

        var first = new DateOnly(month.Year, month.Month, 1);
        var from = WorkingDayCalendar.EndOfJakartaDayUtc(first.AddDays(-1));
        var to = WorkingDayCalendar.EndOfJakartaDayUtc(first.AddMonths(1).AddDays(-1));
        var now = clock.GetUtcNow().UtcDateTime;
        // InstitutionId first: the query rides the InstitutionId index and reads one institution's cases only.
        var cases = await db.Cases.AsNoTracking().VisibleTo(scope)
            .Where(c => c.InstitutionId == institutionId && c.ForwardedAtUtc >= from && c.ForwardedAtUtc < to)
            .Select(c => new { c.TrackingNumber, c.SubmittedAtUtc, c.ForwardedAtUtc, c.State, c.Deadline, c.SuspendedDeadline, c.IsUntimely, c.Outcome, c.ReliefAmount })
            .ToListAsync(ct);

        var rows = cases
            .OrderBy(c => c.ForwardedAtUtc).ThenBy(c => c.TrackingNumber, StringComparer.Ordinal)
            .Select(c =>
            {
                // The institution's clock is the current one while the case is with it, or the paused one while
                // the consumer is asked for documents; once answered, the clock is gone and timeliness is the flag.
                var running = c.Deadline is { Kind: ClockKind.InstitutionResponse } d ? d : null;
                var paused = running is null && c.SuspendedDeadline is { Kind: ClockKind.InstitutionResponse };
                // Overdue but not yet swept counts as late already: the sweep will only record what is true.
                var untimely = c.IsUntimely || running?.IsOverdue(now) == true;
                var timeliness = untimely ? Timeliness.Untimely
                    : c.Outcome is not null ? Timeliness.AnsweredOnTime
                    : CaseLifecycle.Info(c.State).IsTerminal ? Timeliness.ClosedWithoutAnswer
                    : Timeliness.OpenWithinDeadline;
                return new MonthlyReportRow(c.TrackingNumber, c.SubmittedAtUtc, c.ForwardedAtUtc!.Value, c.State, running, paused, timeliness, c.Outcome, c.ReliefAmount);
            })
            .ToList();
        return new(institutionId, name, first, now, rows);
    }

    /// <summary>The monthly report as a PDF; null like <see cref="MonthlyReportDataAsync"/>.</summary>
    public async Task<DocumentFile?> MonthlyReportAsync(Actor actor, int institutionId, DateOnly month, IStringLocalizer l, string baseUrl, CancellationToken ct = default)
    {
        var report = await MonthlyReportDataAsync(actor, institutionId, month, ct);
        return report is null ? null : MonthlyReportFile(report, actor.IsStaff ? DocumentAudience.Regulator : DocumentAudience.Institution, l, baseUrl);
    }

    internal DocumentFile MonthlyReportFile(MonthlyReport report, DocumentAudience audience, IStringLocalizer l, string baseUrl)
    {
        var culture = CultureInfo.CurrentUICulture;
        var month = MonthLabel(report.Month);
        var code = codes.Issue(new DocumentClaim(DocumentKind.MonthlyReport, DocumentClaim.MonthlySubject(report.InstitutionId, report.Month), audience, Now()));
        var layout = new PdfLayout(Frame(l["documents.report.title"], month, code, l, baseUrl), "monthly-report");
        layout.Heading(l["documents.report.title"], large: true);
        layout.Paragraph(l["documents.caseFile.for", l[$"documents.audience.{audience}"]], small: true);
        layout.KeyValues(
        [
            (l["documents.field.institution"], report.InstitutionName),
            (l["documents.report.month"], month),
            (l["documents.report.asOf"], Formats.DateTime(report.AsOfUtc)),
            (l["documents.report.total"], Formats.Count(report.Rows.Count)),
        ]);
        layout.Paragraph(l["documents.report.scope"], small: true);
        if (report.Rows.Count == 0)
        {
            layout.Paragraph(l["documents.report.empty"]);
        }
        else
        {
            layout.Heading(l["documents.report.byState"]);
            layout.Table(
                [l["documents.field.state"], l["documents.report.count"]],
                [0.75, 0.25],
                report.Rows.GroupBy(r => r.State).OrderBy(g => g.Key)
                    .Select(g => (IReadOnlyList<string>)[CaseLifecycle.Info(g.Key).Label.For(culture), Formats.Count(g.Count())]));

            layout.Heading(l["documents.report.timeliness"]);
            layout.Table(
                [l["documents.report.timeliness"], l["documents.report.count"]],
                [0.75, 0.25],
                Enum.GetValues<Timeliness>().Select(t => (IReadOnlyList<string>)[l[$"documents.timeliness.{t}"], Formats.Count(report.Count(t))]));

            layout.Heading(l["documents.report.outcomes"]);
            layout.Table(
                [l["documents.report.outcome"], l["documents.report.count"]],
                [0.75, 0.25],
                Enum.GetValues<ResponseOutcome>().Select(o => (IReadOnlyList<string>)[l[$"case.outcome.{o}"], Formats.Count(report.Count(o))]));
            layout.KeyValues([(l["documents.report.reliefTotal"], Formats.Rupiah(report.ReliefTotal))]);

            layout.Heading(l["documents.report.cases"]);
            layout.Table(
                [l["documents.field.trackingNumber"], l["documents.field.submitted"], l["documents.field.state"], l["documents.report.deadline"], l["documents.report.untimely"]],
                [0.2, 0.24, 0.26, 0.18, 0.12],
                report.Rows.Select(r => (IReadOnlyList<string>)
                [
                    r.TrackingNumber,
                    Formats.DateTime(r.SubmittedAtUtc),
                    CaseLifecycle.Info(r.State).Label.For(culture),
                    r.InstitutionDeadline?.DueDate is { } due ? Formats.Date(due) : r.InstitutionDeadlinePaused ? l["documents.report.paused"] : "–",
                    r.Timeliness == Timeliness.Untimely ? l["documents.report.yes"] : l["documents.report.no"],
                ]));
        }

        var suffix = audience == DocumentAudience.Regulator ? "-regulator" : "";
        return new($"laporan-bulanan-{report.InstitutionId}-{report.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture)}{suffix}.pdf", layout.Finish(), code);
    }

    /// <summary>The institution's own officers and admin, or regulator staff; the scope the cases are read in.
    /// The admin (who sees no case pages) reads in the institution's officer scope: the report is the
    /// institution's management view and shows numbers, dates and states, never a consumer.</summary>
    private static Actor? ReportScope(Actor actor, int institutionId) => actor.Role switch
    {
        ActorRole.InstitutionOfficer or ActorRole.InstitutionAdmin when actor.InstitutionId == institutionId =>
            new Actor(ActorRole.InstitutionOfficer, actor.UserId, InstitutionId: institutionId),
        ActorRole.Agent or ActorRole.Specialist or ActorRole.Supervisor => actor,
        _ => null,
    };
}
