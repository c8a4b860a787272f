using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Taxonomy;
using Complaints.Core.Features.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Core.Features.Documents;

/// <summary>A generated document: its file name, the PDF and the code printed on it.</summary>
public sealed record DocumentFile(string FileName, byte[] Content, VerificationCode Code);

/// <summary>A meeting whose minutes can be downloaded.</summary>
public sealed record MinutesLink(Guid MeetingId, MeetingKind Kind, DateTime ScheduledAtUtc);

/// <summary>The documents of a case beyond the case file that exist for it now: minutes of meetings that have
/// them, and the deed once an agreement is recorded.</summary>
public sealed record CaseDocumentLinks(string TrackingNumber, IReadOnlyList<MinutesLink> Minutes, bool HasDeed);

/// <summary>
/// The PDF documents of a case, in the current (request) language, built with <see cref="PdfLayout"/>. Reads go
/// through <see cref="CaseAccess"/> like the pages: a case the actor may not see gives null (a 404), and the
/// history holds only what the audience may see. The receipt never carries the PIN. Minutes and the deed go to
/// everyone who sees the case: the consumer and the institution took part in the meetings and sign the deed.
/// </summary>
public sealed partial class DocumentQueries(ComplaintsDbContext db, VerifyDocument codes, TimeProvider clock)
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

    /// <summary>Which minutes and whether a deed the actor can download for the case; null when the case is not theirs.</summary>
    public async Task<CaseDocumentLinks?> LinksAsync(Actor actor, string trackingNumber, CancellationToken ct = default)
    {
        if (AudienceOf(actor) is null || !TrackingNumber.TryNormalize(trackingNumber, out var number))
        {
            return null;
        }

        var @case = await db.Cases.VisibleTo(actor).AsNoTracking()
            .Where(c => c.TrackingNumber == number)
            .Select(c => new { c.Id, c.TrackingNumber, HasDeed = c.AgreementTerms != null })
            .FirstOrDefaultAsync(ct);
        if (@case is null)
        {
            return null;
        }

        var minutes = await db.CaseMeetings.AsNoTracking()
            .Where(m => m.CaseId == @case.Id && m.Minutes != null)
            .OrderBy(m => m.ScheduledAtUtc).ThenBy(m => m.Id)
            .Select(m => new MinutesLink(m.Id, m.Kind, m.ScheduledAtUtc))
            .ToListAsync(ct);
        return new(@case.TrackingNumber, minutes, @case.HasDeed);
    }

    /// <summary>The links for the tracking page, where number and PIN proved the case is the caller's (as for
    /// <see cref="ReceiptAsync"/>): what the case's consumer may download.</summary>
    public async Task<CaseDocumentLinks?> LinksAsync(Guid caseId, CancellationToken ct = default)
    {
        var @case = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.ConsumerId, c.TrackingNumber }).FirstOrDefaultAsync(ct);
        return @case is null ? null : await LinksAsync(Actor.ForConsumer(@case.ConsumerId), @case.TrackingNumber, ct);
    }

    /// <summary>The minutes of one meeting of the case; null when the case is not the actor's to see, the meeting
    /// is not the case's, or it has no minutes yet.</summary>
    public async Task<DocumentFile?> MinutesAsync(Actor actor, string trackingNumber, Guid meetingId, IStringLocalizer l, string baseUrl, CancellationToken ct = default)
    {
        var audience = AudienceOf(actor);
        var @case = audience is null ? null : await PartiesOfAsync(actor, trackingNumber, ct);
        if (@case is null)
        {
            return null;
        }

        var meeting = await db.CaseMeetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.CaseId == @case.Id && m.Minutes != null, ct);
        return meeting is null ? null : Minutes(@case, meeting, audience!.Value, l, baseUrl);
    }

    /// <summary>The deed of the agreement recorded on the case; null when the case is not the actor's to see or
    /// holds no agreement.</summary>
    public async Task<DocumentFile?> DeedAsync(Actor actor, string trackingNumber, IStringLocalizer l, string baseUrl, CancellationToken ct = default)
    {
        var audience = AudienceOf(actor);
        var @case = audience is null ? null : await PartiesOfAsync(actor, trackingNumber, ct);
        if (@case?.AgreementTerms is null)
        {
            return null;
        }

        var recordedAt = await db.CaseEvents.AsNoTracking()
            .Where(e => e.CaseId == @case.Id && e.Trigger == Trigger.RecordAgreement)
            .OrderByDescending(e => e.Sequence)
            .Select(e => (DateTime?)e.OccurredAtUtc)
            .FirstOrDefaultAsync(ct);
        return Deed(@case, recordedAt ?? @case.ClosedAtUtc ?? @case.SubmittedAtUtc, audience!.Value, l, baseUrl);
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
        var layout = new PdfLayout(Frame(l["documents.receipt.title"], l["documents.number", @case.TrackingNumber], code, l, baseUrl), "receipt");
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
        var layout = new PdfLayout(Frame(l["documents.caseFile.title"], l["documents.number", @case.TrackingNumber], code, l, baseUrl), "case-file");
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

    internal DocumentFile Minutes(Case @case, CaseMeeting meeting, DocumentAudience audience, IStringLocalizer l, string baseUrl)
    {
        var code = codes.Issue(new DocumentClaim(DocumentKind.Minutes, @case.TrackingNumber, audience, Now()));
        var title = l[$"documents.minutes.title.{meeting.Kind}"];
        var layout = new PdfLayout(Frame(title, l["documents.number", @case.TrackingNumber], code, l, baseUrl), "minutes");
        layout.Heading(title, large: true);
        layout.Paragraph(l["documents.caseFile.for", l[$"documents.audience.{audience}"]], small: true);
        layout.KeyValues(
        [
            (l["documents.field.trackingNumber"], @case.TrackingNumber),
            .. Parties(@case, l),
            (l["documents.minutes.kind"], l[$"documents.meeting.{meeting.Kind}"]),
            (l["documents.minutes.when"], Formats.DateTime(meeting.ScheduledAtUtc)),
            (l["documents.minutes.place"], meeting.Location),
            (l["documents.minutes.videoLink"], meeting.VideoLink),
            (l["documents.minutes.participants"], meeting.Participants),
        ]);
        layout.Heading(l["documents.minutes.minutes"]);
        layout.Paragraph(meeting.Minutes ?? "");
        var day = WorkingDayCalendar.JakartaDate(meeting.ScheduledAtUtc).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return new($"notulen-{@case.TrackingNumber}-{day}.pdf", layout.Finish(), code);
    }

    internal DocumentFile Deed(Case @case, DateTime recordedAtUtc, DocumentAudience audience, IStringLocalizer l, string baseUrl)
    {
        var code = codes.Issue(new DocumentClaim(DocumentKind.Deed, @case.TrackingNumber, audience, Now()));
        var layout = new PdfLayout(Frame(l["documents.deed.title"], l["documents.number", @case.TrackingNumber], code, l, baseUrl), "deed");
        layout.Heading(l["documents.deed.title"], large: true);
        layout.Paragraph(l["documents.caseFile.for", l[$"documents.audience.{audience}"]], small: true);
        layout.Paragraph(l["documents.deed.intro", Formats.DateTime(recordedAtUtc), @case.TrackingNumber]);
        layout.Heading(l["documents.deed.parties"]);
        layout.KeyValues(
        [
            .. Parties(@case, l),
            (l["documents.deed.facilitator"], l["documents.deed.regulator"]),
        ]);
        layout.Heading(l["documents.deed.terms"]);
        layout.Paragraph(@case.AgreementTerms ?? "");
        layout.KeyValues(
        [
            (l["documents.deed.amount"], @case.AgreementAmount is { } amount ? Formats.Rupiah(amount) : null),
            (l["documents.deed.recorded"], Formats.DateTime(recordedAtUtc)),
        ]);
        layout.Paragraph(l["documents.deed.closing"]);
        layout.Heading(l["documents.deed.signatures"]);
        // Blank lines above each rule leave room to sign by hand; a row of up to six lines is kept on one page.
        static string Block(string name) => "\n\n\n____________________\n" + name;
        layout.Table(
            [l["documents.deed.sign.consumer"], l["documents.deed.sign.institution"], l["documents.deed.sign.facilitator"]],
            [1 / 3.0, 1 / 3.0, 1 / 3.0],
            [[Block(@case.Consumer?.Name ?? ""), Block(InstitutionName(@case) ?? ""), Block(l["documents.deed.sign.facilitatorName"])]]);
        return new($"akta-kesepakatan-{@case.TrackingNumber}.pdf", layout.Finish(), code);
    }

    public static string TrackUrl(string baseUrl, string number) => $"{baseUrl.TrimEnd('/')}/track?number={Uri.EscapeDataString(number)}";

    public static string VerifyUrl(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/documents/verify?code={Uri.EscapeDataString(token)}";

    private DateTime Now()
    {
        // Whole seconds: what the code carries.
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc);
    }

    /// <summary>The case with the parties' names, when the actor may see it.</summary>
    private async Task<Case?> PartiesOfAsync(Actor actor, string trackingNumber, CancellationToken ct) =>
        TrackingNumber.TryNormalize(trackingNumber, out var number)
            ? await db.Cases.VisibleTo(actor).AsNoTracking().Include(c => c.Institution).Include(c => c.Consumer)
                .FirstOrDefaultAsync(c => c.TrackingNumber == number, ct)
            : null;

    /// <summary>The consumer's name as stored and the institution's legal name.</summary>
    private static IEnumerable<(string, string?)> Parties(Case @case, IStringLocalizer l)
    {
        yield return (l["documents.field.consumer"], @case.Consumer?.Name);
        yield return (l["documents.field.institution"], InstitutionName(@case));
    }

    private static string? InstitutionName(Case @case) => @case.Institution?.LegalName ?? @case.InstitutionNameAsTyped;

    private static PageFrame Frame(string title, string numberLine, VerificationCode code, IStringLocalizer l, string baseUrl) => new(
        title,
        numberLine,
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

        yield return (l["documents.field.institution"], InstitutionName(@case));
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
