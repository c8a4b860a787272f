using System.Globalization;

namespace Complaints.Core.Domain;

/// <summary>A domain label in Indonesian (the default) and English.</summary>
public sealed record LocalizedText(string Id, string En)
{
    public string For(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en" ? En : Id;

    public override string ToString() => For(CultureInfo.CurrentUICulture);
}
