using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Documents;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Complaints.Bench;

/// <summary>
/// Times each PDF document built directly through <see cref="DocumentQueries"/> (the read and the layout, no
/// HTTP): the receipt, a case file with 40 events, meeting minutes that run over pages, a deed of agreement and
/// an institution's monthly report over about 500 cases. Arranges its own institution and cases through the
/// aggregate (so histories and clocks are real), warms each document once, then reports the median and p95 of
/// <c>runs</c> builds, each on a fresh context, in Indonesian with the app's own string tables.
/// </summary>
public sealed class DocumentTimings(Func<ComplaintsDbContext> newContext, TextWriter log, int runs = 20, int monthlyCases = 500)
{
    private const string BaseUrl = "https://pengaduan.example.go.id";
    private static readonly Actor Agent = new(ActorRole.Agent, "bench-agent");
    private static readonly Actor Specialist = new(ActorRole.Specialist, "bench-specialist");

    public async Task RunAsync()
    {
        DocumentSetup.EnsureInitialized();
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("id-ID");
        var strings = BenchStrings.Load("id");
        var codes = new VerifyDocument(DataProtectionProvider.Create("Complaints.Bench"));
        DocumentQueries Documents(ComplaintsDbContext db) => new(db, codes, TimeProvider.System);

        var watch = Stopwatch.StartNew();
        var arranged = await ArrangeAsync();
        log.WriteLine(string.Create(CultureInfo.InvariantCulture, $"arranged 1 institution, {monthlyCases + 2:N0} cases in {watch.Elapsed.TotalSeconds:N1} s (font: {DocumentSetup.FontSource})"));

        await TimeAsync("receipt", db => Documents(db).ReceiptAsync(arranged.LongCaseId, strings, BaseUrl));
        await TimeAsync("case file, 40 events (regulator)", db => Documents(db).CaseFileAsync(Specialist, arranged.LongCase, strings, BaseUrl));
        await TimeAsync("minutes, ~9,000 characters", db => Documents(db).MinutesAsync(Specialist, arranged.AgreedCase, arranged.MeetingId, strings, BaseUrl));
        await TimeAsync("deed of agreement", db => Documents(db).DeedAsync(Specialist, arranged.AgreedCase, strings, BaseUrl));
        await TimeAsync($"monthly report, {monthlyCases} cases (regulator)", db => Documents(db).MonthlyReportAsync(Specialist, arranged.InstitutionId, arranged.Month, strings, BaseUrl));
        // The read alone, to tell the query from the layout.
        await TimeAsync($"  of which the read of {monthlyCases} cases", async db => (await Documents(db).MonthlyReportDataAsync(Specialist, arranged.InstitutionId, arranged.Month))?.Rows.Count);
    }

    private sealed record Arranged(int InstitutionId, DateOnly Month, Guid LongCaseId, string LongCase, string AgreedCase, Guid MeetingId);

