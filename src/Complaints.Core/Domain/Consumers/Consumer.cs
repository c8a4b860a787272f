namespace Complaints.Core.Domain.Consumers;

/// <summary>A member of the public who files cases. Personal data under UU PDP: collect the minimum, show it
/// masked outside the regulator.</summary>
public sealed class Consumer
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    private string _name = "";

    public required string Name
    {
        get => _name;
        set
        {
            _name = value;
            SearchName = SearchKey(value);
        }
    }

    /// <summary>The name folded for search (lower case, no accents or punctuation, single spaces): indexed, so
    /// staff find "Siti Aminah" by typing "siti am" on a million cases.</summary>
    public string SearchName { get; private set; } = "";

    public static string SearchKey(string text)
    {
        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var folded = new System.Text.StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
            else if (char.IsWhiteSpace(c) && folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        return folded.ToString().TrimEnd();
    }

    public string? Email { get; set; }

    /// <summary>Digits only, Indonesian numbers as 62..., the form WhatsApp uses.</summary>
    public string? WhatsApp { get; set; }

    /// <summary>Optional 16-digit national ID, validated on entry.</summary>
    public string? Nik { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>When and to what the consumer consented (the consent text version).</summary>
    public DateTime ConsentGivenAtUtc { get; set; }

    /// <summary>The language messages are written in: "id" or "en", the language the consumer filed in.</summary>
    public string PreferredCulture { get; set; } = "id";

    // Channel choices, stored so that "false" is the default of a new or migrated row: email and WhatsApp are on
    // when an address is known, SMS (paid per message) only on request.
    public bool EmailMuted { get; set; }

    public bool WhatsAppMuted { get; set; }

    public bool SmsEnabled { get; set; }

    /// <summary>Only messages the consumer must act on or that carry legal effect (receipt, document requests,
    /// deadlines, answers, closure); progress updates are not sent.</summary>
    public bool EssentialOnly { get; set; }
}
