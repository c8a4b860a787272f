using System.Globalization;
using Complaints.Core.Domain.Calendar;

namespace Complaints.Core;

/// <summary>The one way to show money and dates, on pages, in messages and in documents.</summary>
public static class Formats
{
    private static readonly CultureInfo Indonesian = CultureInfo.GetCultureInfo("id-ID");

    /// <summary>A count with the page language's grouping: 1.234.567 / 1,234,567.</summary>
    public static string Count(long count) => count.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>Rupiah with Indonesian grouping whatever the page language: Rp1.500.000.</summary>
    public static string Rupiah(long amount) => "Rp" + amount.ToString("N0", Indonesian);

    /// <summary>Reads what people type for an amount: "1.500.000", "Rp 1.500.000", "1500000". Decimals are
    /// refused (amounts are whole rupiah).</summary>
    public static bool TryParseRupiah(string? input, out long amount)
    {
        amount = 0;
        var text = (input ?? "").Trim();
        if (text.StartsWith("Rp", StringComparison.OrdinalIgnoreCase))
        {
            text = text[2..].TrimStart('.', ' ');
        }

        text = text.Replace(" ", "", StringComparison.Ordinal);
        var groups = text.Split('.');
        // Dots group thousands: "1.500.000", never "1.5" or "1.50.0".
        if (groups.Length > 1 && (groups[0].Length is 0 or > 3 || groups.Skip(1).Any(g => g.Length != 3)))
        {
            return false;
        }

        var digits = string.Concat(groups);
        return digits.Length is > 0 and <= 18 && digits.All(char.IsAsciiDigit)
            && long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>A file size people can read: "< 1 KB", "240 KB", "2,5 MB" (grouping of the current language).</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => "< 1 KB",
        < 1024 * 1024 => (bytes / 1024.0).ToString("N0", CultureInfo.CurrentCulture) + " KB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("N1", CultureInfo.CurrentCulture) + " MB",
    };

    /// <summary>"21 November 2026" in the current language.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>"Senin, 21 Desember 2026" / "Monday, 21 December 2026": where the day of the week matters (the calendar).</summary>
    public static string DayAndDate(DateOnly date) => date.ToString("dddd, d MMMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A UTC instant as Jakarta time in the page's language: "21 November 2026 14.05 WIB" (Indonesian
    /// writes the time with a point), "21 November 2026 14:05 WIB".</summary>
    public static string DateTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(utc, WorkingDayCalendar.Jakarta).ToString("d MMMM yyyy HH:mm", CultureInfo.CurrentCulture) + " WIB";
}