    private async Task<Arranged> ArrangeAsync()
    {
        var random = new Random(157);
        await using var db = newContext();
        var calendar = new WorkingDayCalendar(await db.Holidays.Select(h => h.Date).ToListAsync());
        var policy = DeadlinePolicy.Default;
        var institution = new Institution
        {
            LegalName = "PT Bank Bench Dokumen " + Guid.NewGuid().ToString("N")[..6],
            Sector = Sector.Banking,
            Status = InstitutionStatus.Licensed,
        };
        db.Institutions.Add(institution);
        await db.SaveChangesAsync();

        // The last whole month (Jakarta): its cases have answered, missed or still run their deadlines.
        var today = WorkingDayCalendar.JakartaDate(DateTime.UtcNow);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthStartUtc = WorkingDayCalendar.EndOfJakartaDayUtc(month.AddDays(-1));
        var monthMinutes = (int)(WorkingDayCalendar.EndOfJakartaDayUtc(month.AddMonths(1).AddDays(-1)) - monthStartUtc).TotalMinutes;
        TransitionContext At(Actor actor, DateTime at) => new(actor, at, calendar, policy);
        Case NewCase(DateTime at, int n)
        {
            var consumer = new Consumer
            {
                Name = $"Konsumen Dokumen {n}",
                Email = $"dokumen{n}-{Guid.NewGuid():N}@example.org",
                CreatedAtUtc = at,
                ConsentGivenAtUtc = at,
            };
            var details = new Case.Details(CaseKind.Complaint, Channel.Web, institution, null, Sector.Banking, "savings", "unauthorized-transaction",
                "Saldo tabungan saya berkurang karena transaksi yang tidak pernah saya lakukan. " + string.Concat(Enumerable.Repeat("Saya sudah menghubungi kantor cabang dan layanan pelanggan. ", 6)),
                random.Next(1, 500) * 100_000L, "Dana dikembalikan", null, null, null);
            var @case = Case.Submit(details, consumer, TrackingNumber.New(), "bench", At(Actor.ForConsumer(consumer.Id), at));
            @case.Classify(CaseKind.Complaint, ComplaintType.Dispute, Sector.Banking, "savings", "unauthorized-transaction");
            return @case;
        }

        for (var n = 0; n < monthlyCases; n++)
        {
            // Submitted up to two days before forwarding, forwarded within the month.
            var forwarded = monthStartUtc.AddMinutes(random.Next(monthMinutes));
            var @case = NewCase(forwarded.AddMinutes(-random.Next(60, 2 * 24 * 60)), n);
            @case.Fire(Trigger.StartScreening, At(Agent, forwarded.AddMinutes(-30)));
            @case.ForwardTo(institution, At(Agent, forwarded), null);
            var officer = new Actor(ActorRole.InstitutionOfficer, "bench-officer", InstitutionId: institution.Id);
            var answerAt = forwarded.AddHours(random.Next(4, 24 * 20));
            if (random.Next(10) < 6 && answerAt < DateTime.UtcNow)
            {
                @case.Respond((ResponseOutcome)random.Next(3), random.Next(1, 50) * 100_000L, At(officer, answerAt), "Jawaban PUJK atas pengaduan.");
            }

            db.Cases.Add(@case);
        }

        // 40 events: the submission, screening, then 19 rounds of documents asked and supplied.
        var start = DateTime.UtcNow.AddDays(-60);
        var longCase = NewCase(start, monthlyCases);
        longCase.Fire(Trigger.StartScreening, At(Agent, start.AddHours(1)));
        for (var i = 0; i < 19; i++)
        {
            var at = start.AddHours(2 + (i * 48));
            longCase.Fire(Trigger.RequestDocuments, At(Agent, at), $"Mohon unggah bukti transaksi ke-{i + 1} beserta mutasi rekening bulan terkait.");
            longCase.Fire(Trigger.SupplyDocuments, At(Actor.ForConsumer(longCase.ConsumerId), at.AddHours(20)), "Dokumen sudah saya unggah.");
        }

        db.Cases.Add(longCase);

        // Answered, rejected, reviewed, met on and agreed, with long minutes of the meeting.
        var agreed = NewCase(start, monthlyCases + 1);
        agreed.Fire(Trigger.StartScreening, At(Agent, start.AddHours(1)));
        agreed.ForwardTo(institution, At(Agent, start.AddHours(2)), null);
        agreed.Respond(ResponseOutcome.Explanation, null, At(new Actor(ActorRole.InstitutionOfficer, "bench-officer", InstitutionId: institution.Id), start.AddDays(3)), "Transaksi sah menurut catatan kami.");
        agreed.Fire(Trigger.Reject, At(Actor.ForConsumer(agreed.ConsumerId), start.AddDays(4)), "Saya tidak pernah melakukan transaksi itu.");
        agreed.Fire(Trigger.StartEligibilityReview, At(Specialist, start.AddDays(5)));
        agreed.Fire(Trigger.ScheduleClarificationMeeting, At(Specialist, start.AddDays(6)));
        agreed.RecordAgreement("Bank mengembalikan dana konsumen sebesar nilai transaksi dalam 14 hari kerja dan menghapus biaya yang timbul.", 2_500_000, At(Specialist, start.AddDays(12)), null);
        db.Cases.Add(agreed);
        var meeting = new CaseMeeting
        {
            CaseId = agreed.Id,
            Kind = MeetingKind.Clarification,
            ScheduledAtUtc = start.AddDays(10),
            Location = "Ruang Fasilitasi Lantai 3, Jakarta",
            VideoLink = "https://meet.example.org/klarifikasi",
            Participants = "Konsumen; petugas pengaduan bank; fasilitator",
            Minutes = string.Join("\n", Enumerable.Range(1, 60).Select(i =>
                $"Butir {i}: para pihak membahas mutasi rekening, kronologi transaksi dan usulan penyelesaian; fasilitator mencatat tanggapan masing-masing pihak.")),
            CreatedAtUtc = start.AddDays(7),
            CreatedById = Specialist.UserId,
        };
        db.CaseMeetings.Add(meeting);
        await db.SaveChangesAsync();
        return new(institution.Id, month, longCase.Id, longCase.TrackingNumber, agreed.TrackingNumber, meeting.Id);
    }

