using Complaints.Core.Domain.Identity;

namespace Complaints.UnitTests.Domain.Identity;

// Region codes from ReferenceData/regions/wilayah_kecamatan_history.csv:
// 32.01.01 Cibinong (Kab. Bogor, Jawa Barat), current; 91.01.01 Merauke, retired in 2022 (moved to 93.xx).
public sealed class NikValidatorTests
{
    private static readonly DateOnly Today = new(2025, 6, 1);
    private static readonly NikValidator Validator = new(RegionCodes.Shipped);

    [Fact]
    public void A_mans_NIK_gives_his_birth_date_and_district()
    {
        var check = Validator.Validate("3201011207900001", Today);

        Assert.True(check.IsValid);
        Assert.Equal(new NikCheck(null, new DateOnly(1990, 7, 12), false, "320101"), check);
    }

    [Fact]
    public void A_womans_NIK_has_forty_added_to_the_day()
    {
        var check = Validator.Validate("3201015207900001", Today);

        Assert.True(check.IsValid);
        Assert.Equal(new DateOnly(1990, 7, 12), check.BirthDate);
        Assert.True(check.IsFemale);
    }

    [Fact]
    public void A_woman_born_on_the_31st_has_day_71()
    {
        var check = Validator.Validate("3201017112990001", Today);

        Assert.Equal(new NikCheck(null, new DateOnly(1999, 12, 31), true, "320101"), check);
    }

    [Fact]
    public void A_retired_district_code_stays_valid()
    {
        var check = Validator.Validate("9101012505850003", Today);

        Assert.True(check.IsValid);
        Assert.Equal("910101", check.DistrictCode);
        Assert.Equal(new DateOnly(1985, 5, 25), check.BirthDate);
    }

    [Fact]
    public void Surrounding_spaces_are_ignored()
    {
        Assert.True(Validator.Validate("  3201011207900001 ", Today).IsValid);
    }

    [Theory]
    [InlineData("3201010103050001", 2005, 3, 1)]  // 2005 is not after 2025
    [InlineData("3201010106250001", 2025, 6, 1)]  // born today
    [InlineData("3201010101260001", 1926, 1, 1)]  // 2026 would be next year
    [InlineData("3201012902000001", 2000, 2, 29)] // 2000 was a leap year
    public void The_century_is_2000s_unless_that_year_is_still_to_come(string nik, int year, int month, int day)
    {
        Assert.Equal(new DateOnly(year, month, day), Validator.Validate(nik, Today).BirthDate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    public void A_missing_NIK_is_required(string? nik)
    {
        Assert.Equal(new NikCheck(NikError.Required, null, null, null), Validator.Validate(nik, Today));
    }

    [Theory]
    [InlineData("320101120790001")]   // 15 digits
    [InlineData("32010112079000011")] // 17 digits
    [InlineData("3201 011207900001")]
    [InlineData("320101120790000A")]
    [InlineData("32010112079000١١")] // Arabic-Indic digits are digits, but not ASCII
    public void A_NIK_must_be_exactly_sixteen_ASCII_digits(string nik)
    {
        Assert.Equal(NikError.NotSixteenDigits, Validator.Validate(nik, Today).Error);
    }

    [Theory]
    [InlineData("9999991207900001")]
    [InlineData("3201001207900001")] // a regency code with district 00
    [InlineData("3201991207900001")]
    public void An_unknown_district_code_is_rejected(string nik)
    {
        Assert.Equal(NikError.UnknownRegion, Validator.Validate(nik, Today).Error);
    }

    [Fact]
    public void The_region_is_checked_before_the_birth_date()
    {
        Assert.Equal(NikError.UnknownRegion, Validator.Validate("9999993113900000", Today).Error);
    }

    [Theory]
    [InlineData("3201013102900001")] // 31 February
    [InlineData("3201010007900001")] // day 00
    [InlineData("3201013507900001")] // day 35: neither a man's nor a woman's day
    [InlineData("3201014007900001")] // day 40 is woman's day 0
    [InlineData("3201017207900001")] // woman's day 32
    [InlineData("3201011213900001")] // month 13
    [InlineData("3201011200900001")] // month 00
    [InlineData("3201012902990001")] // 29 February 1999
    [InlineData("3201016902990001")] // a woman's 29 February 1999
    public void An_impossible_birth_date_is_rejected(string nik)
    {
        Assert.Equal(NikError.InvalidBirthDate, Validator.Validate(nik, Today).Error);
    }

    [Fact]
    public void A_birth_date_later_this_year_is_in_the_future()
    {
        Assert.Equal(NikError.BirthDateInFuture, Validator.Validate("3201010206250001", Today).Error);
        Assert.Equal(NikError.BirthDateInFuture, Validator.Validate("3201014112250001", Today).Error);
    }

    [Theory]
    [InlineData("3201011207900000")]
    [InlineData("3201011207950000")]
    public void Serial_0000_is_rejected(string nik)
    {
        Assert.Equal(new NikCheck(NikError.InvalidSerial, null, null, null), Validator.Validate(nik, Today));
    }

    [Theory]
    [InlineData("3201011207951000")]
    [InlineData("3201011207950010")]
    public void A_serial_with_zeros_but_not_0000_is_accepted(string nik)
    {
        Assert.True(Validator.Validate(nik, Today).IsValid);
    }

    [Theory]
    [InlineData("3201234567890001", "32**********0001")]
    [InlineData("123456", "123456")]
    [InlineData("1234567", "12*4567")]
    [InlineData("12345", "*****")]
    [InlineData("", "")]
    public void Mask_shows_the_first_two_and_last_four_digits(string nik, string masked)
    {
        Assert.Equal(masked, NikValidator.Mask(nik));
    }

    [Fact]
    public void Region_codes_name_provinces_and_districts()
    {
        var regions = RegionCodes.Shipped;

        Assert.Equal("Jawa Barat", regions.ProvinceName("32"));
        Assert.Equal("Papua Selatan", regions.ProvinceName("93"));
        Assert.Null(regions.ProvinceName("99"));
        Assert.Equal("Cibinong", regions.DistrictName("320101"));
        Assert.Equal("Merauke", regions.DistrictName("910101"));
        Assert.Null(regions.DistrictName("3201"));
    }

    [Theory]
    [InlineData("320101", true)]
    [InlineData("910101", true)]
    [InlineData("3201", false)]   // a regency, not a district
    [InlineData("32", false)]     // a province
    [InlineData("32010", false)]
    [InlineData("3201010", false)]
    [InlineData("999999", false)]
    public void Only_six_digit_district_codes_are_known_districts(string code, bool known)
    {
        Assert.Equal(known, RegionCodes.Shipped.IsKnownDistrict(code));
    }
}
