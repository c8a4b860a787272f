using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Infrastructure;

namespace Complaints.IntegrationTests.Api;

/// <summary>The consumer's portal moves through the API, proven by the tracking number and PIN.</summary>
public sealed class ConsumerApiActionsTests(SharedApps apps)
{
    private static HttpRequestMessage Act(string number, Trigger trigger, string pin, int version, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{number}/actions/{trigger}") { Content = JsonContent.Create(body) };
        request.Headers.Add("X-Case-Pin", pin);
        request.Headers.TryAddWithoutValidation("If-Match", $"\"{version}\"");
        return request;
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_consumer_rejects_the_answer_through_the_API_with_the_pin(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, number, institution);
        await TestCases.ActAsync(app, number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "officer", InstitutionId: institution),
            "Sesuai perjanjian kredit.", ResponseOutcome.Explanation);
        var version = await TestCases.VersionAsync(app, number);
        var wrongPin = pin == "000000" ? "111111" : "000000";

        var withoutReason = await client.SendAsync(Act(number, Trigger.Reject, pin, version, new { }));
        var staffMove = await client.SendAsync(Act(number, Trigger.StartEligibilityReview, pin, version, new { }));
        var wrong = await client.SendAsync(Act(number, Trigger.Reject, wrongPin, version, new { note = "Tidak puas." }));
        var stale = await client.SendAsync(Act(number, Trigger.Reject, pin, version - 1, new { note = "Tidak puas." }));
        var rejected = await client.SendAsync(Act(number, Trigger.Reject, pin, version, new { note = "Jawaban tidak menjawab pokok masalah." }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutReason.StatusCode);
        Assert.Equal("case.reasonRequired", (await withoutReason.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, staffMove.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal("EscalationRequested", (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Without_a_token_or_a_pin_an_action_is_401()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();
        var (number, _) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());

        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{number}/actions/Withdraw") { Content = JsonContent.Create(new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
