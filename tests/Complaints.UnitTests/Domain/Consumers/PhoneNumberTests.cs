using Complaints.Core.Domain.Consumers;

namespace Complaints.UnitTests.Domain.Consumers;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("0812-3456-7890")]
    [InlineData("+62 812 3456 7890")]
    [InlineData("6281234567890")]
    [InlineData("081234567890")]
    [InlineData("81234567890")]
    [InlineData("(0812) 3456.7890")]
    [InlineData("  +62-812-3456-7890  ")]
    public void The_ways_people_write_an_Indonesian_mobile_number_become_the_WhatsApp_form(string input)
    {
        Assert.Equal("6281234567890", PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("+44 7911 123456", "447911123456")]
    [InlineData("+65 9123 4567", "6591234567")]
    [InlineData("021 500 655", "6221500655")]
    public void International_and_landline_numbers_keep_their_digits(string input, string expected)
    {
        Assert.Equal(expected, PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0812-ABCD-7890")]
    [InlineData("0812/3456/7890")]
    [InlineData("08123")]
    [InlineData("+62 812")]
    [InlineData("0812345678901234567")]
    [InlineData("+62 812 3456 7890 ext 1")]
    [InlineData("٠٨١٢٣٤٥٦٧٨٩٠")] // Arabic-Indic digits are not ASCII digits
    public void Anything_else_is_not_a_phone_number(string? input)
    {
        Assert.Null(PhoneNumber.Normalize(input));
    }

    [Theory]
    [InlineData("62812345678", 11)] // shortest: 10 digits after the country code is still plausible
    [InlineData("628123456789012", 15)]
    public void A_number_has_between_10_and_15_digits(string input, int length)
    {
        Assert.Equal(length, PhoneNumber.Normalize(input)!.Length);
        Assert.Null(PhoneNumber.Normalize(input + "4" + (length == 15 ? "" : "00000")));
    }

    [Fact]
    public void Nine_digits_are_too_few()
    {
        Assert.Null(PhoneNumber.Normalize("123456789"));
        Assert.Equal("1234567890", PhoneNumber.Normalize("1234567890"));
    }

    [Fact]
    public void A_number_is_shown_masked_outside_the_regulator()
    {
        Assert.Equal("62812*****890", PhoneNumber.Mask("6281234567890"));
        Assert.Equal("44791****456", PhoneNumber.Mask("447911123456"));
    }

    [Fact]
    public void A_short_number_is_masked_entirely()
    {
        Assert.Equal("*******", PhoneNumber.Mask("1234567"));
        Assert.Equal("", PhoneNumber.Mask(""));
    }
}
