using System.Globalization;
using System.Text;
using System.Text.Json;
using Complaints.Core.Domain.Institutions;

namespace Complaints.Core.Features.Registry;

public sealed record RegistryFile(IReadOnlyList<Institution> Institutions, IReadOnlyList<IllegalEntity> IllegalEntities);

/// <summary>
/// Reads the two registry formats: the licensed P2P lender CSV (legal_p2p_94.csv) and the task
/// force's illegal-entity JSON (illegals.json). The format is told by the content, not the file name,
/// so a renamed download still imports and a wrong file is refused instead of half-read.
/// </summary>
public static class RegistryFiles
{
    public const string ShippedInstitutionsResource = "ReferenceData/registry/legal_p2p_94.csv";
    public const string ShippedIllegalEntitiesResource = "ReferenceData/registry/illegals.json";

    private static readonly string[] LicensedLenderHeader =
        ["no", "nama_perusahaan", "nama_platform", "nomor_izin", "tanggal_izin_raw", "tanggal_izin", "jenis_usaha", "website", "os"];

    private const string ExpectedFormats =
        "Expected either the licensed-lender CSV with the header '" + "no,nama_perusahaan,nama_platform,nomor_izin,tanggal_izin_raw,tanggal_izin,jenis_usaha,website,os" +
        "' or the illegal-entity JSON of the form { \"data\": [ { \"id\", \"name\", \"alias\", \"web\", \"entity_type\", \"activity_type\", \"input_date\", \"description\" } ] }.";

    public static RegistryFile Read(string fileName, Stream content)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        ArgumentNullException.ThrowIfNull(content);

        using var buffer = new MemoryStream();
        content.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var text = Decode(fileName, bytes.Span);

        var firstChar = text.AsSpan().TrimStart();
        if (firstChar.IsEmpty)
        {
            throw new FormatException($"'{fileName}' is empty. {ExpectedFormats}");
        }

