using System.Globalization;
using System.Text;

namespace Complaints.Core.Domain.Calendar;

public enum HolidayType
{
    NationalHoliday,
    CollectiveLeave,
    Special,
}

public sealed record HolidayRow(DateOnly Date, string Name, HolidayType Type);

/// <summary>
/// Reads the holiday calendar format shipped in <c>ReferenceData/holidays</c>
/// (<c>date,year,name,type,type_id,falls_on_weekend,amended_by</c>; only date, name and type are used).
/// </summary>
public static class HolidayCsv
{
    private const string ShippedResource = "ReferenceData/holidays/holidays_2024_2027.csv";

    private static readonly Lazy<IReadOnlyList<HolidayRow>> Shipped = new(() =>
    {
        using var stream = typeof(HolidayCsv).Assembly.GetManifestResourceStream(ShippedResource)
            ?? throw new InvalidOperationException($"Embedded resource '{ShippedResource}' is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return Parse(reader);
    });

    /// <summary>The calendar years 2024-2027 that ship with the product.</summary>
    public static IReadOnlyList<HolidayRow> LoadShipped() => Shipped.Value;

    /// <exception cref="FormatException">The text is not in the expected format; the message names the line.</exception>
    public static IReadOnlyList<HolidayRow> Parse(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var header = reader.ReadLine()
            ?? throw new FormatException("Line 1: the holiday file is empty; expected a header.");
        var columns = SplitLine(header.TrimStart('\uFEFF'), 1);
        var dateColumn = ColumnIndex(columns, "date");
        var nameColumn = ColumnIndex(columns, "name");
        var typeColumn = ColumnIndex(columns, "type");

        var rows = new List<HolidayRow>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var fields = SplitLine(line, lineNumber);
            if (fields.Count != columns.Count)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Line {lineNumber}: expected {columns.Count} fields, found {fields.Count}."));
            }

            if (!DateOnly.TryParseExact(fields[dateColumn], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                    $"Line {lineNumber}: '{fields[dateColumn]}' is not a date in yyyy-MM-dd form."));
            }

            var name = fields[nameColumn].Trim();
            if (name.Length == 0)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {lineNumber}: the name is empty."));
            }

            var type = fields[typeColumn].Trim() switch
            {
                "national_holiday" => HolidayType.NationalHoliday,
                "joint_leave" => HolidayType.CollectiveLeave,
                _ => HolidayType.Special,
            };
            rows.Add(new HolidayRow(date, name, type));
        }

        return rows.AsReadOnly();
    }

    private static int ColumnIndex(List<string> columns, string name)
    {
        var index = columns.FindIndex(c => string.Equals(c.Trim(), name, StringComparison.OrdinalIgnoreCase));
        return index >= 0
            ? index
            : throw new FormatException($"Line 1: the header has no '{name}' column.");
    }

    /// <summary>
    /// Splits one CSV line (RFC 4180 quoting: a field in double quotes may hold commas, and <c>""</c> is a
    /// literal quote). Quoted fields spanning lines are not supported. Shared with the region-code reader.
    /// </summary>
    internal static List<string> SplitLine(string line, int lineNumber)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (true)
        {
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                            $"Line {lineNumber}: a quoted field is not closed."));
                    }

                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(line[i]);
                    i++;
                }

                if (i < line.Length && line[i] != ',')
                {
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                        $"Line {lineNumber}: unexpected '{line[i]}' after a quoted field at column {i + 1}."));
                }
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"')
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture,
                            $"Line {lineNumber}: a quote inside an unquoted field at column {i + 1}."));
                    }

                    field.Append(line[i]);
                    i++;
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i >= line.Length)
            {
                return fields;
            }

            i++; // the comma
        }
    }
}
