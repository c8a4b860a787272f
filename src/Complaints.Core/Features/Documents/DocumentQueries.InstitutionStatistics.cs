using System.Globalization;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Statistics;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.Documents;

public sealed partial class DocumentQueries
{
    /// <summary>
    /// The institution's statistics report: the dashboard's figures for a period beside its sector's average per
    /// institution, with charts, for the institution's own officers and admin (the caller's institution only; no
    /// parameter names another, and no other institution is named in it). Null for anyone else.
    /// </summary>
    public async Task<DocumentFile?> InstitutionStatisticsAsync(Actor actor, ReportingPeriod period, IStringLocalizer l, string baseUrl, CancellationToken ct = default)
    {
        if (actor.Role is not (ActorRole.InstitutionOfficer or ActorRole.InstitutionAdmin) || actor.InstitutionId is not { } institutionId)
        {
            return null;
        }

        var name = await InstitutionNameAsync(institutionId, ct);
        var dashboard = await new InstitutionStatisticsQueries(db).DashboardAsync(institutionId, period, ct);
        return name is null || dashboard is null ? null : InstitutionStatisticsFile(institutionId, name, dashboard, l, baseUrl);
    }

    internal DocumentFile InstitutionStatisticsFile(int institutionId, string institutionName, InstitutionDashboard dashboard, IStringLocalizer l, string baseUrl)
    {
        var culture = CultureInfo.CurrentUICulture;
        var period = dashboard.Period;
        var issued = Now();
        var code = codes.Issue(new DocumentClaim(
            DocumentKind.InstitutionStatistics, DocumentClaim.InstitutionStatisticsSubject(institutionId, period.From, period.To), DocumentAudience.Institution, issued));
        var title = l["inststats.report.title"];
        var layout = new PdfLayout(Frame(title, period.Text, code, l, baseUrl), "institution-statistics");
        layout.Heading(title, large: true);
        layout.KeyValues(
        [
            (l["documents.field.institution"], institutionName),
            (l["inststats.report.sector"], CaseTaxonomy.Sectors[dashboard.Sector].For(culture)),
            (l["regreport.period"], period.Text),
            (l["documents.report.asOf"], Formats.DateTime(issued)),
            (l["inststats.report.sectorInstitutions"], Formats.Count(dashboard.SectorInstitutions)),
        ]);
        layout.Paragraph(l["inststats.report.scope"], small: true);

        layout.Heading(l["inststats.report.figures"]);
        layout.Table(
            [l["chstats.col.measure"], l["inststats.own"], l["inststats.sectorAverage"]],
            [0.56, 0.22, 0.22],
            dashboard.Rows(l).Select(r => (IReadOnlyList<string>)[r.Label, r.Own, r.Sector]));

        // Shares side by side, own first; a share the sector (or the institution) does not have is left out.
        var shares = new List<(string Label, double Value)>();
        void Share(string label, double? own, double? sector)
        {
            if (own is { } o)
            {
                shares.Add((l["inststats.report.ownOf", label], o));
            }

            if (sector is { } s)
            {
                shares.Add((l["inststats.report.sectorOf", label], s));
            }
        }

        Share(l["inststats.report.onTimeShort"], dashboard.Own.OnTimeShare, dashboard.SectorAverage?.OnTimeShare);
        Share(l["inststats.report.escalatedShort"], dashboard.Own.EscalatedShare, dashboard.SectorAverage?.EscalatedShare);
        if (shares.Count > 0)
        {
            layout.BarChart(l["inststats.report.sharesChart"], shares, v => DurationSummary.Percent(v));
        }

        layout.BarChart(l["inststats.report.outcomesChart"],
        [
            (l["inststats.report.ownOf", l["case.outcome.MonetaryRelief"]], dashboard.Own.MonetaryRelief),
            (l["inststats.report.sectorOf", l["case.outcome.MonetaryRelief"]], dashboard.SectorAverage?.MonetaryRelief ?? 0),
            (l["inststats.report.ownOf", l["case.outcome.NonMonetaryRelief"]], dashboard.Own.NonMonetaryRelief),
            (l["inststats.report.sectorOf", l["case.outcome.NonMonetaryRelief"]], dashboard.SectorAverage?.NonMonetaryRelief ?? 0),
            (l["inststats.report.ownOf", l["case.outcome.Explanation"]], dashboard.Own.Explanation),
            (l["inststats.report.sectorOf", l["case.outcome.Explanation"]], dashboard.SectorAverage?.Explanation ?? 0),
        ], v => v.ToString("#,0.#", CultureInfo.CurrentCulture));
        layout.Paragraph(l["inststats.note"], small: true);

        return new($"statistik-{institutionId}-{period.FromText}-{period.ToText}.pdf", layout.Finish(), code);
    }
}