    private Task TimeAsync(string name, Func<ComplaintsDbContext, Task<DocumentFile?>> build) =>
        TimeAsync(name, async db => (await build(db))?.Content.Length, size => string.Create(CultureInfo.InvariantCulture, $"; {size / 1024.0:N0} KB"));

    private async Task TimeAsync(string name, Func<ComplaintsDbContext, Task<int?>> build, Func<int, string>? describe = null)
    {
        async Task<(double Ms, int Size)> Once()
        {
            await using var db = newContext();
            var watch = Stopwatch.StartNew();
            var size = await build(db) ?? throw new InvalidOperationException($"{name}: nothing built");
            return (watch.Elapsed.TotalMilliseconds, size);
        }

        var (_, size) = await Once();
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            samples.Add((await Once()).Ms);
        }

        samples.Sort();
        var median = samples.Count % 2 == 1 ? samples[samples.Count / 2] : (samples[(samples.Count / 2) - 1] + samples[samples.Count / 2]) / 2;
        // Nearest rank: the 19th of 20.
        var p95 = samples[(int)Math.Ceiling(0.95 * samples.Count) - 1];
        log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{name}: median {median:N1} ms, p95 {p95:N1} ms (min {samples[0]:N1}, max {samples[^1]:N1}; {runs} runs{describe?.Invoke(size)})"));
    }

    /// <summary>The app's string tables (src/Complaints.Web/Resources/{language}.json and *.{language}.json), read
    /// from the repository so the documents carry their real text.</summary>
    private sealed class BenchStrings(Dictionary<string, string> strings) : IStringLocalizer
    {
        public LocalizedString this[string name] =>
            strings.TryGetValue(name, out var value) ? new(name, value) : new(name, name, resourceNotFound: true);

        public LocalizedString this[string name, params object[] arguments] =>
            new(name, string.Format(CultureInfo.CurrentCulture, this[name].Value, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => strings.Select(kv => new LocalizedString(kv.Key, kv.Value));

        public static BenchStrings Load(string language)
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Complaints.sln")))
            {
                dir = dir.Parent;
            }

            var resources = Path.Combine(dir?.FullName ?? throw new InvalidOperationException("Complaints.sln not found above the bench."), "src", "Complaints.Web", "Resources");
            var strings = new Dictionary<string, string>();
            foreach (var file in Directory.EnumerateFiles(resources, "*.json").Where(f => Path.GetFileName(f) == $"{language}.json" || f.EndsWith($".{language}.json", StringComparison.Ordinal)))
            {
                foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!)
                {
                    strings[key] = value;
                }
            }

            return new(strings);
        }
    }
}
