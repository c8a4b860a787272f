using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Complaints.IntegrationTests.Infrastructure.TestCases;
using static Complaints.IntegrationTests.Portals.InstitutionTestCases;

namespace Complaints.IntegrationTests.Portals;

/// <summary>PDF documents through the real app: the consumer's receipt posted with number and PIN, the case files
/// of the institution and the regulator under the same access rules as the pages, and the public check of a
/// document's verification code. PDFs are read with pdftotext (poppler-utils).</summary>
public sealed partial class DocumentsTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Consumer_downloads_the_receipt_with_number_and_pin_and_it_never_shows_the_pin(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());

        var response = await Forms.PostAsync(client, "/track", "/track/receipt", [new("TrackingNumber", number), new("Pin", pin)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Tanda Terima Pengaduan", text, StringComparison.Ordinal);
        Assert.Contains(number, text, StringComparison.Ordinal);
        Assert.Contains("PT Bank Contoh Makmur", text, StringComparison.Ordinal);
        Assert.Contains("Halaman 1 dari 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_wrong_pin_gets_the_generic_not_found_page_and_no_receipt(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        var wrong = pin == "000000" ? "111111" : "000000";

        var response = await Forms.PostAsync(client, "/track", "/track/receipt", [new("TrackingNumber", number), new("Pin", wrong)]);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(number, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Another_institutions_officer_gets_not_found_for_the_case_file_and_the_own_officer_gets_it(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var other = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);

        var foreign = await app.As(ActorRole.InstitutionOfficer, institutionId: other).GetAsync($"/institution/cases/{filed.Number}/file.pdf");
        var own = await app.As(ActorRole.InstitutionOfficer, institutionId: institution).GetAsync($"/institution/cases/{filed.Number}/file.pdf");

        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        var text = await PdfText.ExtractAsync(await own.Content.ReadAsByteArrayAsync());
        Assert.Contains("Berkas Kasus", text, StringComparison.Ordinal);
        Assert.Contains("lembaga jasa keuangan", text, StringComparison.Ordinal);
        Assert.Contains(filed.Number, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Nik, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_verification_page_accepts_the_code_printed_on_a_case_file_and_rejects_a_tampered_one(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var regulator = app.As(ActorRole.Specialist);
        var pdf = await regulator.GetByteArrayAsync($"/regulator/cases/{filed.Number}/file.pdf");
        var (shortCode, token) = PdfText.VerificationCode(await PdfText.ExtractAsync(pdf));

        var visitor = app.CreateClient();
        var valid = await visitor.GetStringAsync("/documents/verify?code=" + Uri.EscapeDataString(token));
        var tampered = token[..20] + (token[20] == 'A' ? 'B' : 'A') + token[21..];
        var invalid = await visitor.GetStringAsync("/documents/verify?code=" + Uri.EscapeDataString(tampered));

        Assert.Contains("Sah: berkas kasus kasus " + filed.Number, valid, StringComparison.Ordinal);
        Assert.Contains("untuk regulator", valid, StringComparison.Ordinal);
        Assert.Contains(shortCode, valid, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsumerName, valid, StringComparison.Ordinal);
        Assert.Contains("Tidak sah", invalid, StringComparison.Ordinal);
        Assert.DoesNotContain(filed.Number, invalid, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Staff_outside_the_case_scope_and_signed_out_visitors_get_no_case_file(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);

        var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/regulator/cases/{filed.Number}/file.pdf");
        var missing = await app.As(ActorRole.Specialist).GetAsync("/regulator/cases/AAAA-AAAA-AAAA/file.pdf");

        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_forty_event_case_file_spans_pages_and_repeats_the_history_header_on_each(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);
        var count = await app.WithDbAsync(d => d.CaseEvents.CountAsync(e => d.Cases.Any(c => c.Id == e.CaseId && c.TrackingNumber == filed.Number)));
        // The institution asks for documents and the consumer sends them, again and again, each with a note.
        var officer = new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institution);
        for (var i = count; i + 1 < 40; i += 2)
        {
            await TestCases.ActAsync(app, filed.Number, Trigger.RequestDocuments, officer,
                note: $"Permintaan {i}: mohon kirimkan mutasi rekening tiga bulan terakhir dan bukti pelaporan ke kantor cabang terdekat.");
            await TestCases.AsConsumerAsync(app, filed.Number, Trigger.SupplyDocuments,
                $"Kiriman {i + 1}: mutasi rekening dan surat keterangan dari kantor cabang sudah saya unggah sesuai permintaan.");
        }

        Task<int> EventsAsync() => app.WithDbAsync(d => d.CaseEvents.CountAsync(e => d.Cases.Any(c => c.Id == e.CaseId && c.TrackingNumber == filed.Number)));
        while (await EventsAsync() < 40)
        {
            await TestCases.ClassifyAsync(app, filed.Number, c => c.Classify(CaseKind.Complaint, ComplaintType.Dispute, c.Sector, c.Product, c.IssueCategory,
                (new Actor(ActorRole.Specialist, "test-specialist"), DateTime.UtcNow)));
        }

        var pdf = await (await app.As(ActorRole.Specialist).GetAsync($"/regulator/cases/{filed.Number}/file.pdf")).Content.ReadAsByteArrayAsync();
        var pages = (await PdfText.ExtractAsync(pdf)).Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();

        Assert.True(pages.Count >= 2, $"{pages.Count} page(s)");
        var history = pages.SkipWhile(p => !p.Contains("Riwayat", StringComparison.Ordinal)).ToList();
        Assert.True(history.Count >= 2, "the history runs over at least two pages");
        Assert.All(history, p => Assert.Contains("Waktu", p, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.Contains($"dari {pages.Count}", p, StringComparison.Ordinal));
        Assert.Equal(40, await EventsAsync());
    }
}

/// <summary>Reads PDFs with pdftotext (Debian poppler-utils, installed by scripts/test.sh).</summary>
public static partial class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"complaints-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>The short code and the full token of the first page's footer: the token is printed in small type
    /// over a few lines under the line with the short code.</summary>
    public static (string ShortCode, string Token) VerificationCode(string text)
    {
        var lines = text.Split('\n').Select(l => l.Trim()).ToList();
        var at = lines.FindIndex(l => ShortCodeLine().IsMatch(l));
        Assert.True(at >= 0, "no verification code line");
        var shortCode = ShortCodeLine().Match(lines[at]).Groups[1].Value;
        // The token wraps by the width of its glyphs, so its last line can be a few characters long.
        var token = string.Concat(lines.Skip(at + 1).SkipWhile(l => !TokenLine().IsMatch(l)).TakeWhile(l => TokenPart().IsMatch(l)));
        Assert.True(token.Length > 40, "no verification token");
        return (shortCode, token);
    }

    [GeneratedRegex(@"Kode verifikasi ([0-9A-F]{5}-[0-9A-F]{5})")]
    private static partial Regex ShortCodeLine();

    [GeneratedRegex(@"^[A-Za-z0-9_-]{8,}$")]
    private static partial Regex TokenLine();

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$")]
    private static partial Regex TokenPart();
}
