using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace Complaints.Core.Features.Documents;

/// <summary>What every page of a document carries: the title and number at the top; the page number and the
/// verification code at the bottom.</summary>
/// <param name="PageLabel">"Halaman {page} dari {pages}", given the page and the page count.</param>
/// <param name="FooterLines">Small lines above the page number (the short verification code and where to check it).</param>
/// <param name="FooterCode">The full verification token, printed in tiny type on every page.</param>
/// <param name="FooterQr">What the footer's QR code holds (the verification address), or null for none.</param>
public sealed record PageFrame(
    string Title,
    string NumberLine,
    Func<int, int, string> PageLabel,
    IReadOnlyList<string> FooterLines,
    string? FooterCode,
    string? FooterQr);

/// <summary>
/// The one layout layer for PDF documents: A4 pages with margins, a header and footer on every page (page
/// numbers drawn in a second pass, once the count is known), paragraphs that wrap words and break across pages,
/// key-value blocks, tables whose header row repeats on each page, and QR codes (QRCoder modules drawn as vectors). Text comes in already
/// localized and formatted (<see cref="Formats"/>).
/// </summary>
public sealed class PdfLayout
{
    public const string FontFamily = "Complaints Sans";

    private const double Margin = 48;
    private const double HeaderHeight = 44;
    private const double FooterHeight = 78;
    private const double CellPadding = 3;

    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private static readonly XColor Ink = XColor.FromArgb(33, 37, 41);
    private static readonly XColor Muted = XColor.FromArgb(90, 96, 104);
    private static readonly XColor Rule = XColor.FromArgb(200, 204, 208);
    private static readonly XColor Shade = XColor.FromArgb(233, 236, 239);

