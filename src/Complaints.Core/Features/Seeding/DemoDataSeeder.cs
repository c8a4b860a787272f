using System.Globalization;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Features.Calendar;
using Complaints.Core.Features.Administration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.Seeding;

/// <summary>
/// Development-only demo data: two fictional institutions and cases in several states, each trackable with
/// the PIN <see cref="DemoPin"/> (listed in the README). Every case is built through the lifecycle, so the
/// demo history is real history.
/// </summary>
public sealed class DemoDataSeeder(ComplaintsDbContext db, CalendarCache calendars, DeadlinePolicies policies, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    public const string DemoPin = "123456";
    public const string BankLicence = "DEMO-BANK-001";
    public const string InsurerLicence = "DEMO-INS-002";

    /// <summary>Demo tracking numbers, in the order of <see cref="Scenarios"/>.</summary>
    public static string DemoTrackingNumber(int n) => TrackingNumber.FromData(string.Create(CultureInfo.InvariantCulture, $"DEM0{n:0000000}"));

    private sealed record Scenario(CaseKind Kind, ComplaintType? Type, bool AtBank, int DaysAgo, string Description, long? Loss, Trigger[] Path);

    private static readonly Scenario[] Scenarios =
    [
        new(CaseKind.Question, null, true, 0,
            "Apakah bank boleh menaikkan biaya administrasi tabungan tanpa pemberitahuan terlebih dahulu kepada nasabah?", null, []),
        new(CaseKind.Complaint, ComplaintType.Dispute, true, 6,
            "Saldo tabungan saya berkurang Rp2.500.000 karena transaksi kartu debit yang tidak pernah saya lakukan. Bank belum mengembalikan dana.",
            2_500_000, [Trigger.StartScreening, Trigger.ForwardToInstitution]),
        new(CaseKind.Complaint, ComplaintType.Dispute, false, 20,
            "Klaim asuransi kendaraan saya ditolak dengan alasan yang tidak tercantum dalam polis. Kerugian perbaikan mobil Rp18.000.000.",
            18_000_000, [Trigger.StartScreening, Trigger.ForwardToInstitution, Trigger.Respond]),
        new(CaseKind.Complaint, ComplaintType.Dispute, true, 40,
            "Bunga kredit tanpa agunan saya dinaikkan sepihak di tengah tenor. Saya meminta pengembalian kelebihan bayar Rp7.250.000.",
            7_250_000, [Trigger.StartScreening, Trigger.ForwardToInstitution, Trigger.Respond, Trigger.Reject, Trigger.StartEligibilityReview]),
        new(CaseKind.Complaint, ComplaintType.Dispute, true, 30,
            "Biaya provisi dipotong dua kali saat pencairan kredit. Bank sudah mengakui kesalahan dan mengembalikan dana.",
            1_500_000, [Trigger.StartScreening, Trigger.ForwardToInstitution, Trigger.Respond, Trigger.Accept]),
        new(CaseKind.Information, null, false, 10,
            "Saya menerima tawaran investasi dengan imbal hasil 10% per bulan atas nama perusahaan yang mengaku berizin OJK.", null,
            [Trigger.StartScreening, Trigger.AnswerQuestion]),
    ];

    public async Task SeedAsync(CancellationToken ct = default)
    {
        if (await db.Institutions.AnyAsync(i => i.LicenseNumber == BankLicence, ct))
        {
            return;
        }

        var bank = new Institution
        {
            LegalName = "PT Bank Contoh Sejahtera Tbk",
            BrandNames = "Bank Contoh;Contoh Mobile",
            LicenseNumber = BankLicence,
            Sector = Sector.Banking,
            Status = InstitutionStatus.Licensed,
            LicensedOn = new DateOnly(1998, 3, 2),
        };
        var insurer = new Institution
        {
            LegalName = "PT Asuransi Umum Teladan",
            BrandNames = "Teladan Insurance",
            LicenseNumber = InsurerLicence,
            Sector = Sector.GeneralInsurance,
            Status = InstitutionStatus.Licensed,
            LicensedOn = new DateOnly(2005, 8, 17),
        };
        db.Institutions.AddRange(bank, insurer);
        await db.SaveChangesAsync(ct);

        var calendar = await calendars.GetAsync(db, ct);
        var policy = await policies.GetAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < Scenarios.Length; i++)
        {
            var s = Scenarios[i];
            var institution = s.Kind == CaseKind.Question || s.AtBank ? bank : insurer;
            var consumer = new Consumer
            {
                Name = $"Konsumen Demo {i + 1}",
                Email = $"demo{i + 1}@example.org",
                WhatsApp = $"62812000000{i + 1}",
                CreatedAtUtc = now.AddDays(-s.DaysAgo),
                ConsentGivenAtUtc = now.AddDays(-s.DaysAgo),
            };
            var at = now.AddDays(-s.DaysAgo);
            var details = new Case.Details(s.Kind, Channel.Web, institution, null, institution.Sector, null, s.Kind == CaseKind.Complaint ? "other" : null,
                s.Description, s.Loss, s.Loss is null ? null : "Pengembalian dana", null, null, null);
            var @case = Case.Submit(details, consumer, DemoTrackingNumber(i + 1), CasePin.Hash(DemoPin),
                new TransitionContext(Actor.ForConsumer(consumer.Id), at, calendar, policy));
            @case.Classify(s.Kind, s.Type, institution.Sector, null, @case.IssueCategory);
            foreach (var trigger in s.Path)
            {
                at = at.AddDays(1);
                var actor = trigger switch
                {
                    Trigger.Respond => new Actor(ActorRole.InstitutionOfficer, "demo-officer", InstitutionId: institution.Id),
                    Trigger.Accept or Trigger.Reject => Actor.ForConsumer(consumer.Id),
                    Trigger.StartEligibilityReview => new Actor(ActorRole.Specialist, "demo-specialist"),
                    _ => new Actor(ActorRole.Agent, "demo-agent"),
                };
                var note = trigger switch
                {
                    Trigger.Respond => "Kami telah meninjau pengaduan Anda sesuai ketentuan polis dan perjanjian.",
                    Trigger.Reject => "Jawaban tidak menyelesaikan masalah saya.",
                    Trigger.AnswerQuestion => "Terima kasih. Entitas tersebut tidak berizin; laporan Anda diteruskan ke Satgas PASTI.",
                    _ => null,
                };
                @case.Fire(trigger, new TransitionContext(actor, at, calendar, policy), note);
            }

            db.Cases.Add(@case);
        }

        await db.SaveChangesAsync(ct);
        logger.LogInformation("Seeded {Count} demo cases (PIN {Pin})", Scenarios.Length, DemoPin);
    }
}
