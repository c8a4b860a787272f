using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Features.Deadlines;
using Complaints.Core.Features.Notifications;
using Complaints.Core.Features.Regulator;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Notifications;

/// <summary>
/// Notifications end to end: the outbox row is written with the change, the dispatcher delivers it to a real
/// SMTP server (MailDev) or a real HTTP gateway on loopback, and failures are retried, then dead-lettered, never
/// lost. Each test has its own app, clock and peers.
/// </summary>
public sealed class NotificationDeliveryTests
{
    private const string PublicBaseUrl = "https://pengaduan.example.go.id";
    private const string ConsumerEmail = "siti@example.org";

    /// <summary>Tuesday 17 March 2026, 10:00 in Jakarta: the last working day before Nyepi and Idul Fitri.</summary>
    private static readonly DateTime BeforeIdulFitri = new(2026, 3, 17, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Consumer_receives_the_receipt_by_email_in_their_language_with_the_tracking_link_and_never_the_pin(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var mail = await MailDev.StartAsync();
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock, mail.SmtpPort);
        var institution = await TestCases.NewInstitutionAsync(app);

        var english = await FileAsync(app, institution, "en");
        var indonesian = await FileAsync(app, institution, null);
        var result = await DispatchAsync(app, mail);

        // Email and the (recorded) WhatsApp template for each case.
        Assert.Equal(4, result.Sent);
        var emails = await mail.EmailsToAsync(ConsumerEmail);
        var en = Assert.Single(emails, e => e.GetProperty("subject").GetString()!.Contains(english.Number));
        Assert.Equal($"Your complaint was received: {english.Number}", en.GetProperty("subject").GetString());
        var text = en.GetProperty("text").GetString()!;
        Assert.Contains($"{PublicBaseUrl}/track?number={english.Number}", text);
        Assert.DoesNotContain(english.Pin, text);
        var attachment = Assert.Single(en.GetProperty("attachments").EnumerateArray());
        Assert.Equal($"tanda-terima-{english.Number}.pdf", attachment.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", attachment.GetProperty("contentType").GetString());

        var id = Assert.Single(emails, e => e.GetProperty("subject").GetString()!.Contains(indonesian.Number));
        Assert.Equal($"Pengaduan Anda diterima: {indonesian.Number}", id.GetProperty("subject").GetString());
        Assert.Contains("Ikuti perkembangannya", id.GetProperty("text").GetString());

        var rows = await OutboxAsync(app, english.Number);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Contains(rows, r => r.Channel == NotificationChannel.WhatsApp && r.ProviderMessageId == "recorded" && r.Culture == "en");
        Assert.Contains(rows, r => r.Channel == NotificationChannel.Email && r.ProviderMessageId!.StartsWith("<outbox-", StringComparison.Ordinal));

        // Staff see what went out about the case, where to, and that it was accepted.
        var page = await app.As(ActorRole.Agent).GetStringAsync($"/regulator/cases/{english.Number}/notifications");
        Assert.Contains(ConsumerEmail, page);
        Assert.Contains("Terkirim", page);
        Assert.Equal(HttpStatusCode.NotFound, (await app.As(ActorRole.Agent).GetAsync("/regulator/cases/ZZZZ-ZZZZ-ZZZZ/notifications")).StatusCode);

        // A second run finds nothing left to send.
        Assert.Equal(0, (await DispatchAsync(app, mail)).Sent);
        Assert.Equal(2, (await mail.EmailsToAsync(ConsumerEmail)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Across_Idul_Fitri_the_institution_is_told_reminded_and_warned_the_consumer_may_escalate_and_supervisors_hear_of_the_breach(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var mail = await MailDev.StartAsync();
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock, mail.SmtpPort);
        var institution = await TestCases.NewInstitutionAsync(app);
        var contact = $"pengaduan-{institution}@bank-uji.example";
        await app.WithDbAsync(async d =>
        {
            (await d.Institutions.SingleAsync(i => i.Id == institution)).ContactEmail = contact;
            return await d.SaveChangesAsync();
        });
        var supervisor = await NewStaffAsync(app, ActorRole.Supervisor);
        var filed = await FileAsync(app, institution, null);
        await TestCases.ForwardAsync(app, filed.Number, institution);
        await DispatchAsync(app, mail);

        // 10 working days from 17 March skip 18-24 March and Good Friday: due Wednesday 8 April.
        var forwarded = Assert.Single(await mail.EmailsToAsync(contact));
        Assert.Equal($"Pengaduan baru {filed.Number}: jawab paling lambat 8 April 2026", forwarded.GetProperty("subject").GetString());
        Assert.Contains($"{PublicBaseUrl}/institution/cases/{filed.Number}", forwarded.GetProperty("text").GetString());
        var withInstitution = CaseLifecycle.Info(CaseState.WithInstitution).Label.For(CultureInfo.GetCultureInfo("id"));
        Assert.Contains(await mail.EmailsToAsync(ConsumerEmail), e => e.GetProperty("subject").GetString() == $"Perkembangan pengaduan {filed.Number}: {withInstitution}");

        // Friday 3 April (Good Friday) is off: on Thursday 2 April three working days are left, no reminder yet;
        // on Monday 6 April two are left (7 and 8 April): the institution is reminded, once.
        clock.UtcNow = new DateTime(2026, 4, 2, 3, 0, 0, DateTimeKind.Utc);
        await RemindAsync(app);
        await DispatchAsync(app, mail);
        Assert.Single(await mail.EmailsToAsync(contact));
        clock.UtcNow = new DateTime(2026, 4, 6, 3, 0, 0, DateTimeKind.Utc);
        await RemindAsync(app);
        await RemindAsync(app);
        await DispatchAsync(app, mail);
        var toInstitution = await mail.EmailsToAsync(contact);
        Assert.Equal(2, toInstitution.Count);
        Assert.Contains(toInstitution, e => e.GetProperty("subject").GetString() == $"Pengingat: jawaban pengaduan {filed.Number} jatuh tempo 8 April 2026");

        // Past the deadline the sweep marks it untimely: the institution is warned, the consumer may escalate,
        // the supervisor hears of the breach — each once, however often the jobs run.
        clock.UtcNow = WorkingDayCalendar.EndOfJakartaDayUtc(new DateOnly(2026, 4, 8)).AddMinutes(5);
        await SweepAsync(app);
        await SweepAsync(app);
        await DispatchAsync(app, mail);
        Assert.Contains(await mail.EmailsToAsync(contact), e => e.GetProperty("subject").GetString() == $"Batas waktu terlewati: pengaduan {filed.Number}");
        var mayEscalate = Assert.Single(await mail.EmailsToAsync(ConsumerEmail), e => e.GetProperty("subject").GetString()!.Contains("belum menjawab"));
        Assert.Contains($"{PublicBaseUrl}/track?number={filed.Number}", mayEscalate.GetProperty("text").GetString());
        var breach = Assert.Single(await mail.EmailsToAsync(supervisor));
        Assert.Contains(filed.Number, breach.GetProperty("subject").GetString());
        Assert.Contains($"{PublicBaseUrl}/regulator/cases/{filed.Number}", breach.GetProperty("text").GetString());
        Assert.Equal(3, (await mail.EmailsToAsync(contact)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_dead_smtp_server_means_retries_with_growing_waits_then_a_dead_letter_that_is_delivered_once_retried(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var port = MailDev.FreePort(); // nothing listens here yet
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock, port, new() { ["Notifications:MaxAttempts"] = "3" });
        var institution = await TestCases.NewInstitutionAsync(app);
        var filed = await FileAsync(app, institution, null);

        var first = await DispatchAsync(app);
        Assert.Equal((1, 1, 0), (first.Sent, first.Retrying, first.DeadLettered)); // WhatsApp recorded, email failed
        var email = await EmailRowAsync(app, filed.Number);
        Assert.Equal((OutboxStatus.Pending, 1), (email.Status, email.Attempts));
        Assert.Equal(clock.UtcNow.AddMinutes(1), email.NextAttemptAtUtc);
        Assert.Contains("SMTP", email.LastError);

        // Not due yet: nothing is tried. Then 1 minute, then 2 minutes later; the third failure is the last.
        Assert.Equal(0, (await DispatchAsync(app)).Retrying);
        clock.UtcNow = clock.UtcNow.AddMinutes(1);
        Assert.Equal(1, (await DispatchAsync(app)).Retrying);
        email = await EmailRowAsync(app, filed.Number);
        Assert.Equal(clock.UtcNow.AddMinutes(2), email.NextAttemptAtUtc);
        clock.UtcNow = clock.UtcNow.AddMinutes(2);
        Assert.Equal(1, (await DispatchAsync(app)).DeadLettered);
        email = await EmailRowAsync(app, filed.Number);
        Assert.Equal((OutboxStatus.DeadLetter, 3), (email.Status, email.Attempts));
        clock.UtcNow = clock.UtcNow.AddHours(5);
        Assert.Equal(new DispatchOutbox.Result(0, 0, 0), await DispatchAsync(app));

        // The server comes back; an administrator retries the dead letter from the back office and it arrives.
        await using var mail = await MailDev.StartAsync(port);
        var admin = app.As(ActorRole.Administrator, userId: "test-admin");
        var outbox = await admin.GetStringAsync("/regulator/admin/outbox?status=DeadLetter");
        Assert.Contains(filed.Number, outbox);
        var retried = await Forms.PostAsync(admin, "/regulator/admin/outbox?status=DeadLetter", $"/regulator/admin/outbox/{email.Id}/retry", []);
        Assert.True(retried.IsSuccessStatusCode || retried.StatusCode == HttpStatusCode.Redirect, retried.StatusCode.ToString());
        Assert.Equal(1, (await DispatchAsync(app, mail)).Sent);
        var delivered = Assert.Single(await mail.EmailsToAsync(ConsumerEmail));
        Assert.Equal($"Pengaduan Anda diterima: {filed.Number}", delivered.GetProperty("subject").GetString());
        Assert.Equal(OutboxStatus.Sent, (await EmailRowAsync(app, filed.Number)).Status);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Sms_goes_to_the_http_gateway_a_refusal_is_dead_lettered_at_once_and_an_outage_is_retried(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var gateway = await LoopbackSmsGateway.StartAsync();
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock, MailDev.FreePort(), new()
        {
            ["Notifications:Sms:Url"] = gateway.Url,
            ["Notifications:Sms:ApiKey"] = "gateway-secret",
        });
        var institution = await TestCases.NewInstitutionAsync(app);
        var filed = await FileAsync(app, institution, null);
        await app.WithDbAsync(async d =>
        {
            var consumer = await d.Consumers.SingleAsync(c => d.Cases.Any(k => k.TrackingNumber == filed.Number && k.ConsumerId == c.Id));
            consumer.SmsEnabled = true;
            return await d.SaveChangesAsync();
        });

        await TestCases.ForwardAsync(app, filed.Number, institution);
        await DispatchAsync(app);

        // Screening and the forward are both changes the consumer sees: one SMS each.
        Assert.Equal(2, gateway.Received.Count);
        var (authorization, body) = gateway.Received[^1];
        Assert.Equal("Bearer gateway-secret", authorization);
        Assert.Equal("6281234567890", body.GetProperty("to").GetString());
        Assert.StartsWith($"Pengaduan {filed.Number}:", body.GetProperty("text").GetString());
        Assert.Contains($"{PublicBaseUrl}/track?number={filed.Number}", body.GetProperty("text").GetString());
        var sms = (await OutboxAsync(app, filed.Number)).Where(r => r.Channel == NotificationChannel.Sms).ToList();
        Assert.Equal([(OutboxStatus.Sent, "gw-1"), (OutboxStatus.Sent, "gw-2")], sms.Select(r => (r.Status, r.ProviderMessageId)));

        // A 400 will not get better by retrying: dead-lettered after one attempt.
        gateway.Answer = HttpStatusCode.BadRequest;
        await TestCases.ActAsync(app, filed.Number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institution),
            note: "Dana telah kami kembalikan.", outcome: ResponseOutcome.Explanation);
        await DispatchAsync(app);
        var refused = (await OutboxAsync(app, filed.Number)).Where(r => r.Channel == NotificationChannel.Sms).OrderBy(r => r.Id).Last();
        Assert.Equal((OutboxStatus.DeadLetter, 1), (refused.Status, refused.Attempts));
        Assert.Contains("400", refused.LastError);

        // A 503 is an outage: retried later.
        gateway.Answer = HttpStatusCode.ServiceUnavailable;
        await TestCases.AsConsumerAsync(app, filed.Number, Trigger.Accept, null);
        await DispatchAsync(app);
        var outage = (await OutboxAsync(app, filed.Number)).Where(r => r.Channel == NotificationChannel.Sms).OrderBy(r => r.Id).Last();
        Assert.Equal((OutboxStatus.Pending, 1), (outage.Status, outage.Attempts));
        gateway.Answer = HttpStatusCode.OK;
        clock.UtcNow = clock.UtcNow.AddMinutes(1);
        await DispatchAsync(app);
        Assert.Equal(OutboxStatus.Sent, (await OutboxAsync(app, filed.Number)).Single(r => r.Id == outage.Id).Status);
        Assert.Equal(5, gateway.Received.Count);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_consumer_hears_of_a_document_request_and_is_reminded_before_it_lapses_and_staff_hear_of_their_assignment(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock, MailDev.FreePort());
        var institution = await TestCases.NewInstitutionAsync(app);
        var filed = await FileAsync(app, institution, "en");
        var agent = new Actor(ActorRole.Agent, "test-agent");
        await TestCases.ActAsync(app, filed.Number, Trigger.StartScreening, agent);
        await TestCases.ActAsync(app, filed.Number, Trigger.RequestDocuments, agent, note: "Please upload your bank statement.");

        // 20 working days from 17 March 2026 (18-24 March and Good Friday off): due 22 April.
        var request = (await OutboxAsync(app, filed.Number)).Where(m => m.TemplateKey == "consumer.documentsRequested").ToList();
        Assert.Equal([NotificationChannel.Email, NotificationChannel.WhatsApp], request.Select(m => m.Channel));
        var email = request[0];
        Assert.Equal(("en", ConsumerEmail), (email.Culture, email.Recipient));
        Assert.Contains("Please upload your bank statement.", email.Body);
        Assert.Contains("by 22 April 2026", email.Body);
        Assert.Equal("[\"" + filed.Number + "\",\"Please upload your bank statement.\",\"22 April 2026\",\"" + PublicBaseUrl + "/track?number=" + filed.Number + "\"]",
            request[1].TemplateParameters);

        // Two working days before (20 April) the consumer is reminded, once.
        clock.UtcNow = new DateTime(2026, 4, 20, 3, 0, 0, DateTimeKind.Utc);
        await RemindAsync(app);
        await RemindAsync(app);
        var reminders = (await OutboxAsync(app, filed.Number)).Where(m => m.TemplateKey == "consumer.reminder").ToList();
        Assert.Equal(2, reminders.Count);
        Assert.Equal("Reminder: complaint " + filed.Number + " is due on 22 April 2026", reminders.Single(m => m.Channel == NotificationChannel.Email).Subject);

        // A supervisor assigns the case to a specialist, who hears of it; taking a case yourself sends nothing.
        var toConsumer = (await OutboxAsync(app, filed.Number)).Count(m => m.Recipient == ConsumerEmail);
        var specialistEmail = await NewStaffAsync(app, ActorRole.Specialist);
        var specialistId = await app.WithDbAsync(d => d.Users.Where(u => u.Email == specialistEmail).Select(u => u.Id).SingleAsync());
        await AssignAsync(app, filed.Number, new Actor(ActorRole.Supervisor, "test-supervisor"), specialistId);
        var assigned = Assert.Single(await OutboxAsync(app, filed.Number), m => m.TemplateKey == "staff.assigned");
        Assert.Equal((NotificationChannel.Email, specialistEmail, "id"), (assigned.Channel, assigned.Recipient, assigned.Culture));
        Assert.Contains($"{PublicBaseUrl}/regulator/cases/{filed.Number}", assigned.Body);
        await AssignAsync(app, filed.Number, new Actor(ActorRole.Specialist, specialistId), specialistId);
        Assert.Single(await OutboxAsync(app, filed.Number), m => m.TemplateKey == "staff.assigned");

        // The assignment is regulator-only: the consumer heard nothing of it.
        Assert.Equal(toConsumer, (await OutboxAsync(app, filed.Number)).Count(m => m.Recipient == ConsumerEmail));
    }

    [Fact]
    public async Task Every_shipped_template_uses_only_its_own_placeholders_and_links_the_reader_to_the_case()
    {
        var app = await new SharedApps().GetAsync(DatabaseProvider.Sqlite);
        var templates = app.Services.GetRequiredService<NotificationTemplates>();
        foreach (var spec in NotificationTemplates.All)
        {
            foreach (var culture in NotificationTemplates.Cultures)
            {
                var text = templates.Default(spec.Key, culture);
                foreach (var part in new[] { text.Subject, text.Body, text.ShortText })
                {
                    Assert.False(string.IsNullOrWhiteSpace(part), $"{spec.Key} {culture}");
                    Assert.Empty(NotificationTemplates.UnknownPlaceholders(spec, part));
                }

                var link = spec.Placeholders.Single(p => p.EndsWith("Link", StringComparison.Ordinal));
                Assert.Contains("{" + link + "}", text.Body);
                Assert.Contains("{" + link + "}", text.ShortText);
            }
        }

        Assert.NotEqual(templates.Default("consumer.submitted", "id").Subject, templates.Default("consumer.submitted", "en").Subject);
        await app.DisposeAsync();
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock, int smtpPort, Dictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Notifications:PublicBaseUrl"] = PublicBaseUrl,
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = smtpPort.ToString(CultureInfo.InvariantCulture),
            ["Notifications:Email:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return new(db, all, s => s.AddSingleton<TimeProvider>(clock));
    }

    private static async Task<(string Number, string Pin)> FileAsync(ComplaintsApp app, int institution, string? language)
    {
        var client = app.CreateClient();
        if (language is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        var response = await client.PostAsJsonAsync("/api/v1/cases", TestCases.DisputeAgainst(institution));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("trackingNumber").GetString()!, created.GetProperty("pin").GetString()!);
    }

    private static async Task<string> NewStaffAsync(ComplaintsApp app, ActorRole role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@ojk.example";
        var user = new ApplicationUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role.ToString() };
        Assert.True((await users.CreateAsync(user, "Staff-Password-157")).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role.ToString())).Succeeded);
        return email;
    }

    private static async Task AssignAsync(ComplaintsApp app, string number, Actor actor, string userId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<AssignCase>().HandleAsync(new() { TrackingNumber = number, UserId = userId }, actor);
        Assert.Equal(CaseChange.Outcome.Done, result.Result);
    }

    /// <summary>Runs the dispatcher; with <paramref name="mail"/>, waits until MailDev holds every email the
    /// outbox records as sent.</summary>
    private static async Task<DispatchOutbox.Result> DispatchAsync(ComplaintsApp app, MailDev? mail = null)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<DispatchOutbox>().HandleAsync(new());
        if (mail is not null)
        {
            await mail.WaitForCountAsync(await app.WithDbAsync(d =>
                d.OutboxMessages.CountAsync(m => m.Channel == NotificationChannel.Email && m.Status == OutboxStatus.Sent)));
        }

        return result;
    }

    private static async Task RemindAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SendDeadlineReminders>().HandleAsync(new());
    }

    private static async Task SweepAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SweepDeadlines>().HandleAsync(new());
    }

    private static Task<List<OutboxMessage>> OutboxAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().Where(m => m.TrackingNumber == number).OrderBy(m => m.Id).ToListAsync());

    private static async Task<OutboxMessage> EmailRowAsync(ComplaintsApp app, string number) =>
        (await OutboxAsync(app, number)).Single(m => m.Channel == NotificationChannel.Email);
}