    private readonly PdfDocument _document = new();
    private readonly PageFrame _frame;
    private readonly XGraphics _measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);
    private XGraphics _gfx = null!;
    private double _y;

    public XFont Body { get; } = new(FontFamily, 9.5, XFontStyleEx.Regular, Unicode);

    public XFont BodyBold { get; } = new(FontFamily, 9.5, XFontStyleEx.Bold, Unicode);

    public XFont Small { get; } = new(FontFamily, 7.5, XFontStyleEx.Regular, Unicode);

    public XFont Tiny { get; } = new(FontFamily, 5.5, XFontStyleEx.Regular, Unicode);

    public XFont Heading1 { get; } = new(FontFamily, 15, XFontStyleEx.Bold, Unicode);

    public XFont Heading2 { get; } = new(FontFamily, 11.5, XFontStyleEx.Bold, Unicode);

    static PdfLayout()
    {
        // Before any font is made (the instance fields below).
        DocumentSetup.EnsureInitialized();
    }

    public PdfLayout(PageFrame frame, string subject)
    {
        _frame = frame;
        _document.Info.Title = frame.Title + " " + frame.NumberLine;
        _document.Info.Subject = subject;
        _document.Info.Creator = "Complaints";
        NewPage();
    }

    public int PageCount => _document.PageCount;

    private double Width => _document.Pages[0].Width.Point - 2 * Margin;

    private double Bottom => _gfx.PageSize.Height - Margin - FooterHeight;

    private double Top => Margin + HeaderHeight;

    /// <summary>A heading kept with at least two lines of what follows.</summary>
    public void Heading(string text, bool large = false)
    {
        var font = large ? Heading1 : Heading2;
        Space(large ? 2 : 8);
        EnsureSpace(font.GetHeight() + 2 * Body.GetHeight());
        foreach (var line in Wrap(text, font, Width))
        {
            DrawLine(line, font, Ink, Margin);
        }

        Space(3);
    }

    /// <summary>Words wrap at the right margin; lines move to the next page at the bottom one.</summary>
    public void Paragraph(string text, bool small = false, bool bold = false)
    {
        var font = small ? Small : bold ? BodyBold : Body;
        foreach (var line in Wrap(text, font, Width))
        {
            EnsureSpace(font.GetHeight());
            DrawLine(line, font, small ? Muted : Ink, Margin);
        }

        Space(4);
    }

    public void Space(double points)
    {
        _y += points;
    }

    /// <summary>Label and value rows; empty values are left out. Long values wrap and break across pages.</summary>
    public void KeyValues(IEnumerable<(string Key, string? Value)> rows)
    {
        var widths = new[] { 0.32, 0.68 };
        foreach (var (key, value) in rows)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                Row([key, value], widths, header: null, fonts: [BodyBold, Body], ruled: false);
            }
        }

        Space(4);
    }

    /// <summary>A table with a shaded header row drawn again at the top of every page the table reaches.
    /// <paramref name="widths"/> are fractions of the text width.</summary>
    public void Table(IReadOnlyList<string> headers, IReadOnlyList<double> widths, IEnumerable<IReadOnlyList<string>> rows)
    {
        var header = new TableHeader(headers, widths);
        EnsureSpace(HeaderRowHeight(header) + 2 * Body.GetHeight() + 2 * CellPadding);
        DrawHeader(header);
        var fonts = Enumerable.Repeat(Body, headers.Count).ToArray();
        foreach (var row in rows)
        {
            Row(row, widths, header, fonts, ruled: true);
        }

        Space(6);
    }

    /// <summary>A horizontal bar chart drawn with vector primitives: one row per item (label, bar scaled to the
    /// largest value, the value printed after the bar), kept on one page. Values are drawn as given (already
    /// formatted by <paramref name="format"/>, or as whole numbers in the current culture).</summary>
    public void BarChart(string title, IReadOnlyList<(string Label, double Value)> items, Func<double, string>? format = null)
    {
        format ??= v => v.ToString("N0", System.Globalization.CultureInfo.CurrentCulture);
        const double barHeight = 11;
        const double gap = 4;
        var rowHeight = Math.Max(barHeight, Body.GetHeight()) + gap;
        Heading(title);
        EnsureSpace(Math.Max(1, items.Count) * rowHeight + 6);
        var labelWidth = Width * 0.3;
        var valueWidth = Width * 0.14;
        var barSpace = Width - labelWidth - valueWidth - 8;
        var max = items.Count == 0 ? 0 : items.Max(i => i.Value);
        var bar = new XSolidBrush(XColor.FromArgb(13, 110, 253));
        var top = _y;
        foreach (var (label, value) in items)
        {
            var text = Wrap(label, Body, labelWidth - 2 * CellPadding)[0];
            _gfx.DrawString(text, Body, new XSolidBrush(Ink), Margin, _y + gap / 2, XStringFormats.TopLeft);
            var length = max <= 0 ? 0 : Math.Max(0, value) / max * barSpace;
            if (length > 0)
            {
                _gfx.DrawRectangle(bar, Margin + labelWidth, _y + (rowHeight - barHeight) / 2, length, barHeight);
            }

            _gfx.DrawString(format(value), Body, new XSolidBrush(Ink), Margin + labelWidth + length + 4, _y + gap / 2, XStringFormats.TopLeft);
            _y += rowHeight;
        }

        // The axis the bars grow from.
        _gfx.DrawLine(new XPen(Muted, 0.75), Margin + labelWidth, top, Margin + labelWidth, _y);
        Space(6);
    }

    /// <summary>A QR code with a caption to its right.</summary>
    public void Qr(string content, double size, string? caption)
    {
        EnsureSpace(size + 4);
        DrawQr(_gfx, content, Margin, _y, size);
        if (caption is not null)
        {
            var y = _y + 4;
            foreach (var line in Wrap(caption, Small, Width - size - 12))
            {
                _gfx.DrawString(line, Small, new XSolidBrush(Muted), Margin + size + 12, y, XStringFormats.TopLeft);
                y += Small.GetHeight();
            }
        }

        _y += size + 6;
    }

    /// <summary>Draws every page's footer (now that the page count is known) and returns the file.</summary>
    public byte[] Finish()
    {
        _gfx.Dispose();
        var pages = _document.PageCount;
        for (var i = 0; i < pages; i++)
        {
            using var gfx = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            DrawFooter(gfx, i + 1, pages);
        }

        _measure.Dispose();

        using var stream = new MemoryStream();
        _document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private sealed record TableHeader(IReadOnlyList<string> Titles, IReadOnlyList<double> Widths);

    private void Row(IReadOnlyList<string> cells, IReadOnlyList<double> widths, TableHeader? header, IReadOnlyList<XFont> fonts, bool ruled)
    {
        var lines = cells.Select((c, i) => Wrap(c, fonts[i], widths[i] * Width - 2 * CellPadding)).ToList();
        var lineHeight = Body.GetHeight();
        var total = lines.Max(l => l.Count);
        // Keep short rows whole: a row of up to 6 lines moves to the next page rather than splitting.
        if (_y + Math.Min(total, 6) * lineHeight + 2 * CellPadding > Bottom)
        {
            NextPage(header);
        }

        var start = 0;
        while (start < total)
        {
            var fit = (int)Math.Floor((Bottom - _y - 2 * CellPadding) / lineHeight);
            if (fit < 1)
            {
                NextPage(header);
                continue;
            }

            var count = Math.Min(fit, total - start);
            var x = Margin;
            for (var c = 0; c < cells.Count; c++)
            {
                var y = _y + CellPadding;
                foreach (var line in lines[c].Skip(start).Take(count))
                {
                    _gfx.DrawString(line, fonts[c], new XSolidBrush(Ink), x + CellPadding, y, XStringFormats.TopLeft);
                    y += lineHeight;
                }

                x += widths[c] * Width;
            }

            _y += count * lineHeight + 2 * CellPadding;
            if (ruled)
            {
                _gfx.DrawLine(new XPen(Rule, 0.5), Margin, _y, Margin + Width, _y);
            }

            start += count;
            if (start < total)
            {
                NextPage(header);
            }
        }
    }

    private double HeaderRowHeight(TableHeader header) =>
        header.Titles.Select((t, i) => Wrap(t, BodyBold, header.Widths[i] * Width - 2 * CellPadding).Count).Max() * BodyBold.GetHeight() + 2 * CellPadding;

    private void DrawHeader(TableHeader header)
    {
        var height = HeaderRowHeight(header);
        _gfx.DrawRectangle(new XSolidBrush(Shade), Margin, _y, Width, height);
        var x = Margin;
        for (var c = 0; c < header.Titles.Count; c++)
        {
            var y = _y + CellPadding;
            foreach (var line in Wrap(header.Titles[c], BodyBold, header.Widths[c] * Width - 2 * CellPadding))
            {
                _gfx.DrawString(line, BodyBold, new XSolidBrush(Ink), x + CellPadding, y, XStringFormats.TopLeft);
                y += BodyBold.GetHeight();
            }

            x += header.Widths[c] * Width;
        }

        _y += height;
    }

    private void NextPage(TableHeader? header)
    {
        NewPage();
        if (header is not null)
        {
            DrawHeader(header);
        }
    }

    private void EnsureSpace(double height)
    {
        if (_y + height > Bottom)
        {
            NewPage();
        }
    }

    private void NewPage()
    {
        _gfx?.Dispose();
        var page = _document.AddPage();
        page.Size = PageSize.A4;
        _gfx = XGraphics.FromPdfPage(page);
        _gfx.DrawString(_frame.Title, BodyBold, new XSolidBrush(Ink), Margin, Margin, XStringFormats.TopLeft);
        _gfx.DrawString(_frame.NumberLine, Body, new XSolidBrush(Muted), Margin + Width, Margin, XStringFormats.TopRight);
        var rule = Margin + HeaderHeight - 10;
        _gfx.DrawLine(new XPen(Rule, 0.75), Margin, rule, Margin + Width, rule);
        _y = Top;
    }

    private void DrawLine(string line, XFont font, XColor color, double x)
    {
        _gfx.DrawString(line, font, new XSolidBrush(color), x, _y, XStringFormats.TopLeft);
        _y += font.GetHeight();
    }

    private void DrawFooter(XGraphics gfx, int page, int pages)
    {
        var top = gfx.PageSize.Height - Margin - FooterHeight + 8;
        gfx.DrawLine(new XPen(Rule, 0.75), Margin, top, Margin + Width, top);
        const double qrSize = 62;
        var textWidth = _frame.FooterQr is null ? Width : Width - qrSize - 8;
        var y = top + 5;
        var brush = new XSolidBrush(Muted);
        foreach (var line in _frame.FooterLines.SelectMany(l => Wrap(l, Small, textWidth - 70)))
        {
            gfx.DrawString(line, Small, brush, Margin, y, XStringFormats.TopLeft);
            y += Small.GetHeight();
        }

        if (_frame.FooterCode is { } code)
        {
            foreach (var line in Wrap(code, Tiny, textWidth))
            {
                gfx.DrawString(line, Tiny, brush, Margin, y, XStringFormats.TopLeft);
                y += Tiny.GetHeight();
            }
        }

        gfx.DrawString(_frame.PageLabel(page, pages), Small, brush, Margin + textWidth, top + 5, XStringFormats.TopRight);
        if (_frame.FooterQr is { } qr)
        {
            DrawQr(gfx, qr, Margin + Width - qrSize, top + 5, qrSize);
        }
    }

    /// <summary>The QR code's dark modules as filled squares (vector: sharp at any zoom, and PDFsharp's image
    /// import refuses QRCoder's palette PNG).</summary>
    private static void DrawQr(XGraphics gfx, string content, double x, double y, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(content, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix;
        var module = size / matrix.Count;
        var brush = XBrushes.Black;
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var col = 0; col < matrix.Count; col++)
            {
                if (matrix[row][col])
                {
                    // A hair wider, so neighbours join without hairline gaps.
                    gfx.DrawRectangle(brush, x + col * module, y + row * module, module + 0.05, module + 0.05);
                }
            }
        }
    }

    /// <summary>Lines of at most <paramref name="width"/> points: breaks at spaces, and inside words longer than
    /// a line (tokens, addresses). Line breaks in the text are kept.</summary>
    private List<string> Wrap(string text, XFont font, double width)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            var current = "";
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (Measure(candidate, font) <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (Measure(current, font) > width && current.Length > 1)
                {
                    var cut = current.Length - 1;
                    while (cut > 1 && Measure(current[..cut], font) > width)
                    {
                        cut--;
                    }

                    // A piece never ends with a hyphen: PDF readers join a line ending in "-" with the next and
                    // drop the hyphen as a word break, which would lose a character of a copied code.
                    while (cut > 1 && current[cut - 1] == '-')
                    {
                        cut--;
                    }

                    lines.Add(current[..cut]);
                    current = current[cut..];
                }
            }

            lines.Add(current);
        }

        return lines;
    }

    private double Measure(string text, XFont font) => _measure.MeasureString(text, font).Width;
}
