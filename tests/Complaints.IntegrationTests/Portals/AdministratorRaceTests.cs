using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Administration;
using Complaints.Core.Features.Notifications;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Complaints.IntegrationTests.Portals;

/// <summary>
/// Two administrators save the first change of the same duration or template at the same moment: neither row
/// existed when each read it. The later save must not fail (it used to end in a 500 on the primary key): it is
/// applied over the earlier one, and the change log shows both in order.
/// </summary>
public sealed class AdministratorRaceTests
{
    private static readonly Actor First = new(ActorRole.Administrator, "admin-first");
    private static readonly Actor Second = new(ActorRole.Administrator, "admin-second");

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_later_of_two_simultaneous_first_changes_to_a_duration_is_saved_over_the_earlier(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = new ComplaintsApp(db);
        var duration = DeadlinePolicies.Durations[0];
        var (earlier, later) = (duration.Max, duration.Max - 1);

        await using var racing = await RacingContextAsync(app, async () =>
        {
            using var scope = app.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<UpdateDeadlinePolicy>()
                .HandleAsync(new(new Dictionary<string, string?> { [duration.Key] = earlier.ToString(System.Globalization.CultureInfo.InvariantCulture) }), First);
            Assert.Equal([duration.Key], result.Changed);
        });
        var update = new UpdateDeadlinePolicy(racing, app.Services.GetRequiredService<DeadlinePolicies>(), TimeProvider.System, NullLogger<UpdateDeadlinePolicy>.Instance);
        var saved = await update.HandleAsync(new(new Dictionary<string, string?> { [duration.Key] = later.ToString(System.Globalization.CultureInfo.InvariantCulture) }), Second);

        Assert.Equal([duration.Key], saved.Changed);
        Assert.Equal(later, await app.WithDbAsync(d => d.PolicySettings.Where(s => s.Key == duration.Key).Select(s => s.Value).SingleAsync()));
        var log = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.Area == "policy" && a.Subject == duration.Key).OrderBy(a => a.Id).Select(a => new { a.UserId, a.Before, a.After }).ToListAsync());
        Assert.Equal(2, log.Count);
        Assert.Equal(("admin-first", earlier.ToString(System.Globalization.CultureInfo.InvariantCulture)), (log[0].UserId, log[0].After));
        Assert.Equal(("admin-second", earlier.ToString(System.Globalization.CultureInfo.InvariantCulture), later.ToString(System.Globalization.CultureInfo.InvariantCulture)), (log[1].UserId, log[1].Before, log[1].After));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_later_of_two_simultaneous_first_changes_to_a_template_is_saved_over_the_earlier(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        await using var app = new ComplaintsApp(db);
        var key = NotificationTemplates.All[0].Key;
        var shipped = app.Services.GetRequiredService<NotificationTemplates>().Default(key, "id");
        UpdateNotificationTemplate.Input Edit(string mark) => new(key, "id", shipped.Subject, shipped.Body + "\n" + mark, shipped.ShortText);

        await using var racing = await RacingContextAsync(app, async () =>
        {
            using var scope = app.Services.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<UpdateNotificationTemplate>().HandleAsync(Edit("Salam dari admin pertama."), First);
            Assert.Equal(UpdateNotificationTemplate.Outcome.Saved, result.Outcome);
        });
        var update = new UpdateNotificationTemplate(
            racing, app.Services.GetRequiredService<NotificationTemplates>(), TimeProvider.System, NullLogger<UpdateNotificationTemplate>.Instance);
        var saved = await update.HandleAsync(Edit("Salam dari admin kedua."), Second);

        Assert.Equal(UpdateNotificationTemplate.Outcome.Saved, saved.Outcome);
        var body = await app.WithDbAsync(d => d.NotificationTemplates.Where(t => t.Key == key && t.Culture == "id").Select(t => t.Body).SingleAsync());
        Assert.EndsWith("Salam dari admin kedua.", body, StringComparison.Ordinal);
        var authors = await app.WithDbAsync(d => d.AuditEntries.Where(a => a.Area == "template" && a.Subject == key + "/id").OrderBy(a => a.Id).Select(a => a.UserId).ToListAsync());
        Assert.Equal(["admin-first", "admin-second"], authors);
    }

    /// <summary>A context on the app's database whose first save lets the other administrator save first.</summary>
    private static async Task<ComplaintsDbContext> RacingContextAsync(ComplaintsApp app, Func<Task> otherAdministrator)
    {
        var connection = await app.WithDbAsync(d => Task.FromResult(d.Database.GetConnectionString()!));
        return new ComplaintsDbContext(new DbContextOptionsBuilder<ComplaintsDbContext>()
            .UseComplaintsDatabase(app.Provider, connection)
            .AddInterceptors(new FirstSaveWaitsFor(otherAdministrator))
            .Options);
    }

    private sealed class FirstSaveWaitsFor(Func<Task> other) : SaveChangesInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
            DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await other();
            }

            return result;
        }
    }
}
