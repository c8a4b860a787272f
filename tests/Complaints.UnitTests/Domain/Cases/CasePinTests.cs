using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Complaints.Core.Domain.Cases;

namespace Complaints.UnitTests.Domain.Cases;

public sealed partial class CasePinTests
{
    [Fact]
    public void A_new_PIN_is_six_digits()
    {
        var pins = Enumerable.Range(0, 1_000).Select(_ => CasePin.New()).ToList();

        Assert.All(pins, pin => Assert.Matches(SixDigits(), pin));
        Assert.True(pins.Distinct(StringComparer.Ordinal).Count() > 900, "PINs should rarely repeat");
        Assert.Contains(pins, pin => pin.StartsWith('0')); // leading zeros are kept (about 100 of 1,000)
    }

    [Fact]
    public void A_hash_records_the_scheme_iterations_salt_and_hash()
    {
        var parts = CasePin.Hash("123456").Split('$');

        Assert.Equal(4, parts.Length);
        Assert.Equal("pbkdf2-sha256", parts[0]);
        Assert.Equal("100000", parts[1]);
        Assert.Equal(16, Convert.FromBase64String(parts[2]).Length);
        Assert.Equal(32, Convert.FromBase64String(parts[3]).Length);
    }

    [Fact]
    public void The_right_PIN_verifies()
    {
        var hash = CasePin.Hash("042917");

        Assert.True(CasePin.Verify("042917", hash));
    }

    [Fact]
    public void A_wrong_PIN_does_not_verify()
    {
        var hash = CasePin.Hash("042917");

        Assert.False(CasePin.Verify("042918", hash));
        Assert.False(CasePin.Verify("42917", hash));
        Assert.False(CasePin.Verify("", hash));
        Assert.False(CasePin.Verify(null, hash));
    }

    [Fact]
    public void The_same_PIN_hashes_differently_each_time()
    {
        Assert.NotEqual(CasePin.Hash("123456"), CasePin.Hash("123456"));
    }

    [Fact]
    public void A_hash_written_elsewhere_in_the_same_format_verifies()
    {
        var salt = Convert.FromHexString("000102030405060708090A0B0C0D0E0F");
        var derived = Rfc2898DeriveBytes.Pbkdf2("555123", salt, 1_000, HashAlgorithmName.SHA256, 32);
        var hash = $"pbkdf2-sha256$1000${Convert.ToBase64String(salt)}${Convert.ToBase64String(derived)}";

        Assert.True(CasePin.Verify("555123", hash));
        Assert.False(CasePin.Verify("555124", hash));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("pbkdf2-sha256$100000$AAECAwQFBgcICQoLDA0ODw==")]                                                   // no hash part
    [InlineData("pbkdf2-sha1$1000$AAECAwQFBgcICQoLDA0ODw==$8h5X8+9rwU4MXyW8Zl8H6fS1t2hQ3d4m1Jm8qgGxQ0M=")]         // other scheme
    [InlineData("pbkdf2-sha256$abc$AAECAwQFBgcICQoLDA0ODw==$8h5X8+9rwU4MXyW8Zl8H6fS1t2hQ3d4m1Jm8qgGxQ0M=")]       // iterations not a number
    [InlineData("pbkdf2-sha256$0$AAECAwQFBgcICQoLDA0ODw==$8h5X8+9rwU4MXyW8Zl8H6fS1t2hQ3d4m1Jm8qgGxQ0M=")]         // zero iterations
    [InlineData("pbkdf2-sha256$-5$AAECAwQFBgcICQoLDA0ODw==$8h5X8+9rwU4MXyW8Zl8H6fS1t2hQ3d4m1Jm8qgGxQ0M=")]        // negative iterations
    [InlineData("pbkdf2-sha256$999999999$AAECAwQFBgcICQoLDA0ODw==$8h5X8+9rwU4MXyW8Zl8H6fS1t2hQ3d4m1Jm8qgGxQ0M=")] // absurd iterations
    [InlineData("pbkdf2-sha256$1000$***$8h5X8+9rwU4MXyW8Zl8H6fS1t2hQ3d4m1Jm8qgGxQ0M=")]                         // salt not base64
    [InlineData("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$%%%")]                                                 // hash not base64
    [InlineData("pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw==$AA==")]                                                // truncated hash
    [InlineData("pbkdf2-sha256$1000$$8h5X8+9rwU4MXyW8Zl8H6fS1t2hQ3d4m1Jm8qgGxQ0M=")]                             // empty salt
    public void A_malformed_hash_never_verifies(string hash)
    {
        Assert.False(CasePin.Verify("123456", hash));
    }

    [Fact]
    public void A_truncated_or_extended_real_hash_does_not_verify()
    {
        var hash = CasePin.Hash("123456");

        Assert.False(CasePin.Verify("123456", hash[..^4]));
        Assert.False(CasePin.Verify("123456", hash + "$extra"));
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex SixDigits();
}