        return firstChar[0] is '{' or '['
            ? ReadIllegalEntities(fileName, text)
            : ReadLicensedLenders(fileName, text);
    }

    public static RegistryFile LoadShipped()
    {
        var institutions = ReadResource(ShippedInstitutionsResource).Institutions;
        var illegal = ReadResource(ShippedIllegalEntitiesResource).IllegalEntities;
        return new RegistryFile(institutions, illegal);
    }

    private static RegistryFile ReadResource(string name)
    {
        // The csproj names resources after their folder, which a Windows build spells with a backslash.
        var assembly = typeof(RegistryFiles).Assembly;
        var resource = assembly.GetManifestResourceNames().FirstOrDefault(n => n.Replace('\\', '/') == name)
            ?? throw new InvalidOperationException($"The embedded resource '{name}' is missing from {assembly.GetName().Name}.");
        using var stream = assembly.GetManifestResourceStream(resource)!;
        return Read(name, stream);
    }

    private static string Decode(string fileName, ReadOnlySpan<byte> bytes)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        try
        {
            return utf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            throw new FormatException($"'{fileName}' is not UTF-8 text. {ExpectedFormats}", e);
        }
    }

    // ---- licensed lenders (CSV) ----

    private static RegistryFile ReadLicensedLenders(string fileName, string text)
    {
        using var records = Csv.Parse(fileName, text).GetEnumerator();
        if (!records.MoveNext() || !IsLicensedLenderHeader(records.Current.Fields))
        {
            throw new FormatException($"'{fileName}' is not a registry file. {ExpectedFormats}");
        }

        var institutions = new List<Institution>();
        while (records.MoveNext())
        {
            var (line, fields) = records.Current;
            if (fields.Count == 1 && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue; // blank line
            }

            if (fields.Count != LicensedLenderHeader.Length)
            {
                throw new FormatException(
                    $"'{fileName}' line {line.ToString(CultureInfo.InvariantCulture)}: expected {LicensedLenderHeader.Length.ToString(CultureInfo.InvariantCulture)} columns, found {fields.Count.ToString(CultureInfo.InvariantCulture)}.");
            }

            var legalName = fields[1].Trim();
            if (legalName.Length == 0)
            {
                throw new FormatException($"'{fileName}' line {line.ToString(CultureInfo.InvariantCulture)}: nama_perusahaan is empty.");
            }

            institutions.Add(new Institution
            {
                LegalName = legalName,
                BrandNames = NullIfBlank(fields[2]),
                LicenseNumber = NullIfBlank(fields[3]),
                LicensedOn = ParseDate(fileName, line, fields[5], "yyyy-MM-dd", "tanggal_izin"),
                IsSharia = string.Equals(fields[6].Trim(), "Syariah", StringComparison.OrdinalIgnoreCase),
                Website = NullIfBlank(fields[7]),
                Sector = Sector.FintechLending,
                Status = InstitutionStatus.Licensed,
            });
        }

        return new RegistryFile(institutions, []);
    }

    private static bool IsLicensedLenderHeader(IReadOnlyList<string> fields) =>
        fields.Count == LicensedLenderHeader.Length
        && fields.Select(f => f.Trim()).SequenceEqual(LicensedLenderHeader, StringComparer.OrdinalIgnoreCase);

    // ---- illegal entities (JSON) ----

    private static RegistryFile ReadIllegalEntities(string fileName, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new FormatException($"'{fileName}' is not valid JSON ({e.Message}). {ExpectedFormats}", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("data", out var data)
                || data.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException($"'{fileName}' has no \"data\" array. {ExpectedFormats}");
            }

            var entities = new List<IllegalEntity>(data.GetArrayLength());
            var index = 0;
            foreach (var item in data.EnumerateArray())
            {
                entities.Add(ReadIllegalEntity(fileName, index, item));
                index++;
            }

            return new RegistryFile([], entities);
        }
    }

    private static IllegalEntity ReadIllegalEntity(string fileName, int index, JsonElement item)
    {
        string Where() => $"'{fileName}' data[{index.ToString(CultureInfo.InvariantCulture)}]";

        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"{Where()} is not an object. {ExpectedFormats}");
        }

        if (!item.TryGetProperty("id", out var idElement) || !idElement.TryGetInt32(out var id))
        {
            throw new FormatException($"{Where()}: \"id\" is missing or not an integer.");
        }

        var name = CleanName(GetString(item, "name"));
        if (name is null)
        {
            throw new FormatException($"{Where()} (id {id.ToString(CultureInfo.InvariantCulture)}): \"name\" is missing or empty.");
        }

        var entityType = NullIfBlank(GetString(item, "entity_type"))
            ?? throw new FormatException($"{Where()} (id {id.ToString(CultureInfo.InvariantCulture)}): \"entity_type\" is missing or empty.");

        var aliases = GetStrings(Where(), item, "alias").Select(CleanName).OfType<string>().ToList();
        var websites = GetStrings(Where(), item, "web").Select(NullIfBlank).OfType<string>().ToList();
        var activities = GetStrings(Where(), item, "activity_type").Select(NullIfBlank).OfType<string>().ToList();

        return new IllegalEntity
        {
            SourceId = id,
            Name = name,
            Aliases = JoinOrNull(aliases, Institution.NameSeparator.ToString()),
            EntityType = entityType,
            ActivityTypes = JoinOrNull(activities, "; "),
            Websites = JoinOrNull(websites, Institution.NameSeparator.ToString()),
            ListedOn = ParseDate(Where(), null, GetString(item, "input_date"), "dd/MM/yyyy", "input_date"),
            Reference = NullIfBlank(GetString(item, "description")),
        };
    }

    private static string? GetString(JsonElement item, string property) =>
        item.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string?> GetStrings(string where, JsonElement item, string property)
    {
        if (!item.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind switch
        {
            JsonValueKind.Array => value.EnumerateArray()
                .Select(e => e.ValueKind == JsonValueKind.String ? e.GetString() : null)
                .ToList(),
            JsonValueKind.String => [value.GetString()],
            _ => throw new FormatException($"{where}: \"{property}\" must be an array of strings."),
        };
    }

    // ---- shared ----

    // Names are free text with stray newlines and double spaces; one space is what the screens and the index want.
    private static string? CleanName(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    private static string? NullIfBlank(string? value)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) || trimmed == "-" ? null : trimmed;
    }

    private static string? JoinOrNull(List<string> values, string separator) =>
        values.Count == 0 ? null : string.Join(separator, values);

    private static DateOnly? ParseDate(string where, int? line, string? value, string format, string column)
    {
        var trimmed = NullIfBlank(value);
        if (trimmed is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(trimmed, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        var at = line is null ? where : $"'{where}' line {line.Value.ToString(CultureInfo.InvariantCulture)}";
        throw new FormatException($"{at}: {column} '{trimmed}' is not a date in the format {format}.");
    }

    /// <summary>RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static class Csv
    {
        /// <summary>Records with the 1-based line on which each starts.</summary>
        public static IEnumerable<(int Line, IReadOnlyList<string> Fields)> Parse(string source, string text)
        {
            var fields = new List<string>();
            var field = new StringBuilder();
            var line = 1;
            var recordLine = 1;
            var inQuotes = false;
            var fieldStarted = false; // anything seen in the current record
            var i = 0;

            while (i < text.Length)
            {
                var c = text[i];
                if (inQuotes)
                {
                    if (c == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        inQuotes = false;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    i++;
                    continue;
                }

                switch (c)
                {
                    case '"' when field.Length == 0:
                        inQuotes = true;
                        fieldStarted = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        fieldStarted = true;
                        break;
                    case '\r' when i + 1 < text.Length && text[i + 1] == '\n':
                        break; // the \n ends the record
                    case '\r' or '\n':
                        fields.Add(field.ToString());
                        field.Clear();
                        yield return (recordLine, fields);
                        fields = [];
                        fieldStarted = false;
                        line++;
                        recordLine = line;
                        break;
                    default:
                        field.Append(c);
                        fieldStarted = true;
                        break;
                }

                i++;
            }

            if (inQuotes)
            {
                throw new FormatException($"'{source}': the quoted field starting on or after line {recordLine.ToString(CultureInfo.InvariantCulture)} is never closed.");
            }

            if (fieldStarted || field.Length > 0)
            {
                fields.Add(field.ToString());
                yield return (recordLine, fields);
            }
        }
    }
}
