using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Administration;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Calendar;

/// <summary>
/// The Administrator loads one year of the calendar from a CSV file in the shipped format
/// (<see cref="HolidayCsv"/>: the government's joint decree, as in ReferenceData/holidays).
/// <para>An import <b>replaces</b> that year: the file is the complete list for the year, so a day a later
/// decree moved or dropped disappears, and importing the same file twice changes nothing. One-off days added
/// by hand for that year are replaced too (the format cannot tell them apart); the page says so. A file with
/// any bad line imports nothing. Running clocks keep their due dates.</para>
/// </summary>
public sealed partial class ImportHolidays(ComplaintsDbContext db, CalendarCache calendars, TimeProvider clock, ILogger<ImportHolidays> logger)
{
    public const int MaxBytes = 256 * 1024;

    /// <param name="Size">The file's length as uploaded; <paramref name="Content"/> may be left empty when it is
    /// over <see cref="MaxBytes"/>, so a caller need not read a file that will be refused.</param>
    public sealed record Input(int? Year, string? FileName, long Size, byte[] Content);

    /// <summary>A refused file. <paramref name="Line"/> is 0 for the file as a whole; <paramref name="Detail"/>
    /// is the reader's own description of a line it could not read.</summary>
    public sealed record Problem(int Line, string Code, object[] Arguments, string? Detail = null);

    /// <param name="Allowed">False when the actor is not the Administrator.</param>
    public sealed record Result(bool Allowed, IReadOnlyList<Problem> Problems, int Added = 0, int Updated = 0, int Removed = 0, int Total = 0);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.Administrator)
        {
            return new(false, []);
        }

        if (input.Year is not (>= 2000 and <= 2100))
        {
            return Refused(new Problem(0, "settings.import.yearInvalid", []));
        }

        var year = input.Year.Value;
        if (input.Size == 0)
        {
            return Refused(new Problem(0, "settings.import.fileRequired", []));
        }

        if (!string.Equals(Path.GetExtension(input.FileName), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            return Refused(new Problem(0, "settings.import.notCsv", []));
        }

        if (input.Size > MaxBytes || input.Content.Length > MaxBytes)
        {
            return Refused(new Problem(0, "settings.import.tooLarge", [MaxBytes / 1024]));
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(input.Content);
        }
        catch (DecoderFallbackException)
        {
            return Refused(new Problem(0, "settings.import.notText", []));
        }

        IReadOnlyList<HolidayRow> rows;
        try
        {
            rows = HolidayCsv.Parse(new StringReader(text));
        }
        catch (FormatException e)
        {
            // The reader stops at the first line it cannot read and names it in its message.
            var line = LinePrefix().Match(e.Message) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return Refused(new Problem(line, "settings.import.unreadable", [], LinePrefix().Replace(e.Message, "")));
        }

        var problems = new List<Problem>();
        var lines = DataLineNumbers(text);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.Date.Year != year)
            {
                problems.Add(new(lines[i], "settings.import.otherYear", [row.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), year]));
            }

            if (row.Name.Length > AddHoliday.MaxNameLength)
            {
                problems.Add(new(lines[i], "settings.holiday.nameTooLong", [AddHoliday.MaxNameLength]));
            }
        }

        if (rows.Count == 0)
        {
            problems.Add(new(0, "settings.import.noRows", []));
        }

        if (problems.Count > 0)
        {
            return Refused([.. problems]);
        }

        // The shipped format lists a day twice when a holiday and collective leave fall together: the first
        // line wins, as when the shipped calendar is seeded.
        var wanted = rows.DistinctBy(r => r.Date).ToDictionary(r => r.Date);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var existing = await db.Holidays.Where(h => h.Date >= first && h.Date <= last).ToListAsync(ct);
        int added = 0, updated = 0, removed = 0;
        foreach (var holiday in existing)
        {
            if (!wanted.Remove(holiday.Date, out var row))
            {
                db.Holidays.Remove(holiday);
                removed++;
            }
            else if (holiday.Name != row.Name || holiday.Type != row.Type)
            {
                holiday.Name = row.Name;
                holiday.Type = row.Type;
                updated++;
            }
        }

        foreach (var row in wanted.Values)
        {
            db.Holidays.Add(new Holiday { Date = row.Date, Name = row.Name, Type = row.Type });
            added++;
        }

        var total = existing.Count - removed + added;
        db.AuditEntries.Add(AuditEntry.Record(actor.UserId, "calendar", "import " + year.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{existing.Count} days"),
            string.Create(CultureInfo.InvariantCulture, $"{total} days ({added} added, {updated} changed, {removed} removed)"),
            clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(ct);
        calendars.Invalidate();
        logger.LogInformation("Holidays {Year} imported by {AdminId}: {Added} added, {Updated} changed, {Removed} removed",
            year, actor.UserId, added, updated, removed);
        return new(true, [], added, updated, removed, total);
    }

    private static Result Refused(params Problem[] problems) => new(true, problems);

    /// <summary>The line number of each row <see cref="HolidayCsv.Parse"/> returns: it skips the header and
    /// empty lines, and so does this.</summary>
    private static List<int> DataLineNumbers(string text)
    {
        var numbers = new List<int>();
        using var reader = new StringReader(text);
        reader.ReadLine();
        var number = 1;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length > 0)
            {
                numbers.Add(number);
            }
        }

        return numbers;
    }

    [GeneratedRegex(@"^Line (\d+):\s*")]
    private static partial Regex LinePrefix();
}
