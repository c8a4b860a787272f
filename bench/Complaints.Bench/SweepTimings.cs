using Complaints.Core.Features.Notifications;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Administration;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Deadlines;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Complaints.Bench;

/// <summary>
/// Times the deadline jobs through the real use cases (<see cref="SweepDeadlines"/>, <see cref="SendDeadlineReminders"/>)
/// on a generated database: the sweep with nothing due, the reminder scan with nothing new, and sweeps that move
/// K due cases (then the same run again). The clock is a <see cref="TimeProvider"/> set to a chosen instant, so
/// "K due" is exact to the due day. Moving cases and recording reminders changes data, so everything runs on a
/// copy (a file copy on SQLite, <c>CREATE DATABASE … TEMPLATE</c> on PostgreSQL) that is dropped at the end.
/// </summary>
public sealed class SweepTimings(DatabaseProvider provider, string connection, IReadOnlyList<int> moves, TextWriter log)
{
    private static readonly CaseState[] OpenStates = CaseLifecycle.States.Where(s => !s.IsTerminal).Select(s => s.State).ToArray();
    private static readonly CaseState[] MovableStates = SweepDeadlines.Moves.Select(m => m.State).ToArray();

    private readonly CommandCapture _capture = new();

    // The app's outbox interceptor, so each move also plans and writes its notifications as in production.
    private readonly OutboxInterceptor _outbox = NewOutbox();

    // Singletons in the app, so shared across runs here; their cache age runs on the real clock, as in the app.
    private readonly CalendarCache _calendars = new(TimeProvider.System);
    private readonly DeadlinePolicies _policies = new(Options.Create(DeadlinePolicy.Default), TimeProvider.System, NullLogger<DeadlinePolicies>.Instance);

    /// <summary>`sweep … [--moves 1000,10000]`.</summary>
    public static SweepTimings FromArgs(DatabaseProvider provider, string connection, string[] args, TextWriter log)
    {
        var i = Array.IndexOf(args, "--moves");
        var moves = i >= 0 && i + 1 < args.Length
            ? args[i + 1].Split(',').Select(m => int.Parse(m, CultureInfo.InvariantCulture)).ToArray()
            : [1_000, 10_000];
        return new SweepTimings(provider, connection, moves, log);
    }

    public async Task RunAsync()
    {
        await using (var db = NewContext(connection))
        {
            await Complaints.Web.Setup.DatabaseSetup.MigrateAsync(db);
            if (db.Database.IsSqlite())
            {
                // What the app runs at start-up: planner statistics (copied with the file).
                await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;");
            }
        }

        var watch = Stopwatch.StartNew();
        var copy = await CopyAsync();
        log.WriteLine($"{provider}, {Environment.ProcessorCount} cores. Working on a copy ({Describe(copy)}, made in {watch.Elapsed.TotalSeconds:N0} s): the runs below change the copy, never the source; the copy is dropped at the end.");
        try
        {
            await CountAsync(copy);
            await SteadyAsync(copy);
            foreach (var k in moves)
            {
                await MoveAsync(copy, k);
            }

            await ExplainAsync(copy);
        }
        finally
        {
            await DropAsync(copy);
        }
    }

    private ComplaintsDbContext NewContext(string cs) => new(new DbContextOptionsBuilder<ComplaintsDbContext>()
        .UseComplaintsDatabase(provider, cs)
        .AddInterceptors(_capture, _outbox)
        .Options);

    private static OutboxInterceptor NewOutbox()
    {
        var strings = new Complaints.Web.Localization.JsonStringLocalizerFactory();
        var planner = new NotificationPlanner(new NotificationTemplates(strings), strings,
            Options.Create(new NotificationOptions()), NullLogger<NotificationPlanner>.Instance);
        return new OutboxInterceptor(planner, TimeProvider.System);
    }

