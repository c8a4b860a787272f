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

    /// <summary>Resources/{language}.json plus any Resources/{part}.{language}.json (one file per portal keeps
    /// reviews small); a key defined twice is an error.</summary>
    public static FrozenDictionary<string, string> Load(string language)
    {
        var assembly = typeof(JsonStringLocalizerFactory).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(n => n == $"Resources/{language}.json" || (n.StartsWith("Resources/", StringComparison.Ordinal) && n.EndsWith($".{language}.json", StringComparison.Ordinal)))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException($"Missing string table Resources/{language}.json");
        }

        var strings = new Dictionary<string, string>();
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream)!)
            {
                if (!strings.TryAdd(key, value))
                {
                    throw new InvalidOperationException($"String key '{key}' is defined twice ({name}).");
                }
            }
        }

        return strings.ToFrozenDictionary();
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
