using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.Documents;

/// <summary>A generated document: its file name, the PDF and the code printed on it.</summary>
public sealed record DocumentFile(string FileName, byte[] Content, VerificationCode Code);

/// <summary>
/// The PDF documents of a case, in the current (request) language, built with <see cref="PdfLayout"/>. Reads go
/// through <see cref="CaseAccess"/> like the pages: a case the actor may not see gives null (a 404), and the
/// history holds only what the audience may see. The receipt never carries the PIN.
/// </summary>
public sealed class DocumentQueries(ComplaintsDbContext db, VerifyDocument codes, TimeProvider clock)
{
    /// <summary>The receipt of a case for its consumer (the caller has proved the PIN or the sign-in).</summary>
    public async Task<DocumentFile?> ReceiptAsync(Guid caseId, IStringLocalizer l, string baseUrl, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().Include(c => c.Institution).FirstOrDefaultAsync(c => c.Id == caseId, ct);
        return @case is null ? null : Receipt(@case, l, baseUrl);
    }

    /// <summary>The case file for the actor's audience (consumer, institution officer or regulator staff).</summary>
    public async Task<DocumentFile?> CaseFileAsync(Actor actor, string trackingNumber, IStringLocalizer l, string baseUrl, CancellationToken ct = default)
    {
        var audience = AudienceOf(actor);
        if (audience is null || !TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return null;
        }

        var @case = await db.Cases.VisibleTo(actor).AsNoTracking().Include(c => c.Institution)
            .FirstOrDefaultAsync(c => c.TrackingNumber == number, ct);
        if (@case is null)
        {
            return null;
        }

        var events = await db.CaseEvents.AsNoTracking().OfCase(@case.Id, CaseAccess.VisibilitiesFor(actor)).ToListAsync(ct);
        return CaseFile(@case, events, audience.Value, l, baseUrl);
    }

    public static DocumentAudience? AudienceOf(Actor actor) => actor.Role switch
    {
        ActorRole.Consumer => DocumentAudience.Consumer,
        ActorRole.InstitutionOfficer => DocumentAudience.Institution,
        ActorRole.Agent or ActorRole.Specialist or ActorRole.Supervisor => DocumentAudience.Regulator,
        _ => null,
    };

    internal DocumentFile Receipt(Case @case, IStringLocalizer l, string baseUrl)
    {
        var code = codes.Issue(new DocumentClaim(DocumentKind.Receipt, @case.TrackingNumber, DocumentAudience.Consumer, Now()));
        var layout = new PdfLayout(Frame(l["documents.receipt.title"], @case.TrackingNumber, code, l, baseUrl), "receipt");
        layout.Heading(l["documents.receipt.title"], large: true);
        layout.Paragraph(l["documents.receipt.intro"]);
        layout.KeyValues([(l["documents.field.trackingNumber"], @case.TrackingNumber), .. Summary(@case, l, includeState: false)]);
        layout.Heading(l["documents.field.description"]);
        layout.Paragraph(@case.Description);
        layout.Heading(l["documents.receipt.next"]);
        layout.Paragraph(l[$"next.{@case.State}"]);
        layout.Qr(TrackUrl(baseUrl, @case.TrackingNumber), 86, l["documents.receipt.qr", TrackUrl(baseUrl, @case.TrackingNumber)]);
        return new($"tanda-terima-{@case.TrackingNumber}.pdf", layout.Finish(), code);
    }

    internal DocumentFile CaseFile(Case @case, IReadOnlyList<CaseEvent> events, DocumentAudience audience, IStringLocalizer l, string baseUrl)
    {
        var culture = CultureInfo.CurrentUICulture;
        var code = codes.Issue(new DocumentClaim(DocumentKind.CaseFile, @case.TrackingNumber, audience, Now()));
        var layout = new PdfLayout(Frame(l["documents.caseFile.title"], @case.TrackingNumber, code, l, baseUrl), "case-file");
        layout.Heading(l["documents.caseFile.title"], large: true);
        layout.Paragraph(l["documents.caseFile.for", l[$"documents.audience.{audience}"]], small: true);
        layout.Heading(l["documents.caseFile.summary"]);
        layout.KeyValues([(l["documents.field.trackingNumber"], @case.TrackingNumber), .. Summary(@case, l, includeState: true)]);
        layout.Heading(l["documents.field.description"]);
        layout.Paragraph(@case.Description);
        layout.Heading(l["documents.caseFile.history"]);
        if (events.Count == 0)
        {
            layout.Paragraph(l["documents.caseFile.noHistory"]);
        }
        else
        {
            layout.Table(
                [l["documents.history.when"], l["documents.history.who"], l["documents.history.what"], l["documents.history.note"]],
                [0.2, 0.16, 0.3, 0.34],
                events.Select(e => (IReadOnlyList<string>)
                [
                    Formats.DateTime(e.OccurredAtUtc),
                    l[$"actor.{e.ActorRole}"],
                    l[$"action.{e.Trigger}"] + ": " + CaseLifecycle.Info(e.ToState).Label.For(culture),
                    e.Note ?? "",
                ]));
        }

        var suffix = audience switch
        {
            DocumentAudience.Institution => "lembaga",
            DocumentAudience.Regulator => "regulator",
            _ => "konsumen",
        };
        return new($"berkas-{@case.TrackingNumber}-{suffix}.pdf", layout.Finish(), code);
    }

    public static string TrackUrl(string baseUrl, string number) => $"{baseUrl.TrimEnd('/')}/track?number={Uri.EscapeDataString(number)}";

    public static string VerifyUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/documents/verify?code={Uri.EscapeDataString(token)}";

    private DateTime Now()
    {
        // Whole seconds: what the code carries.
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    private static PageFrame Frame(string title, string number, VerificationCode code, IStringLocalizer l, string baseUrl) => new(
        title,
        l["documents.number", number],
        (page, pages) => l["documents.page", page, pages],
        [l["documents.verify.footer", code.ShortCode, $"{baseUrl.TrimEnd('/')}/documents/verify"]],
        code.Token,
        VerifyUrl(baseUrl, code.Token));

    private static IEnumerable<(string, string?)> Summary(Case @case, IStringLocalizer l, bool includeState)
    {
        var culture = CultureInfo.CurrentUICulture;
        yield return (l["documents.field.kind"], l[$"kind.{@case.Kind}"]);
        if (includeState)
        {
            yield return (l["documents.field.state"], @case.StateInfo.Label.For(culture));
        }

        yield return (l["documents.field.institution"], @case.Institution?.LegalName ?? @case.InstitutionNameAsTyped);
        yield return (l["documents.field.sector"], @case.Sector is { } sector && CaseTaxonomy.Sectors.TryGetValue(sector, out var s) ? s.For(culture) : null);
        yield return (l["documents.field.product"], CaseTaxonomy.Products.FirstOrDefault(p => p.Code == @case.Product)?.Label.For(culture) ?? @case.Product);
        yield return (l["documents.field.issue"], CaseTaxonomy.IssueCategories.FirstOrDefault(p => p.Code == @case.IssueCategory)?.Label.For(culture) ?? @case.IssueCategory);
        yield return (l["documents.field.loss"], @case.LossAmount is { } loss ? Formats.Rupiah(loss) : null);
        yield return (l["documents.field.resolution"], @case.RequestedResolution);
        yield return (l["documents.field.submitted"], Formats.DateTime(@case.SubmittedAtUtc));
        if (includeState && @case.ClosedAtUtc is { } closed)
        {
            yield return (l["documents.field.closed"], Formats.DateTime(closed));
        }
    }
}
