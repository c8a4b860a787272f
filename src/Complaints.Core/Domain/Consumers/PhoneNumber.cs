namespace Complaints.Core.Domain.Consumers;

public static class PhoneNumber
{
    /// <summary>"0812-3456-7890", "+62 812 3456 7890" and "6281234567890" all become "6281234567890";
    /// null when the input is not a plausible Indonesian or international mobile number.</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return null;
        }

        var trimmed = input.Trim();
        if (trimmed.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.')))
        {
            return null;
        }

        var digits = new string(trimmed.Where(char.IsAsciiDigit).ToArray());
        if (digits.StartsWith('0'))
        {
            digits = "62" + digits[1..];
        }
        else if (digits.StartsWith('8'))
        {
            digits = "62" + digits;
        }

        return digits.Length is >= 10 and <= 15 ? digits : null;
    }

    /// <summary>"6281234567890" shown as "62812*****890" outside the regulator.</summary>
    public static string Mask(string number) =>
        number.Length <= 7 ? new string('*', number.Length) : number[..5] + new string('*', number.Length - 8) + number[^3..];

    /// <summary>"6281234567890" as "*********7890": enough for the owner to recognise their own number (pages for
    /// the consumer, logs).</summary>
    public static string MaskForOwner(string number) =>
        number.Length <= 4 ? new string('*', number.Length) : new string('*', number.Length - 4) + number[^4..];
}
