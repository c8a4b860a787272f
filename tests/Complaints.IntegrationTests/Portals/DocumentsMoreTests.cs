using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Deadlines;
using Complaints.Core.Features.Regulator;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Complaints.IntegrationTests.Infrastructure.TestCases;
using static Complaints.IntegrationTests.Portals.InstitutionTestCases;

namespace Complaints.IntegrationTests.Portals;

/// <summary>The minutes of a meeting, the deed of agreement, the consumer's case file and the institution's monthly
/// report through the real app: what each PDF says (pdftotext), who gets it and who gets a 404, and the public
/// check of each document's verification code.</summary>
public sealed partial class DocumentsMoreTests(SharedApps apps)
{
    private static readonly Actor Specialist = new(ActorRole.Specialist, "test-specialist");
    private const string Terms = "PT Bank Uji mengembalikan dana konsumen dalam 14 hari kerja dan menghapus denda keterlambatan.";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Long_facilitation_minutes_span_pages_and_reach_both_parties_and_the_regulator_but_no_outsider(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var other = await NewInstitutionAsync(app);
        var filed = await InFacilitationAsync(app, institution);
        var minutes = string.Join("\n", Enumerable.Range(1, 60).Select(i =>
            $"Butir {i}: para pihak membahas mutasi rekening, kronologi transaksi dan usulan penyelesaian; fasilitator mencatat tanggapan masing-masing pihak.")) + "\nAKHIR NOTULEN";
        var meetingId = await MeetingWithMinutesAsync(app, filed.Number, minutes);
        var legalName = await LegalNameAsync(app, institution);

        var regulator = await app.As(ActorRole.Specialist).GetAsync($"/regulator/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf");
        var officer = await app.As(ActorRole.InstitutionOfficer, institutionId: institution).GetAsync($"/institution/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf");
        var consumer = await app.As(ActorRole.Consumer, consumerId: filed.ConsumerId).GetAsync($"/my/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf");
        var tracking = await Forms.PostAsync(app.CreateClient(), "/track", $"/track/meetings/{meetingId}/minutes", [new("TrackingNumber", filed.Number), new("Pin", filed.Pin)]);

        foreach (var response in new[] { regulator, officer, consumer, tracking })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        }

        var text = await PdfText.ExtractAsync(await officer.Content.ReadAsByteArrayAsync());
        Assert.Contains("Notulen Fasilitasi", text, StringComparison.Ordinal);
        Assert.Contains(filed.Number, text, StringComparison.Ordinal);
        Assert.Contains(ConsumerName, text, StringComparison.Ordinal);
        Assert.Contains(legalName, text, StringComparison.Ordinal);
        Assert.Contains("Sesi fasilitasi", text, StringComparison.Ordinal);
        Assert.Contains("WIB", text, StringComparison.Ordinal);
        Assert.Contains("Ruang Fasilitasi Lantai 3", text, StringComparison.Ordinal);
        Assert.Contains("Fasilitator: Dewi", text, StringComparison.Ordinal);
        Assert.Contains("Butir 1:", text, StringComparison.Ordinal);
        Assert.Contains("AKHIR NOTULEN", text, StringComparison.Ordinal);
        Assert.True(PageCount(text) >= 2, "the long minutes fit on one page");
        Assert.Contains("lembaga jasa keuangan", text, StringComparison.Ordinal);

