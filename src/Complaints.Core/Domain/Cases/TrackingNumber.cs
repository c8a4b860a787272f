using System.Security.Cryptography;

namespace Complaints.Core.Domain.Cases;

/// <summary>
/// The public case reference, e.g. <c>7K3M-9Q2X-HT5Y</c>: 11 random symbols (55 bits) from Crockford's
/// base32 alphabet <c>0-9 A-Z</c> without I, L, O and U, then one check symbol from the same alphabet,
/// written in groups of four. It is easy to read aloud and safe in URLs.
/// </summary>
/// <remarks>
/// Check symbol: we do not use Crockford's mod-37 check (its extra symbols <c>* ~ $ = U</c> are awkward on
/// the phone and in URLs), nor a mod-31 sum over the 32 data symbols (it misses a substitution between
/// values 0 and 31, i.e. 0 and Z). Instead the symbols are elements of GF(32) (polynomial
/// x^5 + x^2 + 1) and the check is <c>c = sum of a^(i+1) * v_i</c> over the 11 data symbols, so that the
/// weighted sum of all 12 symbols, the check having weight 1, is zero. All 12 weights are distinct and
/// non-zero, so every single-symbol substitution and every transposition of two different symbols
/// (adjacent or not, including the check symbol) is detected.
/// </remarks>
public static class TrackingNumber
{
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const int DataLength = 11;
    private const int Length = DataLength + 1;
    private const int FieldPolynomial = 0b100101; // x^5 + x^2 + 1, irreducible over GF(2)

    private static readonly int[] Weights = DataWeights();

    public static string New()
    {
        Span<int> values = stackalloc int[Length];
        for (var i = 0; i < DataLength; i++)
        {
            values[i] = RandomNumberGenerator.GetInt32(Alphabet.Length);
        }

        values[DataLength] = CheckValue(values[..DataLength]);
        return Format(values);
    }

    /// <summary>A tracking number for 11 chosen data symbols (demo data, fixtures); throws when a symbol is
    /// not in the alphabet.</summary>
    public static string FromData(string dataSymbols)
    {
        if (dataSymbols.Length != DataLength)
        {
            throw new ArgumentException($"Need {DataLength} symbols.", nameof(dataSymbols));
        }

        Span<int> values = stackalloc int[Length];
        for (var i = 0; i < DataLength; i++)
        {
            values[i] = ValueOf(dataSymbols[i]);
            if (values[i] < 0)
            {
                throw new ArgumentException($"'{dataSymbols[i]}' is not a tracking-number symbol.", nameof(dataSymbols));
            }
        }

        values[DataLength] = CheckValue(values[..DataLength]);
        return Format(values);
    }

    /// <summary>
    /// Accepts what people type: any case, spaces and dashes anywhere, O for 0, I and L for 1.
    /// Returns false (and an empty <paramref name="formatted"/>) unless there are 12 symbols with a
    /// correct check symbol.
    /// </summary>
    public static bool TryNormalize(string? input, out string formatted)
    {
        formatted = string.Empty;
        if (input is null)
        {
            return false;
        }

        Span<int> values = stackalloc int[Length];
        var count = 0;
        foreach (var raw in input)
        {
            if (raw is '-' || char.IsWhiteSpace(raw))
            {
                continue;
            }

            var value = ValueOf(raw);
            if (value < 0 || count == Length)
            {
                return false;
            }

            values[count++] = value;
        }

        if (count != Length || CheckValue(values[..DataLength]) != values[DataLength])
        {
            return false;
        }

        formatted = Format(values);
        return true;
    }

    private static int ValueOf(char c)
    {
        var upper = c switch
        {
            >= 'a' and <= 'z' => (char)(c - 'a' + 'A'),
            _ => c,
        };
        upper = upper switch
        {
            'O' => '0',
            'I' or 'L' => '1',
            _ => upper,
        };
        return Alphabet.IndexOf(upper, StringComparison.Ordinal);
    }

    private static int CheckValue(ReadOnlySpan<int> data)
    {
        var sum = 0;
        for (var i = 0; i < data.Length; i++)
        {
            sum ^= Multiply(Weights[i], data[i]);
        }

        return sum;
    }

    private static string Format(ReadOnlySpan<int> values)
    {
        Span<char> chars = stackalloc char[Length + 2];
        var n = 0;
        for (var i = 0; i < Length; i++)
        {
            if (i is 4 or 8)
            {
                chars[n++] = '-';
            }

            chars[n++] = Alphabet[values[i]];
        }

        return new string(chars);
    }

    // Weights a^1 .. a^11 for the data symbols, a = x; the check symbol has weight a^0 = 1.
    private static int[] DataWeights()
    {
        var weights = new int[DataLength];
        var power = 1;
        for (var i = 0; i < DataLength; i++)
        {
            power = Multiply(power, 2);
            weights[i] = power;
        }

        return weights;
    }

    /// <summary>Multiplication in GF(32).</summary>
    internal static int Multiply(int a, int b)
    {
        var product = 0;
        while (b != 0)
        {
            if ((b & 1) != 0)
            {
                product ^= a;
            }

            b >>= 1;
            a <<= 1;
            if ((a & 0b100000) != 0)
            {
                a ^= FieldPolynomial;
            }
        }

        return product;
    }
}
