using System.Globalization;
using System.Text;

namespace Complaints.Core.Features.Registry;

/// <summary>
/// Reduces an institution or entity name to the form the legality check compares:
/// lowercase, no diacritics, no punctuation, no legal-form words ("PT", "Tbk", "(Persero)").
/// </summary>
public static class NameNormalizer
{
    // Legal-form words carry no identity: consumers rarely type them and every second name has one.
    // "Indonesia" and "Koperasi" are deliberately kept: they tell names apart ("Bank Rakyat Indonesia", "Koperasi X").
    private static readonly HashSet<string> NoiseTokens = new(StringComparer.Ordinal)
    {
        "pt", "tbk", "persero", "cv", "ltd", "inc", "llc", "limited",
    };

    /// <summary>"PT Bank Rakyat Indonesia (Persero) Tbk" → "bank rakyat indonesia".</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var tokens = Tokens(name);
        return string.Join(' ', tokens);
    }

    /// <summary>The normalized name without spaces, so "Kredit Pintar" and "KreditPintar" compare equal.</summary>
    public static string Compact(string name) => Normalize(name).Replace(" ", "", StringComparison.Ordinal);

    /// <summary>The words of the normalized name.</summary>
    public static string[] Tokens(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        string decomposed;
        try
        {
            decomposed = name.Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            decomposed = name; // a lone surrogate from a scraped list; its other characters still count
        }
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category == UnicodeCategory.NonSpacingMark)
            {
                continue; // the accent of é, ñ, ü
            }

            if (c is '\'' or '\u2019' or '\u2018' or '`')
            {
                continue; // "Kami's" → "kamis", not "kami s"
            }

            sb.Append(char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : ' ');
        }

        var all = sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var kept = all.Where(t => !NoiseTokens.Contains(t)).ToArray();
        // A name made only of legal-form words ("PT", "Ltd") keeps them rather than vanishing.
        return kept.Length > 0 ? kept : all;
    }
}
