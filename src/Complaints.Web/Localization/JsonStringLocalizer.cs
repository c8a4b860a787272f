using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Complaints.Web.Localization;

/// <summary>Marker type for the one shared string table (Resources/id.json, Resources/en.json).</summary>
public sealed class SharedResource;

/// <summary>
/// Strings live in two flat JSON files, one per language, embedded in the assembly: easy to review side by
/// side and to check for missing keys (a test does). Indonesian is the default and the fallback.
/// </summary>
public sealed class JsonStringLocalizerFactory : IStringLocalizerFactory
{
    public const string DefaultLanguage = "id";
    public static readonly string[] Languages = ["id", "en"];

    private readonly JsonStringLocalizer _localizer = new(Languages.ToFrozenDictionary(l => l, Load));

    public IStringLocalizer Create(Type resourceSource) => _localizer;

    public IStringLocalizer Create(string baseName, string location) => _localizer;

    public static FrozenDictionary<string, string> Load(string language)
    {
        using var stream = typeof(JsonStringLocalizerFactory).Assembly.GetManifestResourceStream($"Resources/{language}.json")
            ?? throw new InvalidOperationException($"Missing string table Resources/{language}.json");
        return JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!.ToFrozenDictionary();
    }
}

public sealed class JsonStringLocalizer(FrozenDictionary<string, FrozenDictionary<string, string>> tables) : IStringLocalizer
{
    public LocalizedString this[string name] => Find(name, CultureInfo.CurrentUICulture);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var format = Find(name, CultureInfo.CurrentUICulture);
            return new(name, string.Format(CultureInfo.CurrentCulture, format.Value, arguments), format.ResourceNotFound);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Table(CultureInfo.CurrentUICulture).Select(kv => new LocalizedString(kv.Key, kv.Value));

    private LocalizedString Find(string name, CultureInfo culture)
    {
        if (Table(culture).TryGetValue(name, out var value) || tables[JsonStringLocalizerFactory.DefaultLanguage].TryGetValue(name, out value))
        {
            return new(name, value);
        }

        return new(name, name, resourceNotFound: true);
    }

    private FrozenDictionary<string, string> Table(CultureInfo culture) =>
        tables.TryGetValue(culture.TwoLetterISOLanguageName, out var table) ? table : tables[JsonStringLocalizerFactory.DefaultLanguage];
}
