using System.Globalization;
using Complaints.Bench;
using Complaints.Core.Data;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

// bench/Complaints.Bench: generate realistic data, then time the queries lists and jobs run.
//   generate --provider Sqlite|PostgreSql --connection "<cs>" --cases 1000000
//   generate-chats --provider Sqlite|PostgreSql --connection "<cs>" --cases 500000   (WhatsApp conversations, after generate)
//   measure  --provider Sqlite|PostgreSql --connection "<cs>"
//   dashboards --provider Sqlite|PostgreSql --connection "<cs>" [--only <text>]   (the dashboards, per section; --only: sections whose name contains the text)
//   documents [--provider Sqlite|PostgreSql --connection "<cs>"]   (default: a SQLite file of its own)
//   webhook  [--messages N]   (the WhatsApp webhook and inbox on a SQLite app of its own)
//   public-stats --provider Sqlite|PostgreSql --connection "<cs>"   (the public statistics' periods)
//   sweep    --provider Sqlite|PostgreSql --connection "<cs>" [--moves 1000,10000]
//   early-warning --provider Sqlite|PostgreSql --connection "<cs>"   (the weekly job on the data's last full week; rolled back)
var options = BenchOptions.Parse(args);
ComplaintsDbContext NewContext() => new(new DbContextOptionsBuilder<ComplaintsDbContext>()
    .UseComplaintsDatabase(options.Provider, options.Connection)
    .Options);

switch (options.Command)
{
    case "generate":
        await using (var db = NewContext())
        {
            await Complaints.Web.Setup.DatabaseSetup.MigrateAsync(db);
            var registry = new RegistryCache();
            await new ReferenceDataSeeder(db, new ImportRegistry(db, registry, NullLogger<ImportRegistry>.Instance), new CalendarCache(TimeProvider.System), NullLogger<ReferenceDataSeeder>.Instance).SeedAsync();
        }

        await new CaseGenerator(NewContext).GenerateAsync(options.Cases, options.Batch, Console.Out);
        break;
    case "generate-chats":
        await using (var db = NewContext())
        {
            await Complaints.Web.Setup.DatabaseSetup.MigrateAsync(db);
        }

        await new ChatGenerator(NewContext).GenerateAsync(options.Cases, options.Batch, Console.Out);
        break;
    case "measure":
        await using (var db = NewContext())
        {
            // What the app runs at start-up: the migrations and, on SQLite, planner statistics.
            await Complaints.Web.Setup.DatabaseSetup.MigrateAsync(db);
        }

        await new QueryTimings(NewContext, Console.Out).RunAsync();
        break;
    case "public-stats":
        await new PublicStatisticsTimings(NewContext, Console.Out).RunAsync();
        break;
    case "dashboards":
        await new DashboardTimings(NewContext, Console.Out, args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault()).RunAsync();
        break;
    case "webhook":
        await new WebhookTimings(Console.Out, args.SkipWhile(a => a != "--messages").Skip(1).Select(int.Parse).FirstOrDefault(1_000)).RunAsync();
        break;
    case "early-warning":
        await new EarlyWarningTimings(NewContext, Console.Out).RunAsync();
        break;
    case "sweep":
        await SweepTimings.FromArgs(options.Provider, options.Connection, args, Console.Out).RunAsync();
        break;
    case "documents":
        // Without --connection: a fresh SQLite file of its own, deleted afterwards.
        var ownDatabase = !args.Contains("--connection");
        var documentsDb = ownDatabase ? Path.Combine(Path.GetTempPath(), $"complaints-bench-documents-{Guid.NewGuid():N}.db") : null;
        options = ownDatabase ? options with { Provider = DatabaseProvider.Sqlite, Connection = $"Data Source={documentsDb}" } : options;
        await using (var db = NewContext())
        {
            await Complaints.Web.Setup.DatabaseSetup.MigrateAsync(db);
        }

        await new DocumentTimings(NewContext, Console.Out).RunAsync();
        if (documentsDb is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { documentsDb, documentsDb + "-wal", documentsDb + "-shm" })
            {
                File.Delete(file);
            }
        }

        break;
    default:
        Console.Error.WriteLine("usage: generate|measure --provider Sqlite|PostgreSql --connection <cs> [--cases N] [--batch N]");
        return 2;
}

return 0;

internal sealed record BenchOptions(string Command, DatabaseProvider Provider, string Connection, int Cases, int Batch)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
        }

        return new(
            args.FirstOrDefault() ?? "",
            Enum.Parse<DatabaseProvider>(Value("--provider", "Sqlite")),
            Value("--connection", "Data Source=bench.db"),
            int.Parse(Value("--cases", "100000"), CultureInfo.InvariantCulture),
            int.Parse(Value("--batch", "5000"), CultureInfo.InvariantCulture));
    }
}
