using PdfSharp;
using PdfSharp.Fonts;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Documents;

/// <summary>
/// PDFsharp's process-wide settings, made once: the AGPL licence (the project is AGPL-3.0) and a font resolver
/// that embeds a Unicode TrueType font from the machine (Debian fonts-dejavu-core, else fonts-liberation), so
/// Indonesian text renders without missing glyphs. Without a system font it falls back to PDFsharp's failsafe
/// resolver (Latin-only glyphs) and logs it.
/// </summary>
public static class DocumentSetup
{
    private static readonly Lock Gate = new();
    private static volatile bool _initialized;

    /// <summary>Where the font came from ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", or "failsafe").</summary>
    public static string FontSource { get; private set; } = "";

    /// <summary>The folders searched for fonts, in order; each entry is (regular, bold) file paths.</summary>
    internal static readonly (string Regular, string Bold)[] Candidates =
    [
        ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
        ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"),
    ];

    /// <summary>Idempotent and thread-safe; every document builder calls it first.</summary>
    public static void EnsureInitialized(ILogger? logger = null)
    {
        if (_initialized)
        {
            return;
        }

        lock (Gate)
        {
            if (_initialized)
            {
                return;
            }

            PdfSharpLicense.SetAgplLicense();
            var found = Candidates.FirstOrDefault(c => File.Exists(c.Regular) && File.Exists(c.Bold));
            if (found.Regular is not null)
            {
                GlobalFontSettings.FontResolver = new SystemFontResolver(File.ReadAllBytes(found.Regular), File.ReadAllBytes(found.Bold));
                FontSource = found.Regular;
                logger?.LogInformation("PDF documents use the font {Font}", found.Regular);
            }
            else
            {
                GlobalFontSettings.FontResolver = new PdfSharp.Snippets.Font.FailsafeFontResolver();
                FontSource = "failsafe";
                logger?.LogWarning("No system font found for PDF documents (install fonts-dejavu-core); using PDFsharp's failsafe font, which lacks some glyphs");
            }

            _initialized = true;
        }
    }

    /// <summary>Every family and style resolves to one regular and one bold face; italic is simulated.</summary>
    private sealed class SystemFontResolver(byte[] regular, byte[] bold) : IFontResolver
    {
        private const string Regular = "complaints-regular";
        private const string Bold = "complaints-bold";

        public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
            new(isBold ? Bold : Regular, false, isItalic);

        public byte[] GetFont(string faceName) => faceName == Bold ? bold : regular;
    }
}
