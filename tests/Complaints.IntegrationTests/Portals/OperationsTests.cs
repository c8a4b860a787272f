using System.Globalization;
using System.Net;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.Web.Jobs;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Quartz;
using Quartz.Extensibility;

namespace Complaints.IntegrationTests.Portals;

/// <summary>The Administrator's operations pages: the jobs' last runs and the outbox's dead letters.</summary>
public sealed class OperationsTests(SharedApps apps)
{
    private const string JobsUrl = "/regulator/admin/jobs";
    private const string DeadLettersUrl = "/regulator/admin/outbox?status=DeadLetter";

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_jobs_page_shows_each_jobs_last_result_and_last_error_as_recorded_by_the_scheduler(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var recorder = new JobRunRecorder(app.Services.GetRequiredService<IServiceScopeFactory>(), NullLogger<JobRunRecorder>.Instance);

        // The listener hears a reminder run that succeeded and a delivery run whose job threw.
        var reminders = Context(new DeadlineReminderJob(app.Services.GetRequiredService<IServiceScopeFactory>()), DeadlineReminderJob.Key);
        await recorder.JobToBeExecuted(reminders);
        reminders.Result = "3 reminders recorded";
        await recorder.JobWasExecuted(reminders, null);
        var delivery = Context(new OutboxDispatchJob(app.Services.GetRequiredService<IServiceScopeFactory>()), OutboxDispatchJob.Key);
        await recorder.JobToBeExecuted(delivery);
        await recorder.JobWasExecuted(delivery, new JobExecutionException(new InvalidOperationException("SMTP server refused the connection")));

        var response = await app.As(ActorRole.Administrator).GetAsync(JobsUrl);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reminderRow = Row(html, "job-deadline-reminders");
        Assert.Contains("Pengingat tenggat", reminderRow, StringComparison.Ordinal);
        Assert.Contains("Berhasil", reminderRow, StringComparison.Ordinal);
        Assert.Contains("3 reminders recorded", reminderRow, StringComparison.Ordinal);
        var deliveryRow = Row(html, "job-outbox-dispatch");
        Assert.Contains("Gagal", deliveryRow, StringComparison.Ordinal);
        Assert.Contains("SMTP server refused the connection", deliveryRow, StringComparison.Ordinal);
        Assert.Contains("WIB", deliveryRow, StringComparison.Ordinal);

        // Jobs never run on this test node, and the page says so instead of inventing a next run.
        Assert.NotNull(Forms.TextOf(html, "not-scheduled"));
        Assert.Contains("Belum pernah berjalan", Row(html, "job-pin-expiry"), StringComparison.Ordinal);
        Assert.NotNull(Forms.TextOf(html, "backlog-due"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_dead_letter_is_listed_masked_and_retrying_it_queues_it_again_with_an_audit_entry(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var recipient = $"siti.{Guid.NewGuid():N}@example.org";
        var id = await DeadLetterAsync(app, recipient, "550 mailbox unavailable");
        var admin = app.As(ActorRole.Administrator, userId: "ops-admin");

        var listed = await admin.GetStringAsync(DeadLettersUrl);
        var row = Row(listed, $"message-{id}");
        Assert.Contains("550 mailbox unavailable", row, StringComparison.Ordinal);
        Assert.Contains("••••.org", row, StringComparison.Ordinal);
        Assert.DoesNotContain(recipient, listed, StringComparison.Ordinal);
        Assert.Contains($"id=\"retry-{id}\"", row, StringComparison.Ordinal);

        var retried = await Forms.PostAsync(admin, DeadLettersUrl, $"/regulator/admin/outbox/{id}/retry", []);
        var after = await retried.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal("Pesan dijadwalkan untuk dikirim ulang.", Forms.TextOf(after, "done"));
        Assert.DoesNotContain($"id=\"message-{id}\"", after, StringComparison.Ordinal);
        var message = await app.WithDbAsync(d => d.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal(OutboxStatus.Pending, message.Status);
        Assert.Equal(0, message.Attempts);
        var subject = id.ToString(CultureInfo.InvariantCulture);
        var audit = Assert.Single(await app.WithDbAsync(d => d.AuditEntries.AsNoTracking().Where(a => a.Area == "outbox" && a.Subject == subject).ToListAsync()));
        Assert.Equal("ops-admin", audit.UserId);
        Assert.Contains("DeadLetter", audit.Before, StringComparison.Ordinal);
        Assert.Equal("Pending", audit.After);
        Assert.Contains($"id=\"message-{id}\"", await admin.GetStringAsync("/regulator/admin/outbox?status=Pending"), StringComparison.Ordinal);

        // A second click (a stale page) changes nothing and records nothing.
        var again = await Forms.PostAsync(admin, DeadLettersUrl, $"/regulator/admin/outbox/{id}/retry", []);
        Assert.NotNull(Forms.TextOf(await again.Content.ReadAsStringAsync(), "done"));
        Assert.Equal(1, await app.WithDbAsync(d => d.AuditEntries.CountAsync(a => a.Area == "outbox" && a.Subject == subject)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_supervisor_and_an_institution_officer_are_turned_away_like_from_the_other_admin_pages(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var id = await DeadLetterAsync(app, $"budi.{Guid.NewGuid():N}@example.org", "550 mailbox unavailable");
        var noRedirect = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };

        foreach (var (role, institution) in new[] { (ActorRole.Supervisor, (int?)null), (ActorRole.InstitutionOfficer, 1) })
        {
            var client = app.CreateClient(noRedirect);
            client.DefaultRequestHeaders.Add(TestSignInHandler.RoleHeader, role.ToString());
            if (institution is { } i)
            {
                client.DefaultRequestHeaders.Add("X-Test-Institution", i.ToString(CultureInfo.InvariantCulture));
            }

            var users = await client.GetAsync("/regulator/admin/users");
            Assert.NotEqual(HttpStatusCode.OK, users.StatusCode);
            foreach (var url in new[] { JobsUrl, DeadLettersUrl })
            {
                var response = await client.GetAsync(url);
                Assert.Equal(users.StatusCode, response.StatusCode);
                Assert.Equal(users.Headers.Location?.GetLeftPart(UriPartial.Path), response.Headers.Location?.GetLeftPart(UriPartial.Path));
            }

            // The retry itself is refused too (the antiforgery check comes first for a post without a token).
            var retry = await client.PostAsync($"/regulator/admin/outbox/{id}/retry", new FormUrlEncodedContent([]));
            Assert.NotEqual(HttpStatusCode.OK, retry.StatusCode);
            Assert.True((int)retry.StatusCode is >= 300 and < 500, $"{role}: {retry.StatusCode}");
        }

        Assert.Equal(OutboxStatus.DeadLetter, await app.WithDbAsync(d => d.OutboxMessages.Where(m => m.Id == id).Select(m => m.Status).SingleAsync()));
    }

    private static Task<long> DeadLetterAsync(ComplaintsApp app, string recipient, string error) => app.WithDbAsync(async d =>
    {
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var message = OutboxMessage.Create(
            NotificationChannel.Email, recipient, "id", "case.submitted", null, null,
            "Laporan Anda diterima", "Laporan Anda telah kami terima.", null, true, OutboxAttachment.None, now);
        message.MarkFailed(error, null, now);
        d.OutboxMessages.Add(message);
        await d.SaveChangesAsync();
        return message.Id;
    });

    private static IJobExecutionContext Context(IJob job, JobKey key) =>
        JobExecutionContextBuilder.For(job).WithJob(JobBuilder.Create().OfType(job.GetType()).WithIdentity(key).Build()).Build();

    /// <summary>The table row with this id.</summary>
    private static string Row(string html, string id)
    {
        var start = html.IndexOf($"id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No row {id} on the page.");
        var end = html.IndexOf("</tr>", start, StringComparison.Ordinal);
        return System.Net.WebUtility.HtmlDecode(html[start..end]);
    }
}
