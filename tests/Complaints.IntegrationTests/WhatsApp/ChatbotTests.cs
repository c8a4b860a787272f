using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Institutions;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.Notifications;
using Complaints.Core.Features.Registry;
using Complaints.Core.Features.WhatsApp;
using Complaints.Core.Features.WhatsApp.Chatbot;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Complaints.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.WhatsApp;

/// <summary>
/// The chatbot as a consumer meets it: each test sends InboundMessage records to <see cref="HandleInboundMessage"/>
/// (the webhook path has its own tests) and reads what the bot said from the outbox rows' WhatsApp payloads and
/// the transcript. Each test has its own app and clock, on the real migrations with the shipped registry.
/// </summary>
public sealed class ChatbotTests(ITestOutputHelper output)
{
    /// <summary>Tuesday 12 May 2026, 09:00 in Jakarta: a working day, inside agent hours.</summary>
    private static readonly DateTime WeekdayMorning = new(2026, 5, 12, 2, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_new_consumer_is_greeted_in_Indonesian_with_the_five_services_and_gets_the_menu_again_for_anything_unknown(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var chat = new Chat(app, "6281200000001");

        var greeting = Assert.Single(await chat.SayAsync("halo min"));
        Assert.Equal("list", greeting.Type);
        Assert.StartsWith("Halo Siti! Selamat datang", greeting.Text);
        Assert.Equal(["menu_legality", "menu_track", "menu_file", "menu_faq", "menu_agent"], greeting.Ids);
        Assert.Equal(["Cek legalitas", "Lacak pengaduan", "Buat pengaduan", "Tanya jawab", "Hubungi petugas"], greeting.Titles);

        var again = Assert.Single(await chat.SayAsync("qwerty"));
        Assert.Equal(greeting.Ids, again.Ids);
        Assert.StartsWith("Apa yang bisa kami bantu?", again.Text);

        var conversation = await chat.ConversationAsync();
        Assert.Equal(("id", ConversationState.Bot, "menu"), (conversation.Culture, conversation.State, conversation.BotStep));
        var transcript = await chat.TranscriptAsync();
        Assert.Equal(["consumer", "bot", "consumer", "bot"], transcript.Select(m => m.Author));
        Assert.Equal("halo min", transcript[0].Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_consumer_who_writes_English_is_answered_in_English_and_can_switch_back_to_Indonesian(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var chat = new Chat(app, "6281200000002");

        var greeting = Assert.Single(await chat.SayAsync("Hello, I want to check a company please"));
        Assert.StartsWith("Hello Siti! Welcome", greeting.Text);
        Assert.Equal(["Check legality", "Track a complaint", "File a complaint", "Ask a question", "Talk to an agent"], greeting.Titles);

        var ask = Assert.Single(await chat.TapAsync("menu_legality"));
        Assert.StartsWith("Type the name of the company", ask.Text);
        var answer = Assert.Single(await chat.SayAsync("Tiapan Buah"));
        Assert.Contains("is on the illegal entities list", answer.Text);

        var bahasa = Assert.Single(await chat.SayAsync("bahasa"));
        Assert.StartsWith("Apa yang bisa kami bantu?", bahasa.Text);
        Assert.Equal("id", (await chat.ConversationAsync()).Culture);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_legality_check_tells_licensed_from_illegal_never_calls_an_unknown_name_safe_and_lists_names_that_are_too_close_to_tell(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var chat = new Chat(app, "6281200000003");
        await chat.SayAsync("halo");
        await chat.TapAsync("menu_legality");

        var kreditPintar = await app.WithDbAsync(d => d.Institutions.AsNoTracking().SingleAsync(i => i.LegalName == "PT Kredit Pintar Indonesia"));
        var licensed = Assert.Single(await chat.SayAsync("kredit pintar"));
        Assert.Contains("*PT Kredit Pintar Indonesia* berizin dan diawasi OJK", licensed.Text);
        Assert.Contains($"Nomor izin: {kreditPintar.LicenseNumber}", licensed.Text);
        Assert.Contains("Sektor: Pinjaman daring (fintech lending)", licensed.Text);
        Assert.Contains("aplikasi tiruan", licensed.Text); // the illegal list holds clones of this name
        Assert.Equal(["menu_file", "menu"], licensed.Ids);

        var illegal = Assert.Single(await chat.SayAsync("Tiapan Buah"));
        Assert.Contains("*Taipan Buah* ada dalam daftar entitas ilegal", illegal.Text);
        Assert.Contains("Jangan membayar", illegal.Text);
        Assert.Contains("Jangan memberikan data pribadi", illegal.Text);
        Assert.Equal(["menu_file", "menu"], illegal.Ids);
        Assert.Equal("Laporkan", illegal.Titles[0]);

        var unknown = Assert.Single(await chat.SayAsync("xqzvw blorft"));
        Assert.Contains("tidak kami temukan", unknown.Text);
        Assert.Contains("*Ini tidak berarti aman.*", unknown.Text);
        Assert.DoesNotContain("berizin dan diawasi", unknown.Text);
        Assert.Equal(["menu_file", "menu"], unknown.Ids);

        // A misspelling as close to a licensed name as to an illegal one: the consumer picks.
        var (institutionId, entityId) = await app.WithDbAsync(async d =>
        {
            var institution = new Institution { LegalName = "PT Sinar Harapan Finansial Uji", LicenseNumber = "KEP-77/D.05/2026", Sector = Sector.Financing, Status = InstitutionStatus.Licensed };
            var entity = new IllegalEntity { Name = "Sinar Harapin Finansial Uji", EntityType = "Fintech Ilegal" };
            d.Institutions.Add(institution);
            d.IllegalEntities.Add(entity);
            await d.SaveChangesAsync();
            return (institution.Id, entity.Id);
        });
        app.Services.GetRequiredService<RegistryCache>().Invalidate();

        var list = Assert.Single(await chat.SayAsync("sinar harapon finansial uji"));
        Assert.Equal("list", list.Type);
        Assert.Equal($"leg_i_{institutionId}", list.Ids[0]);
        Assert.Contains($"leg_x_{entityId}", list.Ids);
        Assert.Contains("Berizin OJK · Perusahaan pembiayaan", list.Text);
        Assert.Contains("Daftar ilegal · Fintech Ilegal", list.Text);

        var picked = Assert.Single(await chat.TapAsync($"leg_x_{entityId}"));
        Assert.Contains("*Sinar Harapin Finansial Uji* ada dalam daftar entitas ilegal", picked.Text);
    }

    /// <summary>The issue's measure: 30 names from the shipped registry and the task force's list (15 + 15, the
    /// registry index's own typo set), each misspelt, typed one after another into one conversation.</summary>
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Thirty_misspelt_names_from_the_registry_and_the_illegal_list_each_get_the_answer_about_the_right_entity(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var chat = new Chat(app, "6281200000004");
        await chat.SayAsync("halo");
        await chat.TapAsync("menu_legality");
        await chat.SayAsync("Danamas"); // warms the registry index, as the first check after start-up does

        var institutions = await app.WithDbAsync(d => d.Institutions.AsNoTracking().ToListAsync());
        var times = new List<double>();
        var wrong = new List<string>();
        foreach (var (query, expected, kind) in MisspeltRegistryNames.All)
        {
            var watch = Stopwatch.StartNew();
            var said = await chat.SayAsync(query);
            times.Add(watch.Elapsed.TotalMilliseconds);
            var answer = Assert.Single(said);
            var named = Bold(answer.Text);
            var right = kind == RegistryEntryKind.Institution
                ? answer.Text.Contains("berizin dan diawasi OJK", StringComparison.Ordinal)
                    && institutions.Any(i => i.LegalName == named && i.AllNames().Any(n => NameNormalizer.Compact(n) == NameNormalizer.Compact(expected)))
                : answer.Text.Contains("daftar entitas ilegal", StringComparison.Ordinal)
                    && NameNormalizer.Compact(named ?? "") == NameNormalizer.Compact(expected);
            if (!right)
            {
                wrong.Add($"{query} → {answer.Type}: {answer.Text.Split('\n')[0]}");
            }
        }

        times.Sort();
        var p95 = times[(int)Math.Ceiling(0.95 * times.Count) - 1];
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{db}: legality accuracy {MisspeltRegistryNames.All.Count - wrong.Count}/{MisspeltRegistryNames.All.Count}; HandleAsync p50 {times[times.Count / 2]:F1} ms, p95 {p95:F1} ms, max {times[^1]:F1} ms"));
        foreach (var miss in wrong)
        {
            output.WriteLine("missed: " + miss);
        }

        Assert.Empty(wrong);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Tracking_with_the_right_pin_shows_the_step_deadline_and_next_action_a_wrong_pin_says_not_found_and_five_failures_lock_the_number(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, pin) = await FileOnTheWebAsync(app, institution);
        await TestCases.ForwardAsync(app, number, institution);
        var chat = new Chat(app, "6281200000005");
        await chat.SayAsync("halo");

        Assert.StartsWith("Ketik nomor pengaduan", Assert.Single(await chat.TapAsync("menu_track")).Text);
        Assert.Contains("Nomor itu tidak sesuai format", Assert.Single(await chat.SayAsync("12345")).Text);
        Assert.Contains($"PIN 6 angka untuk pengaduan {number}", Assert.Single(await chat.SayAsync(number.ToLowerInvariant())).Text);
        var found = Assert.Single(await chat.SayAsync(pin));
        Assert.Contains($"Pengaduan *{number}*", found.Text);
        Assert.Contains("Status: Ditangani PUJK", found.Text);
        Assert.Contains("(tahap 3 dari", found.Text);
        Assert.Contains("hari kerja lagi", found.Text);
        Assert.Contains("Langkah berikutnya: ", found.Text);
        Assert.DoesNotContain(pin, found.Text);
        var transcript = await chat.TranscriptAsync();
        Assert.Contains(transcript, m => m.Author == "consumer" && m.Text == "••••••");
        Assert.DoesNotContain(transcript, m => m.Text is { } t && t.Contains(pin, StringComparison.Ordinal));

        var wrongPin = pin == "000000" ? "111111" : "000000";
        await chat.TapAsync("menu_track");
        for (var i = 0; i < 5; i++)
        {
            await chat.SayAsync(number);
            Assert.Equal("Nomor pengaduan atau PIN tidak cocok. Ketik nomor pengaduan lagi untuk mencoba kembali.", Assert.Single(await chat.SayAsync(wrongPin)).Text);
        }

        await chat.SayAsync(number);
        var locked = Assert.Single(await chat.SayAsync(pin));
        Assert.StartsWith("Terlalu banyak percobaan yang salah", locked.Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_filing_whose_last_save_fails_leaves_no_case_and_the_redelivered_message_files_one_and_sends_the_pin(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var failOnce = new FailReceiptReplySaveOnce();
        await using var app = NewApp(db, new SettableClock(WeekdayMorning), services: s => s.AddSingleton<IInterceptor>(failOnce));
        var chat = new Chat(app, "6281200000016");
        await chat.SayAsync("halo");
        await chat.TapAsync("menu_file");
        await chat.SayAsync("Kredit Pintar");
        await chat.TapAsync("inst_yes");
        await chat.TapAsync("prod_online-loan");
        await chat.TapAsync("issue_collection");
        await chat.SayAsync("Penagih menelepon atasan saya dan menyebarkan data pribadi saya ke semua kontak.");
        await chat.SayAsync("Rp 1.500.000");
        await chat.SayAsync("Penagihan dihentikan dan data saya dihapus");
        await chat.SayAsync("Siti Aminah");
        await chat.SayAsync("siti@example.org");
        await chat.SayAsync("-");
        Assert.Equal(["consent_yes", "consent_no"], Assert.Single(await chat.TapAsync("att_done")).Ids);

        // The case's own save succeeds, the turn's save after it (number, PIN, receipt) fails: nothing stays.
        var consent = new InboundMessage("wamid.6281200000016.consent", "6281200000016", "Siti", WeekdayMorning, "interactive", null, "consent_yes", "consent_yes", null);
        await Assert.ThrowsAsync<InvalidOperationException>(() => chat.SendAsync(consent));
        Assert.True(failOnce.Failed);
        Assert.Equal(0, await app.WithDbAsync(d => d.Cases.CountAsync(c => c.Consumer!.WhatsApp == "6281200000016")));

        // WhatsApp redelivers the same message: it is handled afresh and files exactly one case, number and PIN sent.
        var done = await chat.SendAsync(consent);
        var filed = await app.WithDbAsync(d => d.Cases.AsNoTracking().SingleAsync(c => c.Consumer!.WhatsApp == "6281200000016"));
        Assert.Contains($"Nomor pengaduan: *{filed.TrackingNumber}*", done[0].Text);
        var pin = System.Text.RegularExpressions.Regex.Match(done[0].Text, @"PIN: \*(\d{6})\*").Groups[1].Value;
        Assert.True(CasePin.Verify(pin, filed.PinHash));
        Assert.Equal(OutboxAttachment.Receipt, done[1].Attachment);
    }

    /// <summary>Fails the first save that carries a chatbot's receipt reply, as a lost connection would.</summary>
    private sealed class FailReceiptReplySaveOnce : SaveChangesInterceptor
    {
        public bool Failed { get; private set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!Failed && eventData.Context!.ChangeTracker.Entries<OutboxMessage>()
                    .Any(e => e.State == EntityState.Added && e.Entity.ConversationId != null && e.Entity.Attachment == OutboxAttachment.Receipt))
            {
                Failed = true;
                throw new InvalidOperationException("Simulated loss of the database connection.");
            }

            return ValueTask.FromResult(result);
        }
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Filing_a_complaint_on_WhatsApp_creates_a_real_case_with_its_number_pin_receipt_and_the_evidence_that_could_be_fetched(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var graph = await LoopbackGraphApi.StartAsync();
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");
        graph.AddMedia("media-screenshot", png, "image/png");
        await using var app = NewApp(db, new SettableClock(WeekdayMorning), graph);
        var chat = new Chat(app, "6281200000006");
        await chat.SayAsync("halo");

        var intro = await chat.TapAsync("menu_file");
        Assert.Contains("Pelaku usaha jasa keuangan mana", intro[^1].Text);
        var confirm = Assert.Single(await chat.SayAsync("Kredit Pintar"));
        Assert.Equal("Apakah yang Anda maksud *PT Kredit Pintar Indonesia*?", confirm.Text);
        var products = Assert.Single(await chat.TapAsync("inst_yes"));
        Assert.Equal(["prod_online-loan", "prod_paylater", "prod_other"], products.Ids);
        var issues = Assert.Single(await chat.TapAsync("prod_online-loan"));
        Assert.Equal(10, issues.Ids.Count); // nine categories and "more"
        Assert.Equal("more_1", issues.Ids[^1]);
        var more = Assert.Single(await chat.TapAsync("more_1"));
        Assert.Equal(["issue_illegal-offer", "issue_other"], more.Ids);
        await chat.TapAsync("issue_collection");
        Assert.Contains("Terlalu singkat", Assert.Single(await chat.SayAsync("Ditagih kasar")).Text);
        Assert.Contains("kerugian", Assert.Single(await chat.SayAsync("Penagih menelepon atasan saya dan menyebarkan data pribadi saya ke semua kontak.")).Text);
        Assert.Contains("Tulis nilai kerugian", Assert.Single(await chat.SayAsync("banyak")).Text);
        await chat.SayAsync("Rp 1.500.000");
        await chat.SayAsync("Penagihan dihentikan dan data saya dihapus");
        await chat.SayAsync("Siti Aminah");
        Assert.Contains("Alamat email tidak valid", Assert.Single(await chat.SayAsync("siti@")).Text, StringComparison.OrdinalIgnoreCase);
        await chat.SayAsync("siti@example.org");
        var attachments = Assert.Single(await chat.SayAsync("-"));
        Assert.Equal(["att_done"], attachments.Ids);
        await chat.SendMediaAsync("image", new InboundMedia("media-screenshot", "image/png", null, "Bukti", null));
        await chat.SendMediaAsync("document", new InboundMedia("media-gone", "application/pdf", "surat_penagihan.pdf", null, null));
        var consent = Assert.Single(await chat.TapAsync("att_done"));
        Assert.Contains("Lembaga: PT Kredit Pintar Indonesia", consent.Text);
        Assert.Contains("Kerugian: Rp1.500.000", consent.Text);
        Assert.Contains("Bukti: 2 berkas", consent.Text);
        Assert.Equal(["consent_yes", "consent_no"], consent.Ids);

        var done = await chat.TapAsync("consent_yes");
        Assert.Equal(2, done.Count);
        var receiptRow = done[1];
        Assert.Equal("document", receiptRow.Type);
        Assert.Equal(OutboxAttachment.Receipt, receiptRow.Attachment);

        var filed = await app.WithDbAsync(d => d.Cases.AsNoTracking().Include(c => c.Institution).SingleAsync(c => c.Consumer!.WhatsApp == "6281200000006"));
        Assert.Equal(Channel.WhatsApp, filed.Channel);
        Assert.Equal(CaseState.Submitted, filed.State);
        Assert.Equal("PT Kredit Pintar Indonesia", filed.Institution!.LegalName);
        Assert.Equal(("online-loan", "collection", 1_500_000L), (filed.Product, filed.IssueCategory, filed.LossAmount!.Value));
        Assert.Contains($"Nomor pengaduan: *{filed.TrackingNumber}*", done[0].Text);
        var pin = System.Text.RegularExpressions.Regex.Match(done[0].Text, @"PIN: \*(\d{6})\*").Groups[1].Value;
        Assert.True(CasePin.Verify(pin, filed.PinHash));
        // Only the consumer gets the PIN: the transcript staff read has it masked.
        var transcript = await app.WithDbAsync(d => d.ConversationMessages.Where(m => m.Text != null && m.Text.Contains(filed.TrackingNumber)).Select(m => m.Text!).ToListAsync());
        Assert.NotEmpty(transcript);
        Assert.All(transcript, t => Assert.DoesNotContain(pin, t));
        // The outbox row keeps the PIN only until WhatsApp has taken the message: sent, it holds the masked text.
        using (var scope = app.Services.CreateScope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<DispatchOutbox>().HandleAsync(new())).Sent > 0);
        }

        Assert.Contains(graph.Messages, m => m.Body.ToString().Contains($"PIN: *{pin}*", StringComparison.Ordinal));
        var sentRow = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().SingleAsync(o => o.Id == done[0].Outbox.Id));
        Assert.Equal(OutboxStatus.Sent, sentRow.Status);
        Assert.DoesNotContain(pin, sentRow.WhatsAppPayload!, StringComparison.Ordinal);
        Assert.DoesNotContain(pin, sentRow.Body, StringComparison.Ordinal);
        Assert.Contains("PIN: *••••••*", sentRow.WhatsAppPayload!, StringComparison.Ordinal);
        Assert.Null(sentRow.PayloadAfterSending);
        Assert.Contains("surat_penagihan.pdf", done[0].Text); // not fetched: listed, never dropped
        Assert.Equal(filed.TrackingNumber, receiptRow.Outbox.TrackingNumber);
        Assert.Equal(filed.Id, receiptRow.Outbox.CaseId);

        var files = await app.WithDbAsync(d => d.Attachments.Where(a => a.CaseId == filed.Id).Select(a => a.FileName).ToListAsync());
        Assert.Equal(["foto-1.png"], files);
        var conversation = await chat.ConversationAsync();
        Assert.Equal((ConversationState.Closed, ConversationEnd.Bot, filed.Id, false), (conversation.State, conversation.EndedBy, conversation.CaseId, conversation.HadAgent));

        // The next message starts afresh.
        Assert.Equal("list", Assert.Single(await chat.SayAsync("halo lagi")).Type);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_consumer_filing_can_go_back_pause_continue_later_and_cancel(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(WeekdayMorning);
        await using var app = NewApp(db, clock);
        var chat = new Chat(app, "6281200000007");
        await chat.SayAsync("halo");
        await chat.TapAsync("menu_file");
        await chat.SayAsync("Kredit Pintar");
        await chat.TapAsync("inst_yes");
        await chat.TapAsync("prod_online-loan");

        // Back: the product question again.
        var back = Assert.Single(await chat.SayAsync("kembali"));
        Assert.Equal("prod_online-loan", back.Ids[0]);
        await chat.TapAsync("prod_paylater");
        await chat.TapAsync("issue_fees-interest");

        // "menu" pauses; choosing to file again offers to continue where it stopped.
        Assert.Equal("list", Assert.Single(await chat.SayAsync("menu")).Type);
        var resume = Assert.Single(await chat.TapAsync("menu_file"));
        Assert.Equal(["resume_continue", "resume_restart", "menu"], resume.Ids);
        Assert.Contains("Ceritakan apa yang terjadi", Assert.Single(await chat.TapAsync("resume_continue")).Text);

        // Away for an hour: asked first whether to continue, and the earlier answers are still there.
        clock.UtcNow = clock.UtcNow.AddHours(1);
        Assert.Equal("resume_continue", Assert.Single(await chat.SayAsync("halo")).Ids[0]);
        await chat.TapAsync("resume_continue");
        await chat.SayAsync("Bunga dan denda paylater saya naik tanpa pemberitahuan sejak bulan lalu.");
        var draft = BotData.Read((await chat.ConversationAsync()).BotData).Draft!;
        Assert.Equal(("paylater", "fees-interest"), (draft.Product, draft.IssueCategory));
        Assert.StartsWith("Bunga dan denda", draft.Description);

        // Cancel discards it.
        var cancelled = await chat.SayAsync("batal");
        Assert.Equal("Pengaduan yang sedang diisi dibatalkan.", cancelled[0].Text);
        Assert.Null(BotData.Read((await chat.ConversationAsync()).BotData).Draft);
        Assert.Contains("Pelaku usaha jasa keuangan mana", (await chat.TapAsync("menu_file"))[^1].Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Inside_agent_hours_hubungipetugas_queues_the_consumer_with_their_place_and_the_bot_then_stays_silent(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(WeekdayMorning);
        await using var app = NewApp(db, clock);
        var first = new Chat(app, "6281200000008");
        var second = new Chat(app, "6281200000009");
        await first.SayAsync("halo");

        var queued = Assert.Single(await first.SayAsync("#HUBUNGIPETUGAS"));
        Assert.Contains("antrean nomor 1", queued.Text);
        clock.UtcNow = clock.UtcNow.AddMinutes(1);
        var secondQueued = Assert.Single(await second.SayAsync("mau bicara dengan petugas"));
        Assert.Contains("antrean nomor 2", secondQueued.Text);

        var conversation = await first.ConversationAsync();
        Assert.Equal((ConversationState.Queued, WeekdayMorning, false), (conversation.State, conversation.QueuedAtUtc, conversation.HadAgent));

        // Agents answer now: the consumer's message is recorded, the bot says nothing.
        Assert.Empty(await first.SayAsync("halo, saya masih menunggu"));
        Assert.Equal("halo, saya masih menunggu", (await first.TranscriptAsync())[^1].Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Outside_agent_hours_the_bot_says_when_agents_are_back_on_weekends_and_holidays_and_offers_to_file(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        // Saturday 16 May 2026, 10:00 WIB.
        var clock = new SettableClock(new DateTime(2026, 5, 16, 3, 0, 0, DateTimeKind.Utc));
        await using var app = NewApp(db, clock);
        var chat = new Chat(app, "6281200000010");
        await chat.SayAsync("halo");

        var saturday = Assert.Single(await chat.SayAsync("agen"));
        Assert.Contains("pukul 07:40–15:40 WIB", saturday.Text);
        Assert.Contains("Senin, 18 Mei 2026 pukul 07:40", saturday.Text);
        Assert.Equal(["menu_file", "menu"], saturday.Ids);
        Assert.Equal(ConversationState.Bot, (await chat.ConversationAsync()).State);

        // Wednesday 18 March 2026, 09:00 WIB: Nyepi and Idul Fitri leave run to 24 March.
        clock.UtcNow = new DateTime(2026, 3, 18, 2, 0, 0, DateTimeKind.Utc);
        var holiday = Assert.Single(await new Chat(app, "6281200000011").SayAsync("#hubungipetugas"));
        Assert.Contains("Rabu, 25 Maret 2026 pukul 07:40", holiday.Text);

        // A working day before opening: back today.
        clock.UtcNow = new DateTime(2026, 5, 12, 0, 0, 0, DateTimeKind.Utc);
        var early = Assert.Single(await new Chat(app, "6281200000012").SayAsync("human"));
        Assert.Contains("Selasa, 12 Mei 2026 pukul 07:40", early.Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Conversations_idle_for_a_day_expire_with_a_goodbye_while_the_window_is_open_and_the_next_message_starts_afresh(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(WeekdayMorning);
        await using var app = NewApp(db, clock);
        var recent = new Chat(app, "6281200000013");
        var old = new Chat(app, "6281200000014");
        await old.SayAsync("halo");
        clock.UtcNow = clock.UtcNow.AddHours(10);
        await recent.SayAsync("halo");
        await recent.TapAsync("menu_file");

        // 23 h 50 min after the first consumer's last message: closed, told while WhatsApp still allows it.
        clock.UtcNow = WeekdayMorning.AddHours(23).AddMinutes(50);
        var first = await ExpireAsync(app);
        Assert.Equal((1, 1), (first.Expired, first.Told));
        var expired = await old.ConversationAsync();
        Assert.Equal((ConversationState.Closed, ConversationEnd.Expired, false, (Guid?)null), (expired.State, expired.EndedBy, expired.HadAgent, expired.CaseId));
        Assert.Contains("tidak ada aktivitas selama 24 jam", (await old.TranscriptAsync())[^1].Text);
        Assert.Equal(0, (await ExpireAsync(app)).Expired);

        // Two days later the other one closes silently: outside the window a free-form message would be refused.
        clock.UtcNow = clock.UtcNow.AddDays(2);
        Assert.Equal((1, 0), ((await ExpireAsync(app)).Expired, (await ExpireAsync(app)).Told));

        var fresh = Assert.Single(await old.SayAsync("halo"));
        Assert.StartsWith("Halo Siti! Selamat datang", fresh.Text);
        Assert.Equal(2, await app.WithDbAsync(d => d.Conversations.CountAsync(c => c.WaId == "6281200000014")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_faq_answers_from_the_knowledge_base_in_the_consumers_language_and_offers_an_agent_when_it_does_not_know(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var chat = new Chat(app, "6281200000015");
        await chat.SayAsync("halo");
        await chat.TapAsync("menu_faq");

        var answer = Assert.Single(await chat.SayAsync("berapa lama pengaduan saya diproses?"));
        Assert.StartsWith("*Berapa lama pengaduan diproses?*", answer.Text);
        Assert.Contains("10 hari kerja", answer.Text);
        Assert.Equal(["menu", "menu_agent"], answer.Ids);

        var free = Assert.Single(await chat.SayAsync("apakah layanan ini gratis?"));
        Assert.Contains("gratis", free.Text);

        var unknown = Assert.Single(await chat.SayAsync("resep rendang padang"));
        Assert.StartsWith("Maaf, kami belum punya jawaban", unknown.Text);
        Assert.Equal(["menu_agent", "menu_file", "menu"], unknown.Ids);

        // A question about agent hours is answered, not taken as a request for an agent.
        Assert.Contains("07.40–15.40", Assert.Single(await chat.SayAsync("jam layanan petugas?")).Text);

        Assert.Contains("Legal online lenders are licensed by OJK", Assert.Single(await chat.SayAsync("How do I check whether a loan app is legal?")).Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Supervisors_edit_the_faq_in_the_back_office_and_the_bot_answers_with_what_they_wrote(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var supervisor = app.As(ActorRole.Supervisor, userId: "test-supervisor");
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await app.As(ActorRole.Agent).GetAsync("/regulator/faq")).StatusCode);
        Assert.Contains("id=\"chatbot-faq\"", await supervisor.GetStringAsync("/regulator"));
        var page = await supervisor.GetStringAsync("/regulator/faq");
        Assert.Contains("Apakah layanan ini berbayar?", page);

        // A missing answer is refused and what was typed stays in the form.
        var refused = await Forms.PostAsync(supervisor, "/regulator/faq", "/regulator/faq", new Dictionary<string, string>
        {
            ["New.QuestionId"] = "Bagaimana cara mengadu tentang asuransi?",
            ["New.QuestionEn"] = "How do I complain about insurance?",
            ["New.AnswerId"] = "",
            ["New.AnswerEn"] = "Complain to the insurer first.",
            ["New.Keywords"] = "asuransi, polis, klaim, insurance",
            ["New.SortOrder"] = "5",
            ["New.Active"] = "true",
        });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("error-summary", refusedPage);
        Assert.Contains("Bagaimana cara mengadu tentang asuransi?", refusedPage);

        var added = await Forms.PostAsync(supervisor, "/regulator/faq", "/regulator/faq", new Dictionary<string, string>
        {
            ["New.QuestionId"] = "Bagaimana cara mengadu tentang asuransi?",
            ["New.QuestionEn"] = "How do I complain about insurance?",
            ["New.AnswerId"] = "Adukan dulu ke perusahaan asuransi; bila tidak selesai dalam 10 hari kerja, adukan ke OJK.",
            ["New.AnswerEn"] = "Complain to the insurer first; if it is not settled within 10 working days, complain to OJK.",
            ["New.Keywords"] = "asuransi, polis, klaim, insurance",
            ["New.SortOrder"] = "5",
            ["New.Active"] = "true",
        });
        Assert.Contains("id=\"faq-done\"", await added.Content.ReadAsStringAsync());

        var chat = new Chat(app, "6281200000017");
        await chat.SayAsync("halo");
        await chat.TapAsync("menu_faq");
        Assert.Contains("Adukan dulu ke perusahaan asuransi", Assert.Single(await chat.SayAsync("klaim asuransi saya")).Text);

        // Switched off: the bot no longer offers it.
        var entry = await app.WithDbAsync(d => d.FaqEntries.AsNoTracking().SingleAsync(f => f.QuestionEn == "How do I complain about insurance?"));
        Assert.Equal("test-supervisor", entry.UpdatedById);
        var off = await Forms.PostAsync(supervisor, "/regulator/faq", $"/regulator/faq/{entry.Id}", new Dictionary<string, string>
        {
            ["QuestionId"] = entry.QuestionId,
            ["QuestionEn"] = entry.QuestionEn,
            ["AnswerId"] = entry.AnswerId,
            ["AnswerEn"] = entry.AnswerEn,
            ["Keywords"] = entry.Keywords,
            ["SortOrder"] = "5",
            ["Active"] = "false",
        });
        Assert.Contains("id=\"faq-done\"", await off.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Adukan dulu ke perusahaan asuransi", Assert.Single(await chat.SayAsync("klaim asuransi saya")).Text);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_message_delivered_twice_is_answered_once(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = NewApp(db, new SettableClock(WeekdayMorning));
        var chat = new Chat(app, "6281200000016");
        var message = new InboundMessage("wamid.twice", "6281200000016", "Siti", WeekdayMorning, "text", "halo", null, null, null);

        Assert.Single(await chat.SendAsync(message));
        Assert.Empty(await chat.SendAsync(message));
        Assert.Equal(2, (await chat.TranscriptAsync()).Count);
    }

    /// <summary>The first *bold* name of an answer: the entity the bot answered about.</summary>
    private static string? Bold(string text)
    {
        var start = text.IndexOf('*', StringComparison.Ordinal);
        var end = start < 0 ? -1 : text.IndexOf('*', start + 1);
        return end > start ? text[(start + 1)..end] : null;
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock, LoopbackGraphApi? graph = null, Action<IServiceCollection>? services = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = "",
        };
        if (graph is not null)
        {
            settings["WhatsApp:GraphBaseUrl"] = graph.BaseUrl;
            settings["WhatsApp:PhoneNumberId"] = "106540352242922";
            settings["WhatsApp:AccessToken"] = "test-graph-token";
        }

        return new(db, settings, s =>
        {
            s.AddSingleton<TimeProvider>(clock);
            services?.Invoke(s);
        });
    }

    private static async Task<ExpireIdleConversations.Result> ExpireAsync(ComplaintsApp app)
    {
        using var scope = app.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ExpireIdleConversations>().HandleAsync(new());
    }

    private static async Task<(string Number, string Pin)> FileOnTheWebAsync(ComplaintsApp app, int institution)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SubmitCase>().HandleAsync(new SubmitCase.Input
        {
            Kind = CaseKind.Complaint,
            InstitutionId = institution,
            Product = "savings",
            IssueCategory = "unauthorized-transaction",
            Description = "Saldo tabungan saya berkurang karena transaksi yang tidak pernah saya lakukan.",
            Name = "Siti Aminah",
            Email = "siti@example.org",
            ConsentGiven = true,
        });
        return (result.Case!.TrackingNumber, result.Pin!);
    }

    /// <summary>What the bot said in one outbox row: its kind, its text, and the ids and titles of its buttons or rows.</summary>
    private sealed record Said(string Type, string Text, IReadOnlyList<string> Ids, IReadOnlyList<string> Titles, OutboxAttachment Attachment, OutboxMessage Outbox);

    /// <summary>One consumer's side of the chat.</summary>
    private sealed class Chat(ComplaintsApp app, string waId)
    {
        private int _sent;

        public Task<List<Said>> SayAsync(string text) =>
            SendAsync(new InboundMessage(NextId(), waId, "Siti", Now(), "text", text, null, null, null));

        public Task<List<Said>> TapAsync(string id) =>
            SendAsync(new InboundMessage(NextId(), waId, "Siti", Now(), "interactive", null, id, id, null));

        public Task<List<Said>> SendMediaAsync(string type, InboundMedia media) =>
            SendAsync(new InboundMessage(NextId(), waId, "Siti", Now(), type, null, null, null, media));

        public async Task<List<Said>> SendAsync(InboundMessage message)
        {
            var before = await app.WithDbAsync(d => d.OutboxMessages.Where(o => o.Recipient == waId).Select(o => (long?)o.Id).MaxAsync()) ?? 0;
            using (var scope = app.Services.CreateScope())
            {
                await scope.ServiceProvider.GetRequiredService<HandleInboundMessage>().HandleAsync(message);
            }

            var rows = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking()
                .Where(o => o.Recipient == waId && o.Id > before && o.WhatsAppPayload != null).OrderBy(o => o.Id).ToListAsync());
            return rows.Select(Parse).ToList();
        }

        public Task<Conversation> ConversationAsync() =>
            app.WithDbAsync(d => d.Conversations.AsNoTracking().Where(c => c.WaId == waId).OrderByDescending(c => c.StartedAtUtc).FirstAsync());

        public Task<List<ConversationMessage>> TranscriptAsync() => app.WithDbAsync(async d =>
        {
            var conversation = await d.Conversations.AsNoTracking().Where(c => c.WaId == waId).OrderByDescending(c => c.StartedAtUtc).FirstAsync();
            return await d.ConversationMessages.AsNoTracking().Where(m => m.ConversationId == conversation.Id).OrderBy(m => m.Id).ToListAsync();
        });

        private string NextId() => $"wamid.{waId}.{++_sent}";

        private DateTime Now() => app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;

        private static Said Parse(OutboxMessage row)
        {
            using var json = JsonDocument.Parse(row.WhatsAppPayload!);
            var root = json.RootElement;
            var type = root.GetProperty("type").GetString()!;
            switch (type)
            {
                case "text":
                    return new("text", root.GetProperty("text").GetProperty("body").GetString()!, [], [], row.Attachment, row);
                case "document":
                    return new("document", root.GetProperty("document").GetProperty("caption").GetString()!, [], [], row.Attachment, row);
            }

            var interactive = root.GetProperty("interactive");
            if (interactive.GetProperty("type").GetString() == "button")
            {
                var buttons = interactive.GetProperty("action").GetProperty("buttons").EnumerateArray().Select(b => b.GetProperty("reply")).ToList();
                return new("button", interactive.GetProperty("body").GetProperty("text").GetString()!,
                    buttons.Select(b => b.GetProperty("id").GetString()!).ToList(), buttons.Select(b => b.GetProperty("title").GetString()!).ToList(), row.Attachment, row);
            }

            var rows = interactive.GetProperty("action").GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("rows").EnumerateArray()).ToList();
            // The transcript text carries the rows' descriptions too; the list's body alone is in the payload.
            return new("list", row.Body, rows.Select(r => r.GetProperty("id").GetString()!).ToList(), rows.Select(r => r.GetProperty("title").GetString()!).ToList(), row.Attachment, row);
        }
    }
}