    private SweepDeadlines Sweep(ComplaintsDbContext db, DateTime nowUtc) =>
        new(db, _calendars, _policies, new FixedClock(nowUtc), NullLogger<SweepDeadlines>.Instance);

    private SendDeadlineReminders Reminders(ComplaintsDbContext db, DateTime nowUtc) =>
        new(db, _calendars, new FixedClock(nowUtc), NullLogger<SendDeadlineReminders>.Instance);

    /// <summary>Cases the sweep would move once their clock passes: its states, and institutions not yet untimely.</summary>
    private static IQueryable<Case> Movable(ComplaintsDbContext db) =>
        db.Cases.AsNoTracking().Where(c => c.Deadline!.DueAtUtc != null && MovableStates.Contains(c.State)
            && (c.State != CaseState.WithInstitution || !c.IsUntimely));

    private async Task CountAsync(string cs)
    {
        await using var db = NewContext(cs);
        var now = DateTime.UtcNow;
        var cases = await db.Cases.CountAsync();
        var open = await db.Cases.CountAsync(c => OpenStates.Contains(c.State));
        var running = await db.Cases.CountAsync(c => c.Deadline!.DueAtUtc != null);
        var movable = await Movable(db).CountAsync();
        var overdue = await Movable(db).CountAsync(c => c.Deadline!.DueAtUtc <= now);
        log.WriteLine($"{cases:N0} cases, {open:N0} open; {running:N0} running clocks; "
            + $"{movable:N0} running clocks with an automatic move, {overdue:N0} of them already past due now "
            + "(the generator never runs the sweep: a first sweep at today's date would move them all)");
    }

    /// <summary>
    /// The sweep with nothing due: the clock set just before the earliest movable due date, which reads the same
    /// empty index ranges as a sweep after every overdue case has moved. Then the reminder scan at today's date:
    /// a first run records the window's reminders, the repeats find nothing new (the steady state).
    /// </summary>
    private async Task SteadyAsync(string cs)
    {
        DateTime earliest;
        await using (var db = NewContext(cs))
        {
            earliest = (await Movable(db).MinAsync(c => c.Deadline!.DueAtUtc))!.Value;
        }

        var quiet = Utc(earliest).AddSeconds(-1);
        _capture.Phase = "sweep";
        var (sweepMedian, sweepMin, sweepMax, moved) = await MedianAsync(cs, db => Sweep(db, quiet).HandleAsync(new SweepDeadlines.Input()), r => r.Total);
        log.WriteLine($"sweep, nothing due (clock {quiet:yyyy-MM-dd HH:mm} UTC): median {sweepMedian:N1} ms (min {sweepMin:N1}, max {sweepMax:N1}), {moved} moved");
        _capture.Phase = null;

        var now = DateTime.UtcNow;
        int window;
        await using (var db = NewContext(cs))
        {
            // The scan's own window: due after now and by the end of the second working day from today.
            var calendar = await _calendars.GetAsync(db);
            var until = WorkingDayCalendar.EndOfJakartaDayUtc(calendar.AddWorkingDays(WorkingDayCalendar.JakartaDate(now), SendDeadlineReminders.WorkingDaysBefore));
            window = await db.Cases.CountAsync(c => c.Deadline!.DueAtUtc > now && c.Deadline!.DueAtUtc <= until);
        }

        _capture.Phase = "reminders";
        var watch = Stopwatch.StartNew();
        SendDeadlineReminders.Result first;
        await using (var db = NewContext(cs))
        {
            first = await Reminders(db, now).HandleAsync(new SendDeadlineReminders.Input());
        }

        log.WriteLine($"reminder scan, first run at {now:yyyy-MM-dd HH:mm} UTC: {watch.Elapsed.TotalMilliseconds:N1} ms, recorded {first.Total:N0} reminders ({window:N0} running clocks due within its window)");
        var (remMedian, remMin, remMax, recorded) = await MedianAsync(cs, db => Reminders(db, now).HandleAsync(new SendDeadlineReminders.Input()), r => r.Total);
        log.WriteLine($"reminder scan, nothing new: median {remMedian:N1} ms (min {remMin:N1}, max {remMax:N1}), {recorded} recorded");
        _capture.Phase = null;
    }

