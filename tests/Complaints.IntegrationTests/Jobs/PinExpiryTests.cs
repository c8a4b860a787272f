using System.Net;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Tracking;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Jobs;

/// <summary>A closed case's PIN lives for the policy's days after closure (365 by default), then number and PIN
/// open nothing; the signed-in owner keeps the case. Each test starts its own app on its own clock.</summary>
public sealed class PinExpiryTests
{
    private static readonly DateTime ClosedAt = new(2026, 3, 17, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_closed_cases_pin_stops_opening_it_after_a_year_while_its_signed_in_owner_still_sees_it(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(ClosedAt);
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var client = app.CreateClient();
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, TestCases.DisputeAgainst(institution));
        await TestCases.AsConsumerAsync(app, number, Trigger.Withdraw, null);
        var owner = await app.WithDbAsync(d => d.Cases.Where(c => c.TrackingNumber == number).Select(c => c.ConsumerId).SingleAsync());

        // A day before the year is out: nothing expires and number and PIN still open the case.
        clock.UtcNow = ClosedAt.AddDays(364);
        Assert.Equal(0, (await ExpireAsync(app)).Expired);
        Assert.Null(Forms.TextOf(await TrackAsync(client, number, pin), "tracking-error"));

        clock.UtcNow = ClosedAt.AddDays(365).AddMinutes(1);
        Assert.Equal(1, (await ExpireAsync(app)).Expired);
        Assert.Equal(0, (await ExpireAsync(app)).Expired);

        // The same answer as for a wrong PIN: nothing tells that the PIN was once right.
        var expired = Forms.TextOf(await TrackAsync(client, number, pin), "tracking-error");
        var wrong = Forms.TextOf(await TrackAsync(client, number, pin == "111111" ? "222222" : "111111"), "tracking-error");
        Assert.NotNull(expired);
        Assert.Equal(wrong, expired);

        var mine = app.As(ActorRole.Consumer, consumerId: owner, userId: "pin-owner");
        var page = await mine.GetAsync($"/my/cases/{number}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(number, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static async Task<ExpirePins.Result> ExpireAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ExpirePins>().HandleAsync(new());
    }

    private static async Task<string> TrackAsync(HttpClient client, string number, string pin)
    {
        var response = await Forms.PostAsync(client, "/track", "/track", [new("TrackingNumber", number), new("Pin", pin)]);
        return await response.Content.ReadAsStringAsync();
    }
}
