using System.Globalization;
using System.Text;
using Complaints.Core.Domain.Calendar;

namespace Complaints.Core.Domain.Identity;

/// <summary>
/// Kemendagri region codes as NIK digits 1-6 use them. Includes codes retired by region splits:
/// a NIK keeps the district code of the time it was issued, so a retired code is still a valid NIK.
/// </summary>
public sealed class RegionCodes
{
    private const string ShippedResource = "ReferenceData/regions/wilayah_kecamatan_history.csv";

    private static readonly Lazy<RegionCodes> ShippedCodes = new(() =>
    {
        using var stream = typeof(RegionCodes).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"Embedded resource '{ShippedResource}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Load(reader);
    });

    private readonly Dictionary<string, string> provinces;
    private readonly Dictionary<string, string> districts;

    private RegionCodes(Dictionary<string, string> provinces, Dictionary<string, string> districts)
    {
        this.provinces = provinces;
        this.districts = districts;
    }

    /// <summary>Every province and district code ever seen since 2016, from the shipped history file.</summary>
    public static RegionCodes Shipped => ShippedCodes.Value;

    /// <summary>True for 6 digits naming a district (kecamatan) that existed at any time, current or retired.</summary>
    public bool IsKnownDistrict(string nik6) =>
        nik6 is { Length: 6 } && nik6.All(char.IsAsciiDigit) && districts.ContainsKey(nik6);

    /// <summary>The latest name of a province, e.g. "32" gives "Jawa Barat"; null when unknown.</summary>
    public string? ProvinceName(string provinceCode2) =>
        provinceCode2 is not null && provinces.TryGetValue(provinceCode2, out var name) ? name : null;

    /// <summary>The latest name of a district by its 6-digit code; null when unknown.</summary>
    public string? DistrictName(string nik6) =>
        nik6 is not null && districts.TryGetValue(nik6, out var name) ? name : null;

    /// <summary>Reads the history format (<c>kode,kode_nik6,level,nama_terakhir,nama_lain,seen_in,in_current</c>).</summary>
    internal static RegionCodes Load(TextReader reader)
    {
        var header = reader.ReadLine() ?? throw new FormatException("Line 1: the region file is empty; expected a header.");
        var columns = HolidayCsv.SplitLine(header.TrimStart('\uFEFF'), 1);
        var codeColumn = columns.IndexOf("kode_nik6");
        var levelColumn = columns.IndexOf("level");
        var nameColumn = columns.IndexOf("nama_terakhir");
        if (codeColumn < 0 || levelColumn < 0 || nameColumn < 0)
        {
            throw new FormatException("Line 1: expected columns kode_nik6, level and nama_terakhir.");
        }

        var provinces = new Dictionary<string, string>(StringComparer.Ordinal);
        var districts = new Dictionary<string, string>(StringComparer.Ordinal);
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = HolidayCsv.SplitLine(line, lineNumber);
            if (fields.Count != columns.Count)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Line {lineNumber}: expected {columns.Count} fields, found {fields.Count}."));
            }

            var code = fields[codeColumn];
            var name = fields[nameColumn];
            switch (fields[levelColumn])
            {
                case "1":
                    provinces[code] = name;
                    break;
                case "3":
                    districts[code] = name;
                    break;
            }
        }

        return new RegionCodes(provinces, districts);
    }
}
