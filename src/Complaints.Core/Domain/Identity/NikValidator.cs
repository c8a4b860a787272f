namespace Complaints.Core.Domain.Identity;

public enum NikError
{
    Required,
    NotSixteenDigits,
    UnknownRegion,
    InvalidBirthDate,
    BirthDateInFuture,
    InvalidSerial,
}

/// <summary>The outcome of a NIK check. The derived fields are filled only when the NIK is valid.</summary>
public sealed record NikCheck(NikError? Error, DateOnly? BirthDate, bool? IsFemale, string? DistrictCode)
{
    public bool IsValid => Error is null;
}

/// <summary>
/// Checks the structure of a NIK, <c>PPRRSSDDMMYYSSSS</c>: a district code that exists or existed,
/// a birth date (40 added to the day for women) and a serial that is not 0000.
/// </summary>
public sealed class NikValidator(RegionCodes regions)
{
    private readonly RegionCodes regions = regions ?? throw new ArgumentNullException(nameof(regions));

    /// <summary>
    /// Validates <paramref name="nik"/> (surrounding spaces are ignored). The century is chosen by year:
    /// 20YY unless that year is after <paramref name="today"/>'s year, then 19YY. So a date later in the
    /// current year is reported as <see cref="NikError.BirthDateInFuture"/> rather than silently read as
    /// a hundred years earlier.
    /// </summary>
    public NikCheck Validate(string? nik, DateOnly today)
    {
        var value = nik?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return Fail(NikError.Required);
        }

        if (value.Length != 16 || !value.All(char.IsAsciiDigit))
        {
            return Fail(NikError.NotSixteenDigits);
        }

        var district = value[..6];
        if (!regions.IsKnownDistrict(district))
        {
            return Fail(NikError.UnknownRegion);
        }

        var day = TwoDigits(value, 6);
        var month = TwoDigits(value, 8);
        var yy = TwoDigits(value, 10);
        var isFemale = day > 40;
        if (isFemale)
        {
            day -= 40;
        }

        var year = 2000 + yy > today.Year ? 1900 + yy : 2000 + yy;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return Fail(NikError.InvalidBirthDate);
        }

        var birthDate = new DateOnly(year, month, day);
        if (birthDate > today)
        {
            return Fail(NikError.BirthDateInFuture);
        }

        if (value.EndsWith("0000", StringComparison.Ordinal))
        {
            return Fail(NikError.InvalidSerial);
        }

        return new NikCheck(null, birthDate, isFemale, district);
    }

    /// <summary>The display form outside the regulator: first 2 digits, stars, last 4 (UU PDP minimum disclosure).</summary>
    public static string Mask(string nik)
    {
        ArgumentNullException.ThrowIfNull(nik);
        return nik.Length < 6
            ? new string('*', nik.Length)
            : string.Concat(nik.AsSpan(0, 2), new string('*', nik.Length - 6), nik.AsSpan(nik.Length - 4));
    }

    private static int TwoDigits(string s, int start) => ((s[start] - '0') * 10) + (s[start + 1] - '0');

    private static NikCheck Fail(NikError error) => new(error, null, null, null);
}