    /// <summary>
    /// Sets the clock to the due instant of the K-th movable case (due dates are ends of Jakarta days, so cases
    /// due the same day come along and the count is reported exactly), sweeps, then sweeps again at the same
    /// instant: the repeat must move nothing.
    /// </summary>
    private async Task MoveAsync(string cs, int k)
    {
        DateTime at;
        int due;
        await using (var db = NewContext(cs))
        {
            var kth = await Movable(db).OrderBy(c => c.Deadline!.DueAtUtc).Select(c => c.Deadline!.DueAtUtc).Skip(k - 1).FirstOrDefaultAsync();
            if (kth is null)
            {
                log.WriteLine($"sweep moving {k:N0}: fewer movable cases left, skipped");
                return;
            }

            at = kth.Value;
            due = await Movable(db).CountAsync(c => c.Deadline!.DueAtUtc <= at);
        }

        _capture.Phase = "sweep";
        var clock = Utc(at);
        var watch = Stopwatch.StartNew();
        SweepDeadlines.Result result;
        await using (var db = NewContext(cs))
        {
            result = await Sweep(db, clock).HandleAsync(new SweepDeadlines.Input());
        }

        var total = watch.Elapsed;
        var perTrigger = string.Join(", ", result.Fired.Where(f => f.Value > 0).Select(f => $"{f.Key} {f.Value:N0}"));
        log.WriteLine($"sweep at {clock:yyyy-MM-dd HH:mm} UTC, {due:N0} due: moved {result.Total:N0} ({perTrigger}; {result.Skipped:N0} skipped) in {total.TotalSeconds:N1} s = {total.TotalMilliseconds / Math.Max(1, result.Total):N2} ms per case");

        watch.Restart();
        await using (var db = NewContext(cs))
        {
            result = await Sweep(db, clock).HandleAsync(new SweepDeadlines.Input());
        }

        log.WriteLine($"  same sweep again: {watch.Elapsed.TotalMilliseconds:N1} ms, moved {result.Total:N0}, skipped {result.Skipped:N0}");
        _capture.Phase = null;
    }

    /// <summary>EXPLAIN of each distinct statement the runs above sent that filters on the due date, with the values sent.</summary>
    private async Task ExplainAsync(string cs)
    {
        await using var db = NewContext(cs);
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        foreach (var statement in _capture.Statements)
        {
            log.WriteLine($"plan, {statement.Phase}: {OneLine(statement.Sql)}");
            await using var command = connection.CreateCommand();
            command.CommandText = (provider == DatabaseProvider.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + statement.Sql;
            command.Parameters.AddRange(statement.Parameters.ToArray());

            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                // SQLite: id, parent, notused, detail; PostgreSQL: one text column.
                log.WriteLine("    " + reader.GetString(reader.FieldCount - 1));
            }
        }
    }

    private async Task<(double Median, double Min, double Max, int LastCount)> MedianAsync<T>(string cs, Func<ComplaintsDbContext, Task<T>> run, Func<T, int> count)
    {
        async Task<(double, int)> Once()
        {
            await using var db = NewContext(cs);
            var watch = Stopwatch.StartNew();
            var result = await run(db);
            return (watch.Elapsed.TotalMilliseconds, count(result));
        }

        await Once();
        var samples = new List<double>();
        var last = 0;
        for (var i = 0; i < 5; i++)
        {
            (var ms, last) = await Once();
            samples.Add(ms);
        }

        samples.Sort();
        return (samples[2], samples[0], samples[4], last);
    }

