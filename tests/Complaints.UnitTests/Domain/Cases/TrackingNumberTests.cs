using System.Text.RegularExpressions;
using Complaints.Core.Domain.Cases;

namespace Complaints.UnitTests.Domain.Cases;

public sealed partial class TrackingNumberTests
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    // Check symbols computed independently (GF(32), x^5 + x^2 + 1, data weights x^1..x^11).
    [Theory]
    [InlineData("7K3M-9Q2X-HT5Y")]
    [InlineData("01AB-CDEF-GH1B")]
    [InlineData("0000-0000-00ZQ")]
    [InlineData("0000-0000-0000")]
    public void Known_numbers_are_valid(string number)
    {
        Assert.True(TrackingNumber.TryNormalize(number, out var formatted));
        Assert.Equal(number, formatted);
    }

    [Theory]
    [InlineData("7K3M9Q2XHT5", "7K3M-9Q2X-HT5Y")]
    [InlineData("01ABCDEFGH1", "01AB-CDEF-GH1B")]
    [InlineData("0000000000Z", "0000-0000-00ZQ")]
    public void FromData_appends_the_check_symbol(string data, string expected)
    {
        Assert.Equal(expected, TrackingNumber.FromData(data));
    }

    [Theory]
    [InlineData("7K3M9Q2XHT")]
    [InlineData("7K3M9Q2XHT5Y")]
    [InlineData("7K3M9Q2XHTU")]
    public void FromData_needs_eleven_symbols_of_the_alphabet(string data)
    {
        Assert.Throws<ArgumentException>(() => TrackingNumber.FromData(data));
    }

    [Theory]
    [InlineData("7K3M-9Q2X-HT5X")]
    [InlineData("01AB-CDEF-GH1C")]
    public void A_wrong_check_symbol_is_rejected(string number)
    {
        Assert.False(TrackingNumber.TryNormalize(number, out var formatted));
        Assert.Equal("", formatted);
    }

    [Fact]
    public void Ten_thousand_new_numbers_are_unique_well_formed_and_normalize_to_themselves()
    {
        var numbers = Enumerable.Range(0, 10_000).Select(_ => TrackingNumber.New()).ToList();

        Assert.Equal(numbers.Count, numbers.Distinct(StringComparer.Ordinal).Count());
        Assert.All(numbers, n =>
        {
            Assert.Matches(Shape(), n);
            Assert.True(TrackingNumber.TryNormalize(n, out var formatted));
            Assert.Equal(n, formatted);
        });
    }

    [Fact]
    public void New_numbers_use_every_symbol_of_the_alphabet()
    {
        var used = Enumerable.Range(0, 1_000).SelectMany(_ => TrackingNumber.New().Replace("-", "", StringComparison.Ordinal)).ToHashSet();

        Assert.Equal(Alphabet.ToHashSet(), used);
    }

    [Fact]
    public void Every_single_symbol_substitution_is_rejected()
    {
        foreach (var number in SampleNumbers())
        {
            var symbols = Symbols(number);
            for (var position = 0; position < symbols.Length; position++)
            {
                foreach (var replacement in Alphabet)
                {
                    if (replacement == symbols[position])
                    {
                        continue;
                    }

                    var altered = (char[])symbols.Clone();
                    altered[position] = replacement;
                    Assert.False(TrackingNumber.TryNormalize(new string(altered), out _), $"{number}: {new string(altered)} was accepted");
                }
            }
        }
    }

    [Fact]
    public void Substituting_Z_for_0_is_caught()
    {
        // A mod-31 sum would miss this: Z has value 31.
        Assert.False(TrackingNumber.TryNormalize("Z000-0000-0000", out _));
        Assert.False(TrackingNumber.TryNormalize("0000-0000-00Z0", out _));
    }

    [Fact]
    public void Every_adjacent_transposition_is_rejected()
    {
        foreach (var number in SampleNumbers())
        {
            var symbols = Symbols(number);
            for (var position = 0; position + 1 < symbols.Length; position++)
            {
                if (symbols[position] == symbols[position + 1])
                {
                    continue;
                }

                var altered = (char[])symbols.Clone();
                (altered[position], altered[position + 1]) = (altered[position + 1], altered[position]);
                Assert.False(TrackingNumber.TryNormalize(new string(altered), out _), $"{number}: {new string(altered)} was accepted");
            }
        }
    }

    [Fact]
    public void Swapping_the_last_data_symbol_with_the_check_symbol_is_rejected()
    {
        Assert.False(TrackingNumber.TryNormalize("7K3M-9Q2X-HTY5", out _));
    }

    [Theory]
    [InlineData("7k3m-9q2x-ht5y")]
    [InlineData("7K3M9Q2XHT5Y")]
    [InlineData(" 7k3m 9q2x ht5y ")]
    [InlineData("7K-3M9Q-2XHT-5Y")]
    public void Lowercase_spaces_and_dashes_normalize(string input)
    {
        Assert.True(TrackingNumber.TryNormalize(input, out var formatted));
        Assert.Equal("7K3M-9Q2X-HT5Y", formatted);
    }

    [Theory]
    [InlineData("OIAB-CDEF-GHLB")]
    [InlineData("oiab-cdef-ghlb")]
    [InlineData("olab cdef gh1b")]
    [InlineData("0Iab-CDEF-GHlb")]
    public void O_I_and_L_are_read_as_0_and_1(string input)
    {
        Assert.True(TrackingNumber.TryNormalize(input, out var formatted));
        Assert.Equal("01AB-CDEF-GH1B", formatted);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7K3M-9Q2X-HT5")]      // 11 symbols
    [InlineData("7K3M-9Q2X-HT5Y0")]    // 13 symbols
    [InlineData("7K3M-9Q2X-HT5U")]     // U is not a symbol
    [InlineData("7K3M-9Q2X-HT5*")]
    [InlineData("7K3M_9Q2X_HT5Y")]
    [InlineData("7K3M-9Q2X-HT5Ÿ")]
    public void Malformed_input_is_rejected(string? input)
    {
        Assert.False(TrackingNumber.TryNormalize(input, out var formatted));
        Assert.Equal("", formatted);
    }

    private static IEnumerable<string> SampleNumbers() =>
        new[] { "7K3M-9Q2X-HT5Y", "01AB-CDEF-GH1B", "0000-0000-0000" }
            .Concat(Enumerable.Range(0, 200).Select(_ => TrackingNumber.New()));

    private static char[] Symbols(string number) => number.Replace("-", "", StringComparison.Ordinal).ToCharArray();

    [GeneratedRegex("^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")]
    private static partial Regex Shape();
}