        var noRedirect = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        var foreignOfficer = await app.As(ActorRole.InstitutionOfficer, institutionId: other).GetAsync($"/institution/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf");
        var foreignConsumer = await app.As(ActorRole.Consumer, consumerId: Guid.NewGuid()).GetAsync($"/my/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf");
        var wrongPin = await Forms.PostAsync(app.CreateClient(), "/track", $"/track/meetings/{meetingId}/minutes", [new("TrackingNumber", filed.Number), new("Pin", WrongPin(filed.Pin))]);
        var anonymous = await app.CreateClient(noRedirect).GetAsync($"/my/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf");
        Assert.Equal(HttpStatusCode.NotFound, foreignOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignConsumer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrongPin.StatusCode);
        AssertSignInRedirect(anonymous);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Each_party_finds_the_minutes_link_on_its_own_case_page(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await InFacilitationAsync(app, institution);
        var meetingId = await MeetingWithMinutesAsync(app, filed.Number, "Para pihak sepakat bertemu lagi minggu depan.");

        var regulatorPage = await app.As(ActorRole.Specialist).GetStringAsync($"/regulator/cases/{filed.Number}");
        var officerPage = await app.As(ActorRole.InstitutionOfficer, institutionId: institution).GetStringAsync($"/institution/cases/{filed.Number}");
        var consumerPage = await app.As(ActorRole.Consumer, consumerId: filed.ConsumerId).GetStringAsync($"/my/cases/{filed.Number}");
        var tracking = await (await Forms.PostAsync(app.CreateClient(), "/track", "/track", [new("TrackingNumber", filed.Number), new("Pin", filed.Pin)])).Content.ReadAsStringAsync();

        Assert.Contains($"/regulator/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf", regulatorPage, StringComparison.Ordinal);
        Assert.Contains($"/institution/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf", officerPage, StringComparison.Ordinal);
        Assert.Contains($"/my/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf", consumerPage, StringComparison.Ordinal);
        Assert.Contains($"/my/cases/{filed.Number}/file.pdf", consumerPage, StringComparison.Ordinal);
        Assert.Contains($"action=\"/track/meetings/{meetingId}/minutes\"", tracking, StringComparison.Ordinal);
        Assert.Contains("action=\"/track/file\"", tracking, StringComparison.Ordinal);
        Assert.DoesNotContain("/deed.pdf", consumerPage + officerPage + regulatorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("/track/deed", tracking, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_deed_of_agreement_shows_the_parties_terms_amount_date_and_signature_blocks_to_the_three_audiences(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var other = await NewInstitutionAsync(app);
        var filed = await AgreedAsync(app, institution);
        var legalName = await LegalNameAsync(app, institution);
        var recordedAt = await app.WithDbAsync(d => d.CaseEvents.Where(e => e.CaseId == filed.CaseId && e.Trigger == Trigger.RecordAgreement).Select(e => e.OccurredAtUtc).SingleAsync());
        var recordedOn = TimeZoneInfo.ConvertTimeFromUtc(recordedAt, WorkingDayCalendar.Jakarta).ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("id-ID"));

        var regulator = await app.As(ActorRole.Specialist).GetAsync($"/regulator/cases/{filed.Number}/deed.pdf");
        var officer = await app.As(ActorRole.InstitutionOfficer, institutionId: institution).GetAsync($"/institution/cases/{filed.Number}/deed.pdf");
        var consumer = await app.As(ActorRole.Consumer, consumerId: filed.ConsumerId).GetAsync($"/my/cases/{filed.Number}/deed.pdf");
        var tracking = await Forms.PostAsync(app.CreateClient(), "/track", "/track/deed", [new("TrackingNumber", filed.Number), new("Pin", filed.Pin)]);

        foreach (var response in new[] { regulator, officer, consumer, tracking })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        }

        var text = await PdfText.ExtractAsync(await consumer.Content.ReadAsByteArrayAsync());
        Assert.Contains("Akta Kesepakatan", text, StringComparison.Ordinal);
        Assert.Contains(filed.Number, text, StringComparison.Ordinal);
        Assert.Contains(ConsumerName, text, StringComparison.Ordinal);
        Assert.Contains(legalName, text, StringComparison.Ordinal);
        Assert.Contains("mengembalikan dana konsumen dalam 14 hari kerja", Unwrapped(text), StringComparison.Ordinal);
        Assert.Contains("Rp1.250.000", text, StringComparison.Ordinal);
        Assert.Contains(recordedOn, text, StringComparison.Ordinal);
        Assert.Contains("Tanda tangan", text, StringComparison.Ordinal);
        Assert.Contains("Fasilitator", text, StringComparison.Ordinal);
        Assert.Contains("____________________", text, StringComparison.Ordinal);
        Assert.Contains("Disusun untuk: konsumen", text, StringComparison.Ordinal);

        var foreignOfficer = await app.As(ActorRole.InstitutionOfficer, institutionId: other).GetAsync($"/institution/cases/{filed.Number}/deed.pdf");
        var foreignConsumer = await app.As(ActorRole.Consumer, consumerId: Guid.NewGuid()).GetAsync($"/my/cases/{filed.Number}/deed.pdf");
        var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/institution/cases/{filed.Number}/deed.pdf");
        Assert.Equal(HttpStatusCode.NotFound, foreignOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, foreignConsumer.StatusCode);
        AssertSignInRedirect(anonymous);

        var pages = new[]
        {
            await app.As(ActorRole.Specialist).GetStringAsync($"/regulator/cases/{filed.Number}"),
            await app.As(ActorRole.InstitutionOfficer, institutionId: institution).GetStringAsync($"/institution/cases/{filed.Number}"),
            await app.As(ActorRole.Consumer, consumerId: filed.ConsumerId).GetStringAsync($"/my/cases/{filed.Number}"),
        };
        Assert.All(pages, page => Assert.Contains($"/cases/{filed.Number}/deed.pdf", page, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task There_is_no_deed_without_an_agreement_and_no_minutes_before_they_are_written(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await InFacilitationAsync(app, institution);
        var meetingId = await ScheduleAsync(app, filed.Number);

        var deeds = new[]
        {
            await app.As(ActorRole.Specialist).GetAsync($"/regulator/cases/{filed.Number}/deed.pdf"),
            await app.As(ActorRole.InstitutionOfficer, institutionId: institution).GetAsync($"/institution/cases/{filed.Number}/deed.pdf"),
            await app.As(ActorRole.Consumer, consumerId: filed.ConsumerId).GetAsync($"/my/cases/{filed.Number}/deed.pdf"),
            await Forms.PostAsync(app.CreateClient(), "/track", "/track/deed", [new("TrackingNumber", filed.Number), new("Pin", filed.Pin)]),
        };
        var minutes = await app.As(ActorRole.Specialist).GetAsync($"/regulator/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf");
        var otherCase = await ForwardedDisputeAsync(app, institution);
        var meetingOfAnotherCase = await app.As(ActorRole.Specialist).GetAsync($"/regulator/cases/{otherCase.Number}/meetings/{meetingId}/minutes.pdf");

        Assert.All(deeds, response => Assert.Equal(HttpStatusCode.NotFound, response.StatusCode));
        Assert.Equal(HttpStatusCode.NotFound, minutes.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, meetingOfAnotherCase.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_consumer_gets_the_own_case_file_signed_in_or_with_number_and_pin_and_nobody_else_does(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await ForwardedDisputeAsync(app, institution);

        var signedIn = await app.As(ActorRole.Consumer, consumerId: filed.ConsumerId).GetAsync($"/my/cases/{filed.Number}/file.pdf");
        var tracking = await Forms.PostAsync(app.CreateClient(), "/track", "/track/file", [new("TrackingNumber", filed.Number), new("Pin", filed.Pin)]);
        var wrongPin = await Forms.PostAsync(app.CreateClient(), "/track", "/track/file", [new("TrackingNumber", filed.Number), new("Pin", WrongPin(filed.Pin))]);
        var foreign = await app.As(ActorRole.Consumer, consumerId: Guid.NewGuid()).GetAsync($"/my/cases/{filed.Number}/file.pdf");
        var anonymous = await app.CreateClient(new() { AllowAutoRedirect = false }).GetAsync($"/my/cases/{filed.Number}/file.pdf");

        foreach (var response in new[] { signedIn, tracking })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
            var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains("Berkas Kasus", text, StringComparison.Ordinal);
            Assert.Contains("Disusun untuk: konsumen", text, StringComparison.Ordinal);
            Assert.Contains(filed.Number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(filed.Pin, text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, wrongPin.StatusCode);
        Assert.NotEqual("application/pdf", wrongPin.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        AssertSignInRedirect(anonymous);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_verification_page_accepts_the_codes_of_minutes_deeds_and_consumer_case_files(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var filed = await InFacilitationAsync(app, institution);
        var meetingId = await MeetingWithMinutesAsync(app, filed.Number, "Kesepakatan dicapai pada pertemuan ini.");
        await RecordAgreementAsync(app, filed.Number);
        var officer = app.As(ActorRole.InstitutionOfficer, institutionId: institution);
        var consumer = app.As(ActorRole.Consumer, consumerId: filed.ConsumerId);

        var minutes = await VerifyAsync(app, await officer.GetByteArrayAsync($"/institution/cases/{filed.Number}/meetings/{meetingId}/minutes.pdf"));
        var deed = await VerifyAsync(app, await consumer.GetByteArrayAsync($"/my/cases/{filed.Number}/deed.pdf"));
        var caseFile = await VerifyAsync(app, await consumer.GetByteArrayAsync($"/my/cases/{filed.Number}/file.pdf"));

        Assert.Contains($"Sah: notulen kasus {filed.Number}", minutes, StringComparison.Ordinal);
        Assert.Contains("untuk lembaga jasa keuangan", minutes, StringComparison.Ordinal);
        Assert.Contains($"Sah: akta kesepakatan kasus {filed.Number}", deed, StringComparison.Ordinal);
        Assert.Contains("untuk konsumen", deed, StringComparison.Ordinal);
        Assert.Contains($"Sah: berkas kasus kasus {filed.Number}", caseFile, StringComparison.Ordinal);
        Assert.All(new[] { minutes, deed, caseFile }, page => Assert.DoesNotContain(ConsumerName, page, StringComparison.Ordinal));
    }

    /// <summary>March 2026 with the clock under the test's control: two cases forwarded on 2 March (one answered at
    /// once with monetary relief, one left until its deadline (end of 16 March) passed and the sweep marked it
    /// untimely), one forwarded on 17 March and still within its deadline (8 April, after Idul Fitri); one forwarded in February and one to another
    /// institution, neither of which belongs in the report.</summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_monthly_report_counts_the_months_cases_by_timeliness_and_outcome_for_the_institution_and_the_regulator(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(new DateTime(2026, 2, 20, 3, 0, 0, DateTimeKind.Utc));
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var institution = await NewInstitutionAsync(app);
        var other = await NewInstitutionAsync(app);
        var legalName = await LegalNameAsync(app, institution);
        var officerActor = new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institution);

        var february = await ForwardedDisputeAsync(app, institution);
        clock.UtcNow = new DateTime(2026, 3, 2, 3, 0, 0, DateTimeKind.Utc);
        var onTime = await ForwardedDisputeAsync(app, institution);
        await ActAsync(app, onTime.Number, Trigger.Respond, officerActor, note: "Dana dikembalikan.", outcome: ResponseOutcome.MonetaryRelief, amount: 1_500_000);
        var late = await ForwardedDisputeAsync(app, institution);
        var elsewhere = await ForwardedDisputeAsync(app, other);
        // 10 working days from Monday 2 March end with Monday 16 March; Tuesday 17 March, 10:00 in Jakarta.
        clock.UtcNow = new DateTime(2026, 3, 17, 3, 0, 0, DateTimeKind.Utc);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SweepDeadlines>().HandleAsync(new());
        }

        var open = await ForwardedDisputeAsync(app, institution);
        Assert.True(await app.WithDbAsync(d => d.Cases.Where(c => c.TrackingNumber == late.Number).Select(c => c.IsUntimely).SingleAsync()));

        var officer = app.As(ActorRole.InstitutionOfficer, institutionId: institution);
        var own = await officer.GetAsync("/institution/reports/monthly.pdf?month=2026-03");
        var admin = await app.As(ActorRole.InstitutionAdmin, institutionId: institution).GetAsync("/institution/reports/monthly.pdf?month=2026-03");
        var regulator = await app.As(ActorRole.Specialist).GetAsync($"/regulator/reports/monthly.pdf?institutionId={institution}&month=2026-03");

        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, regulator.StatusCode);
        foreach (var response in new[] { own, regulator })
        {
            var text = await PdfLayoutText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
            Assert.Contains("Laporan Bulanan Pengaduan", text, StringComparison.Ordinal);
            Assert.Contains(legalName, text, StringComparison.Ordinal);
            Assert.Contains("Maret 2026", text, StringComparison.Ordinal);
            Assert.Matches(Row("Jumlah kasus", "3"), text);
            Assert.Matches(Row("Ditanggapi tepat waktu", "1"), text);
            Assert.Matches(Row("Terlambat", "1"), text);
            Assert.Matches(Row("Belum ditanggapi, masih dalam batas waktu", "1"), text);
            Assert.Matches(Row("Selesai tanpa tanggapan lembaga", "0"), text);
            Assert.Matches(Row("Ganti rugi uang", "1"), text);
            Assert.Matches(Row("Penjelasan", "0"), text);
            Assert.Matches(Row("Total ganti rugi uang", @"Rp1\.500\.000"), text);
            Assert.Matches($@"{late.Number}.*\bya\b", text);
            Assert.Matches($@"{onTime.Number}.*\btidak\b", text);
            Assert.Contains(open.Number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(february.Number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(elsewhere.Number, text, StringComparison.Ordinal);
            Assert.DoesNotContain(ConsumerName, text, StringComparison.Ordinal);
        }

        var verified = await VerifyAsync(app, await (await app.As(ActorRole.Specialist).GetAsync($"/regulator/reports/monthly.pdf?institutionId={institution}&month=2026-03")).Content.ReadAsByteArrayAsync());
        Assert.Contains($"Sah: laporan bulanan {legalName} untuk bulan Maret 2026", verified, StringComparison.Ordinal);
        Assert.Contains("untuk regulator", verified, StringComparison.Ordinal);

        var foreign = await app.As(ActorRole.InstitutionOfficer, institutionId: other).GetAsync($"/institution/reports/monthly.pdf?month=2026-03&institutionId={institution}");
        var foreignOwn = await app.As(ActorRole.InstitutionOfficer, institutionId: other).GetAsync("/institution/reports/monthly.pdf?month=2026-03");
        var unknown = await app.As(ActorRole.Specialist).GetAsync("/regulator/reports/monthly.pdf?institutionId=999999&month=2026-03");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var foreignText = await PdfLayoutText.ExtractAsync(await foreignOwn.Content.ReadAsByteArrayAsync());
        Assert.DoesNotContain(onTime.Number, foreignText, StringComparison.Ordinal);
        Assert.Contains(elsewhere.Number, foreignText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_invalid_or_future_month_gets_a_clear_message_on_the_report_page(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var officer = app.As(ActorRole.InstitutionOfficer, institutionId: institution);
        var nextYear = DateTime.UtcNow.Year + 1;

        var picker = await officer.GetStringAsync("/institution/reports/monthly");
        var responses = new[]
        {
            await officer.GetAsync("/institution/reports/monthly.pdf?month=2026-13"),
            await officer.GetAsync("/institution/reports/monthly.pdf?month=maret"),
            await officer.GetAsync($"/institution/reports/monthly.pdf?month={nextYear}-01"),
            await app.As(ActorRole.Specialist).GetAsync($"/regulator/reports/monthly.pdf?institutionId={institution}&month=2026-3"),
        };

        var regulatorPicker = WebUtility.HtmlDecode(await app.As(ActorRole.Specialist).GetStringAsync("/regulator/reports/monthly"));
        Assert.Contains("href=\"/institution/reports/monthly\"", picker, StringComparison.Ordinal);
        Assert.Contains("type=\"month\"", picker, StringComparison.Ordinal);
        Assert.Contains($"<option value=\"{institution}\">{await LegalNameAsync(app, institution)}</option>", regulatorPicker, StringComparison.Ordinal);
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Masukkan bulan dengan format tttt-bb", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    /// <summary>A forwarded dispute answered, rejected, reviewed, met on, proposed for facilitation and signed by
    /// the consumer: in Facilitation, where a meeting is a facilitation session.</summary>
    private static async Task<FiledCase> InFacilitationAsync(ComplaintsApp app, int institution)
    {
        var filed = await EscalatedDisputeAsync(app, institution);
        await ActAsync(app, filed.Number, Trigger.ScheduleClarificationMeeting, Specialist);
        await ActAsync(app, filed.Number, Trigger.ProposeFacilitation, Specialist);
        await AsConsumerAsync(app, filed.Number, Trigger.SignFacilitationAgreement, null);
        return filed;
    }

    /// <summary>An escalated dispute closed with an agreement recorded by the specialist at the clarification meeting.</summary>
    private static async Task<FiledCase> AgreedAsync(ComplaintsApp app, int institution)
    {
        var filed = await EscalatedDisputeAsync(app, institution);
        await ActAsync(app, filed.Number, Trigger.ScheduleClarificationMeeting, Specialist);
        await RecordAgreementAsync(app, filed.Number);
        return filed;
    }

    /// <summary>The specialist records the agreement through the use case behind the portal's form.</summary>
    private static async Task RecordAgreementAsync(ComplaintsApp app, string number)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<PerformCaseAction>().HandleAsync(new PerformCaseAction.Input
        {
            TrackingNumber = number,
            Trigger = Trigger.RecordAgreement,
            Terms = Terms,
            Amount = 1_250_000,
        }, Specialist);
        Assert.Equal(PerformCaseAction.Outcome.Done, result.Outcome);
    }

    private static async Task<Guid> ScheduleAsync(ComplaintsApp app, string number)
    {
        using var scope = app.Services.CreateScope();
        var startsAt = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow.AddDays(3), WorkingDayCalendar.Jakarta);
        var scheduled = await scope.ServiceProvider.GetRequiredService<ScheduleMeeting>().HandleAsync(new ScheduleMeeting.Input
        {
            TrackingNumber = number,
            StartsAtWib = new DateTime(startsAt.Year, startsAt.Month, startsAt.Day, 10, 0, 0),
            Location = "Ruang Fasilitasi Lantai 3, Jakarta",
            VideoLink = "https://meet.example.org/fasilitasi",
            Participants = "Konsumen; petugas pengaduan lembaga; Fasilitator: Dewi",
        }, Specialist);
        Assert.Equal(CaseChange.Outcome.Done, scheduled.Result);
        var db = scope.ServiceProvider.GetRequiredService<ComplaintsDbContext>();
        return await db.CaseMeetings.Where(m => db.Cases.Any(c => c.Id == m.CaseId && c.TrackingNumber == number))
            .OrderByDescending(m => m.CreatedAtUtc).Select(m => m.Id).FirstAsync();
    }

    private static async Task<Guid> MeetingWithMinutesAsync(ComplaintsApp app, string number, string minutes)
    {
        var meetingId = await ScheduleAsync(app, number);
        using var scope = app.Services.CreateScope();
        var recorded = await scope.ServiceProvider.GetRequiredService<RecordMinutes>().HandleAsync(
            new RecordMinutes.Input { TrackingNumber = number, MeetingId = meetingId, Minutes = minutes }, Specialist);
        Assert.Equal(CaseChange.Outcome.Done, recorded.Result);
        return meetingId;
    }

    private static Task<string> LegalNameAsync(ComplaintsApp app, int institution) =>
        app.WithDbAsync(d => d.Institutions.Where(i => i.Id == institution).Select(i => i.LegalName).SingleAsync());

    /// <summary>The public verification page for the code printed on the document.</summary>
    private static async Task<string> VerifyAsync(ComplaintsApp app, byte[] pdf)
    {
        var (_, token) = PdfText.VerificationCode(await PdfText.ExtractAsync(pdf));
        return WebUtility.HtmlDecode(await app.CreateClient().GetStringAsync("/documents/verify?code=" + Uri.EscapeDataString(token)));
    }

    /// <summary>A line of -layout text holding just the label and the value.</summary>
    private static string Row(string label, string value) => $@"(?m)^\s*{Regex.Escape(label)}\s+{value}\s*$";

    private static string WrongPin(string pin) => pin == "000000" ? "111111" : "000000";

    private static int PageCount(string text) =>
        PageLabel().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>The text with line breaks made spaces, for phrases the layout may wrap.</summary>
    private static string Unwrapped(string text) => Regex.Replace(text, @"\s+", " ");

    private static void AssertSignInRedirect(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/signin", response.Headers.Location?.OriginalString ?? "", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Halaman 1 dari (\d+)")]
    private static partial Regex PageLabel();
}

/// <summary>pdftotext with -layout: table rows stay on one line, so a label and its count can be read together.</summary>
public static class PdfLayoutText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"complaints-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            return text;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
