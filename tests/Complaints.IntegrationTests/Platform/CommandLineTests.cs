using System.Diagnostics;
using Complaints.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Complaints.IntegrationTests.Platform;

/// <summary>The operator verbs, run as a real process the way an operator runs them.</summary>
public sealed class CommandLineTests
{
    [Fact]
    public async Task Import_registry_adds_new_lenders_and_updates_known_ones_from_the_shipped_csv_format()
    {
        var data = Directory.CreateTempSubdirectory("complaints-cli-").FullName;
        try
        {
            var csv = Path.Combine(data, "lenders.csv");
            await File.WriteAllTextAsync(csv,
                "no,nama_perusahaan,nama_platform,nomor_izin,tanggal_izin_raw,tanggal_izin,jenis_usaha,website,os\n" +
                "1,PT Pasar Dana Pinjaman,Danamas Baru,KEP-49/D.05/2017,06 Juli 2017,2017-07-06,Konvensional,https://p2p.danamas.co.id/,Android\n" +
                "2,\"PT Uji Coba Pendanaan, Tbk\",UjiDana,KEP-999/D.05/2026,01 Juli 2026,2026-07-01,Syariah,https://ujidana.example/,Android\n");

            var (exit, output) = await RunAsync(data, "import-registry", csv);

            Assert.Equal(0, exit);
            Assert.True(output.Contains("institutions +1 ~1", StringComparison.Ordinal), output);
            await using var db = new ComplaintsDbContext(new DbContextOptionsBuilder<ComplaintsDbContext>()
                .UseComplaintsDatabase(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = Path.Combine(data, "complaints.db") }.ToString())
                .Options);
            Assert.Equal(95, await db.Institutions.CountAsync());
            var added = await db.Institutions.SingleAsync(i => i.LicenseNumber == "KEP-999/D.05/2026");
            Assert.Equal("PT Uji Coba Pendanaan, Tbk", added.LegalName);
            Assert.True(added.IsSharia);
            Assert.Equal("Danamas Baru", (await db.Institutions.SingleAsync(i => i.LicenseNumber == "KEP-49/D.05/2017")).BrandNames);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Import_registry_refuses_a_file_of_another_format_with_a_clear_message()
    {
        var data = Directory.CreateTempSubdirectory("complaints-cli-").FullName;
        try
        {
            var file = Path.Combine(data, "other.csv");
            await File.WriteAllTextAsync(file, "name,amount\nfoo,1\n");

            var (exit, output) = await RunAsync(data, "import-registry", file);

            Assert.Equal(2, exit);
            Assert.Contains("nama_perusahaan", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string dataPath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Complaints.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Storage__DataPath"] = dataPath;
        start.Environment["Database__Provider"] = "Sqlite";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
