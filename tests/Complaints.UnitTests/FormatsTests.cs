using System.Globalization;
using Complaints.Core;

namespace Complaints.UnitTests;

public sealed class FormatsTests
{
    /// <summary>Runs <paramref name="action"/> with the current culture set, and restores it afterwards.</summary>
    private static void InCulture(string name, Action action)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(name);
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            action();
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = uiCulture;
        }
    }

    [Theory]
    [InlineData(1_500_000, "Rp1.500.000")]
    [InlineData(0, "Rp0")]
    [InlineData(999, "Rp999")]
    [InlineData(1_000, "Rp1.000")]
    [InlineData(500_000_000, "Rp500.000.000")]
    [InlineData(750_000_000_000, "Rp750.000.000.000")]
    public void Rupiah_uses_Indonesian_grouping_and_no_decimals(long amount, string expected)
    {
        Assert.Equal(expected, Formats.Rupiah(amount));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("en-GB")]
    [InlineData("id-ID")]
    [InlineData("de-DE")]
    public void Rupiah_looks_the_same_whatever_the_page_language(string culture)
    {
        InCulture(culture, () => Assert.Equal("Rp1.500.000", Formats.Rupiah(1_500_000)));
    }

    [Theory]
    [InlineData("1.500.000", 1_500_000)]
    [InlineData("Rp 1.500.000", 1_500_000)]
    [InlineData("Rp1.500.000", 1_500_000)]
    [InlineData("rp 1.500.000", 1_500_000)]
    [InlineData("Rp. 1.500.000", 1_500_000)]
    [InlineData("1500000", 1_500_000)]
    [InlineData("  1.500.000  ", 1_500_000)]
    [InlineData("0", 0)]
    [InlineData("500.000.000", 500_000_000)]
    [InlineData("999999999999999999", 999_999_999_999_999_999)]
    public void TryParseRupiah_reads_what_people_type(string input, long expected)
    {
        Assert.True(Formats.TryParseRupiah(input, out var amount));
        Assert.Equal(expected, amount);
    }

    [Theory]
    [InlineData("1,5")]
    [InlineData("1.5")]
    [InlineData("1.50.0")]
    [InlineData("1500.000.")]
    [InlineData("1.500.000,00")]
    [InlineData("1,500,000")]
    [InlineData("abc")]
    [InlineData("-5")]
    [InlineData("Rp -5")]
    [InlineData("+5")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Rp")]
    [InlineData("Rp.")]
    [InlineData("1e6")]
    [InlineData("1.500.000 IDR")]
    [InlineData("9999999999999999999")] // 19 digits: beyond a whole-rupiah amount we store
    [InlineData("١٢٣")]
    public void TryParseRupiah_refuses_decimals_signs_and_words(string? input)
    {
        Assert.False(Formats.TryParseRupiah(input, out var amount));
        Assert.Equal(0, amount);
    }

    [Fact]
    public void TryParseRupiah_reads_what_Rupiah_writes()
    {
        foreach (var amount in new long[] { 0, 7, 1_000, 1_500_000, 123_456_789_012 })
        {
            Assert.True(Formats.TryParseRupiah(Formats.Rupiah(amount), out var read));
            Assert.Equal(amount, read);
        }
    }

    [Theory]
    [InlineData("id-ID", "17 Agustus 2026")]
    [InlineData("id", "17 Agustus 2026")]
    [InlineData("en-US", "17 August 2026")]
    [InlineData("en-GB", "17 August 2026")]
    public void Date_is_written_out_in_the_current_language(string culture, string expected)
    {
        var original = CultureInfo.CurrentCulture;

        InCulture(culture, () => Assert.Equal(expected, Formats.Date(new DateOnly(2026, 8, 17))));

        Assert.Equal(original, CultureInfo.CurrentCulture);
    }

    [Fact]
    public void Date_has_no_leading_zero_on_the_day()
    {
        InCulture("id-ID", () => Assert.Equal("1 Januari 2027", Formats.Date(new DateOnly(2027, 1, 1))));
        InCulture("en-US", () => Assert.Equal("1 January 2027", Formats.Date(new DateOnly(2027, 1, 1))));
    }

    [Theory]
    [InlineData("id-ID", "21 November 2026 14.05 WIB")] // Indonesian writes the time with a point
    [InlineData("en-US", "21 November 2026 14:05 WIB")]
    [InlineData("en-GB", "21 November 2026 14:05 WIB")]
    public void DateTime_shows_Jakarta_time_as_WIB(string culture, string expected)
    {
        InCulture(culture, () => Assert.Equal(expected, Formats.DateTime(new DateTime(2026, 11, 21, 7, 5, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public void DateTime_is_UTC_plus_7_across_midnight_and_the_year_end()
    {
        InCulture("id-ID", () =>
        {
            Assert.Equal("17 Agustus 2026 00.30 WIB", Formats.DateTime(new DateTime(2026, 8, 16, 17, 30, 0, DateTimeKind.Utc)));
            Assert.Equal("1 Januari 2027 06.59 WIB", Formats.DateTime(new DateTime(2026, 12, 31, 23, 59, 0, DateTimeKind.Utc)));
        });
        InCulture("en-GB", () =>
            Assert.Equal("31 December 2026 23:59 WIB", Formats.DateTime(new DateTime(2026, 12, 31, 16, 59, 0, DateTimeKind.Utc))));
    }

    [Fact]
    public void DateTime_uses_a_24_hour_clock_in_English_too()
    {
        InCulture("en-US", () => Assert.Equal("21 November 2026 22:05 WIB", Formats.DateTime(new DateTime(2026, 11, 21, 15, 5, 0, DateTimeKind.Utc))));
    }

    [Theory]
    [InlineData(200, "< 1 KB")]
    [InlineData(245_760, "240 KB")]
    [InlineData(2_621_440, "2,5 MB")]
    public void File_sizes_read_well_for_small_and_large_files(long bytes, string expected) =>
        InCulture("id", () => Assert.Equal(expected, Formats.FileSize(bytes)));
}