    private async Task<string> CopyAsync()
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var source = new SqliteConnectionStringBuilder(connection);
            SqliteConnection.ClearAllPools();
            await using (var checkpoint = new SqliteConnection(source.ConnectionString))
            {
                await checkpoint.OpenAsync();
                await using var command = checkpoint.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                await command.ExecuteNonQueryAsync();
            }

            SqliteConnection.ClearAllPools();
            var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source.DataSource))!, Path.GetFileNameWithoutExtension(source.DataSource) + ".sweep-copy.db");
            DeleteSqlite(target);
            File.Copy(source.DataSource, target);
            return new SqliteConnectionStringBuilder(connection) { DataSource = target }.ConnectionString;
        }

        var pg = new NpgsqlConnectionStringBuilder(connection);
        var copyName = pg.Database + "_sweep_copy";
        NpgsqlConnection.ClearAllPools();
        await using (var admin = new NpgsqlConnection(AdminConnection()))
        {
            await admin.OpenAsync();
            // FILE_COPY (PostgreSQL 15+) copies the files after a checkpoint instead of writing every page to the WAL.
            var strategy = admin.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : "";
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{copyName}\"");
            await ExecuteAsync(admin, $"CREATE DATABASE \"{copyName}\" TEMPLATE \"{pg.Database}\"{strategy}");
        }

        return new NpgsqlConnectionStringBuilder(connection) { Database = copyName }.ConnectionString;
    }

    private async Task DropAsync(string copy)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            DeleteSqlite(new SqliteConnectionStringBuilder(copy).DataSource);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnection());
        await admin.OpenAsync();
        await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(copy).Database}\"");
    }

    private string AdminConnection() => new NpgsqlConnectionStringBuilder(connection) { Database = "postgres", Pooling = false }.ConnectionString;

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync();
    }

    private static void DeleteSqlite(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }
    }

    private string Describe(string copy) => provider == DatabaseProvider.Sqlite
        ? new SqliteConnectionStringBuilder(copy).DataSource
        : "database " + new NpgsqlConnectionStringBuilder(copy).Database;

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static string OneLine(string sql) => string.Join(' ', sql.Split((char[])['\r', '\n', ' '], StringSplitOptions.RemoveEmptyEntries));

    private sealed class FixedClock(DateTime nowUtc) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc));
    }

    private sealed record Statement(string Phase, string Sql, IReadOnlyList<DbParameter> Parameters);

    /// <summary>Keeps the first copy of each distinct query that filters on the due date, for EXPLAIN afterwards.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        private readonly Dictionary<string, Statement> _seen = new(StringComparer.Ordinal);

        public string? Phase { get; set; }

        public IEnumerable<Statement> Statements => _seen.Values;

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Record(command);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return ValueTask.FromResult(result);
        }

        private void Record(DbCommand command)
        {
            var sql = command.CommandText;
            var where = sql.IndexOf("WHERE", StringComparison.Ordinal);
            if (Phase is null || where < 0 || !sql.StartsWith("SELECT", StringComparison.Ordinal)
                || !sql.Contains("Deadline_DueAtUtc", StringComparison.Ordinal) || sql.IndexOf("Deadline_DueAtUtc", where, StringComparison.Ordinal) < 0
                || _seen.ContainsKey(sql))
            {
                return;
            }

            var parameters = command.Parameters.Cast<DbParameter>().Select(Detached).ToList();
            _seen[sql] = new Statement(Phase, sql, parameters);
        }

        // A parameter belongs to one command; the copy keeps the provider type (timestamptz for UTC instants on PostgreSQL).
        private static DbParameter Detached(DbParameter parameter) => parameter switch
        {
            NpgsqlParameter npgsql => npgsql.Clone(),
            SqliteParameter sqlite => new SqliteParameter(sqlite.ParameterName, sqlite.Value) { SqliteType = sqlite.SqliteType },
            _ => throw new NotSupportedException(parameter.GetType().Name),
        };
    }
}
