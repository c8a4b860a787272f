using System.Diagnostics;
using Complaints.Core.Features.Documents;

namespace Complaints.UnitTests.Features.Documents;

public sealed class PdfLayoutTests
{
    private static PageFrame Frame() => new(
        "Berkas Kasus", "Nomor: ABCD-EFGH-JKLM",
        (page, pages) => $"Halaman {page} dari {pages}",
        ["Kode verifikasi 12345-ABCDE · periksa di https://contoh.test/documents/verify"],
        new string('x', 180),
        "https://contoh.test/documents/verify?code=" + new string('x', 180));

    [Fact]
    public void A_forty_row_table_spans_pages_with_its_header_on_each_page()
    {
        var layout = new PdfLayout(Frame(), "test");
        layout.Heading("Riwayat", large: true);
        layout.Table(["Waktu", "Pihak", "Peristiwa", "Catatan"], [0.2, 0.16, 0.3, 0.34],
            Enumerable.Range(1, 40).Select(i => (IReadOnlyList<string>)[$"{i} Mei 2026 10.00 WIB", "Konsumen", "Diajukan", $"Catatan nomor {i}: pengaduan tentang tabungan yang berkurang tanpa sepengetahuan nasabah."]));
        var pdf = layout.Finish();

        var pages = PdfText.Pages(pdf);
        Assert.True(pages.Count > 1, $"{pages.Count} page(s)");
        Assert.All(pages, p => Assert.Contains("Waktu", p, StringComparison.Ordinal));
        Assert.All(pages, p => Assert.Contains("Catatan", p, StringComparison.Ordinal));
        Assert.Contains($"Halaman {pages.Count} dari {pages.Count}", pages[^1], StringComparison.Ordinal);
        Assert.Contains("Catatan nomor 40", string.Concat(pages), StringComparison.Ordinal);
    }

    [Fact]
    public void Indonesian_text_renders_with_an_embedded_font()
    {
        var text = "Pengaduan atas transaksi Rp2.500.000 — nasabah menolak penjelasan; ‘kartu’ “kredit” é ñ ü.";
        byte[] Build()
        {
            var layout = new PdfLayout(Frame(), "test");
            layout.KeyValues([("Kerugian", "Rp2.500.000"), ("Uraian", text)]);
            return layout.Finish();
        }

        // Generation time is measured in bench/ (Complaints.Bench documents), never here.
        var pdf = Build();

        Assert.Contains(text, PdfText.Pages(pdf)[0].ReplaceLineEndings(" "), StringComparison.Ordinal);
        using var fonts = Process.Start(new ProcessStartInfo("pdffonts", [WriteTemp(pdf)]) { RedirectStandardOutput = true })!;
        var table = fonts.StandardOutput.ReadToEnd();
        var rows = table.Split('\n').Skip(2).Where(r => r.Trim().Length > 0).ToList();
        Assert.NotEmpty(rows);
        // Columns: name type encoding emb sub uni: every font embedded.
        Assert.All(rows, r => Assert.Matches(@"\s(yes)\s+(yes|no)\s+(yes|no)\s", r));
    }

    [Fact]
    public void A_bar_chart_prints_each_label_and_value_and_draws_one_bar_per_nonzero_value()
    {
        var layout = new PdfLayout(Frame(), "test");
        layout.BarChart("Pengaduan per kanal", [("Web", 120), ("WhatsApp", 45), ("Surat", 0)]);
        var pdf = layout.Finish();

        var text = PdfText.Pages(pdf)[0];
        Assert.Contains("Pengaduan per kanal", text, StringComparison.Ordinal);
        foreach (var expected in new[] { "Web", "WhatsApp", "Surat", "120", "45" })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }

        // The footer's QR code is drawn from rectangles too: against the same page without the chart, the chart
        // adds exactly its two non-zero bars.
        var bare = new PdfLayout(Frame(), "test");
        bare.Heading("Pengaduan per kanal");
        Assert.Equal(2, Rectangles(pdf) - Rectangles(bare.Finish()));
    }

    private static int Rectangles(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(stream, PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        var count = 0;
        foreach (var page in document.Pages)
        {
            count += PdfSharp.Pdf.Content.ContentReader.ReadContent(page).OfType<PdfSharp.Pdf.Content.Objects.COperator>()
                .Count(o => o.OpCode.Name == "re");
        }

        return count;
    }

    private static string WriteTemp(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"complaints-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        return path;
    }
}

/// <summary>Reads PDFs with pdftotext (Debian poppler-utils, installed by scripts/test.sh); pages split at form feeds.</summary>
public static class PdfText
{
    public static List<string> Pages(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"complaints-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-enc", "UTF-8", path, "-"]) { RedirectStandardOutput = true })!;
            var text = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
            return text.Split('\f').Where(p => p.Trim().Length > 0).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }
}
