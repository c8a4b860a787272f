using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Features.Seeding;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Complaints.IntegrationTests.Platform;

public sealed class PlatformTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Liveness_and_readiness_answer_healthy_with_the_database_reachable(DatabaseProvider db)
    {
        var client = (await apps.GetAsync(db)).CreateClient();

        Assert.Equal("Healthy", await client.GetStringAsync("/health/live"));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Reference_data_ships_with_the_product(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);

        var (holidays, institutions, illegal, idulFitri) = await app.WithDbAsync(async ctx => (
            await ctx.Holidays.CountAsync(),
            await ctx.Institutions.CountAsync(),
            await ctx.IllegalEntities.CountAsync(),
            await ctx.Holidays.AnyAsync(h => h.Date == new DateOnly(2026, 3, 23))));

        Assert.True(holidays >= 100, $"{holidays} holidays for 2024-2027");
        Assert.True(idulFitri, "collective leave after Idul Fitri 2026 is a day off");
        // Other tests add institutions to the shared database; the 94 shipped lenders are there from the start.
        Assert.True(institutions >= 94, $"{institutions} institutions");
        Assert.Equal(9_019, illegal);
    }

    [Fact]
    public async Task Development_seeds_demo_cases_that_can_be_tracked_with_the_demo_pin()
    {
        await using var app = new ComplaintsApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Seed:DemoData"] = "true" });
        var client = app.CreateClient();

        var states = new List<string>();
        for (var n = 1; n <= 6; n++)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{DemoDataSeeder.DemoTrackingNumber(n)}");
            request.Headers.Add("X-Case-Pin", DemoDataSeeder.DemoPin);
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            states.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString()!);
        }

        Assert.Equal(["Submitted", "WithInstitution", "ConsumerReview", "EligibilityReview", "ClosedResolved", "Answered"], states);
    }

    [Fact]
    public async Task Responses_carry_security_headers_and_a_correlation_id()
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateClient();

        var response = await client.GetAsync("/");

        Assert.Contains("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.False(string.IsNullOrWhiteSpace(response.Headers.GetValues("X-Correlation-Id").Single()));
    }

    [Fact]
    public async Task An_unknown_page_is_a_localized_404_with_the_correlation_id()
    {
        var client = (await apps.GetAsync(DatabaseProvider.Sqlite)).CreateClient();
        var request = new HttpRequestMessage(HttpMethod.Get, "/no-such-page");
        request.Headers.Add("X-Correlation-Id", "test-corr-404");

        var response = await client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Halaman tidak ditemukan", html, StringComparison.Ordinal);
        Assert.Contains("test-corr-404", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Repeated_wrong_pins_for_one_number_are_refused_even_with_the_right_pin()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (number, pin) = await Api.PublicCasesApiTests.FileAsync(client, Api.PublicCasesApiTests.ValidComplaint());
        var wrong = pin == "000000" ? "111111" : "000000";

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await Get(client, number, wrong)).StatusCode);
        }

        var locked = await Get(client, number, pin);
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.Contains("Terlalu banyak percobaan", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The same limit applies to numbers that do not exist, so it reveals nothing.
        var unknown = Complaints.Core.Domain.Cases.TrackingNumber.New();
        for (var i = 0; i < 5; i++)
        {
            await Get(client, unknown, wrong);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await Get(client, unknown, wrong)).StatusCode);
    }

    [Fact]
    public async Task Lookups_from_one_address_are_rate_limited()
    {
        await using var app = new ComplaintsApp(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["RateLimits:TrackingPerMinute"] = "3" });
        var client = app.CreateClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await Get(client, Complaints.Core.Domain.Cases.TrackingNumber.New(), "123456")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
    }

    private static Task<HttpResponseMessage> Get(HttpClient client, string number, string pin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{number}");
        request.Headers.Add("X-Case-Pin", pin);
        return client.SendAsync(request);
    }
}
