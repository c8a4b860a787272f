using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Complaints.IntegrationTests.Infrastructure.ApiClients;
using static Complaints.IntegrationTests.Infrastructure.TestCases;

namespace Complaints.IntegrationTests.Api;

/// <summary>The portals' case work that is not a trigger (classification, assignment, messages, meetings)
/// done by institutions' systems and regulator tools through the API.</summary>
public sealed class PartyCaseWorkApiTests(SharedApps apps)
{
    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Screening_classifies_through_the_API_and_then_forwards_the_case(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var institution = await NewInstitutionAsync(app);
        var agent = await BearerAsync(app, ActorRole.Agent);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), DisputeAgainst(institution));
        await FireAsync(agent, number, "StartScreening");
        // Not yet a dispute: the lifecycle offers no forwarding.
        Assert.DoesNotContain("ForwardToInstitution", await TriggersAsync(agent, number));

        var missing = await ClassifyAsync(agent, number, null, Dispute());
        var incomplete = await ClassifyAsync(agent, number, await ETagAsync(agent, number), new { kind = "Complaint", sector = "Banking" });
        var classified = await ClassifyAsync(agent, number, await ETagAsync(agent, number), Dispute());

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Equal("application/problem+json", incomplete.Content.Headers.ContentType?.MediaType);
        var fields = (await incomplete.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("Pilih jenis pengaduan.", fields.GetProperty("complaintType")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        var body = await classified.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Dispute", body.GetProperty("complaintType").GetString());
        Assert.Equal($"\"{body.GetProperty("version").GetInt32()}\"", classified.Headers.ETag?.ToString());
        var view = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal("Dispute", view.GetProperty("complaintType").GetString());
        Assert.Equal("unauthorized-transaction", view.GetProperty("issueCategory").GetString());

        Assert.Equal("WithInstitution", await FireAsync(agent, number, "ForwardToInstitution", new { institutionId = institution }));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_stale_version_on_classification_is_a_conflict_and_changes_nothing(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var agent = await BearerAsync(app, ActorRole.Agent);
        var colleague = await BearerAsync(app, ActorRole.Agent);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), DisputeAgainst(await NewInstitutionAsync(app)));
        await FireAsync(agent, number, "StartScreening");
        var seen = await ETagAsync(agent, number);
        Assert.Equal(HttpStatusCode.OK, (await ClassifyAsync(colleague, number, seen, Dispute())).StatusCode);
        var after = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");

        var stale = await ClassifyAsync(agent, number, seen, new { kind = "Complaint", complaintType = "Violation", sector = "Banking" });

        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        var problem = await stale.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(after.GetProperty("version").GetInt32(), problem.GetProperty("currentVersion").GetInt32());
        Assert.Equal($"\"{after.GetProperty("version").GetInt32()}\"", stale.Headers.ETag?.ToString());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("correlationId").GetString()));
        Assert.Contains("Verifikasi", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        var now = await agent.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}");
        Assert.Equal("Dispute", now.GetProperty("complaintType").GetString());
        Assert.Equal(after.GetProperty("version").GetInt32(), now.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_institution_cannot_classify_and_never_reads_the_regulators_internal_notes(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, institution, other) = await ForwardedCaseAsync(app);
        var agent = await BearerAsync(app, ActorRole.Agent);
        var officer = await BearerAsync(app, ActorRole.InstitutionOfficer, institution);
        var stranger = await BearerAsync(app, ActorRole.InstitutionOfficer, other);
        var versionBefore = await VersionAsync(app, number);

        var classify = await ClassifyAsync(officer, number, $"\"{versionBefore}\"", new { kind = "Complaint", complaintType = "Violation" });
        Assert.Equal(HttpStatusCode.Forbidden, classify.StatusCode);
        Assert.Equal("application/problem+json", classify.Content.Headers.ContentType?.MediaType);
        Assert.Equal(versionBefore, await VersionAsync(app, number));

        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(agent, number, new { body = "Catatan internal: nasabah prioritas.", audience = "Internal" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(agent, number, new { body = "Kepada konsumen: mohon bersabar.", audience = "Consumer" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(agent, number, new { body = "Kepada para pihak: jadwal menyusul.", audience = "Parties" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await PostMessageAsync(officer, number, new { body = "Kami sedang memeriksa mutasi rekening." })).StatusCode);
        var toConsumer = await PostMessageAsync(officer, number, new { body = "Langsung ke konsumen.", audience = "Consumer" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, toConsumer.StatusCode);
        Assert.Equal("message.institutionToRegulator", (await toConsumer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var officerSees = await MessageBodiesAsync(officer, number);
        Assert.Contains("Kepada para pihak: jadwal menyusul.", officerSees);
        Assert.Contains("Kami sedang memeriksa mutasi rekening.", officerSees);
        Assert.DoesNotContain("Catatan internal: nasabah prioritas.", officerSees);
        Assert.DoesNotContain("Kepada konsumen: mohon bersabar.", officerSees);
        Assert.DoesNotContain("Langsung ke konsumen.", officerSees);
        Assert.Equal(
            ["Catatan internal: nasabah prioritas.", "Kepada konsumen: mohon bersabar.", "Kepada para pihak: jadwal menyusul.", "Kami sedang memeriksa mutasi rekening."],
            await MessageBodiesAsync(agent, number));
        // Another institution learns nothing, not even that the case exists.
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/cases/{number}/messages")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostMessageAsync(stranger, number, new { body = "Halo?" })).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_agent_takes_a_case_itself_but_only_a_supervisor_assigns_others(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (agentId, agentSecret) = await NewApiClientAsync(app, ActorRole.Agent);
        var agent = await BearerAsync(app, agentId, agentSecret);
        var supervisor = await BearerAsync(app, ActorRole.Supervisor);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());

        var other = await AssignAsync(agent, number, await ETagAsync(agent, number), new { userId = "someone-else" });
        var taken = await AssignAsync(agent, number, await ETagAsync(agent, number), new { userId = agentId });
        var stale = await AssignAsync(supervisor, number, "\"0\"", new { userId = (string?)null });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal("assign.onlyYourself", (await other.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);
        Assert.Equal(agentId, (await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("assignedTo").GetString());
        Assert.Equal(agentId, await app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => c.AssignedToUserId).SingleAsync()));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        var unassigned = await AssignAsync(supervisor, number, await ETagAsync(supervisor, number), new { userId = (string?)null });
        Assert.Equal(HttpStatusCode.OK, unassigned.StatusCode);
        Assert.Null(await app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => c.AssignedToUserId).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_specialist_schedules_a_clarification_meeting_and_records_its_minutes(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, institution, _) = await ForwardedCaseAsync(app);
        var officer = await BearerAsync(app, ActorRole.InstitutionOfficer, institution);
        var specialist = await BearerAsync(app, ActorRole.Specialist);
        var agent = await BearerAsync(app, ActorRole.Agent);
        await FireAsync(officer, number, "Respond", new { outcome = "Explanation", note = "Transaksi dengan OTP yang benar." });
        await AsConsumerAsync(app, number, Trigger.Reject, "Saya tidak pernah memberikan OTP.");
        await FireAsync(specialist, number, "StartEligibilityReview");
        var day = DateTime.UtcNow.AddDays(7).Date;
        var wib = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T10:00:00+07:00";
        var meeting = new { scheduledAt = wib, location = "Kantor Regulator, Jakarta", participants = "Konsumen, PT Bank, Spesialis" };

        var byAgent = await agent.PostAsJsonAsync($"/api/v1/cases/{number}/meetings", meeting);
        var byOfficer = await officer.PostAsJsonAsync($"/api/v1/cases/{number}/meetings", meeting);
        var wrongKind = await specialist.PostAsJsonAsync($"/api/v1/cases/{number}/meetings", new { kind = "Facilitation", scheduledAt = wib, location = "Jakarta", participants = "Para pihak" });
        var past = await specialist.PostAsJsonAsync($"/api/v1/cases/{number}/meetings", new { scheduledAt = "2020-01-01T10:00:00+07:00", location = "Jakarta", participants = "Para pihak" });
        var created = await specialist.PostAsJsonAsync($"/api/v1/cases/{number}/meetings", meeting with { });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, byAgent.StatusCode);
        Assert.Equal("meeting.notNow", (await byAgent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, byOfficer.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongKind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.True((await past.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scheduledAt", out _));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var scheduled = await created.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Clarification", scheduled.GetProperty("kind").GetString());
        Assert.Equal(day.AddHours(3), scheduled.GetProperty("scheduledAt").GetDateTime());
        var id = scheduled.GetProperty("id").GetGuid();

        var empty = await specialist.PutAsJsonAsync($"/api/v1/cases/{number}/meetings/{id}/minutes", new { minutes = " " });
        var recorded = await specialist.PutAsJsonAsync($"/api/v1/cases/{number}/meetings/{id}/minutes", new { minutes = "Para pihak sepakat melanjutkan ke fasilitasi." });
        var unknown = await specialist.PutAsJsonAsync($"/api/v1/cases/{number}/meetings/{Guid.NewGuid()}/minutes", new { minutes = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var listed = (await specialist.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/meetings")).EnumerateArray().Single();
        Assert.Equal(id, listed.GetProperty("id").GetGuid());
        Assert.Equal("Para pihak sepakat melanjutkan ke fasilitasi.", listed.GetProperty("minutes").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_case_work_endpoints()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);

        var paths = (await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("paths");

        Assert.True(paths.GetProperty("/api/v1/cases/{trackingNumber}/classification").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/cases/{trackingNumber}/assignment").TryGetProperty("put", out _));
        Assert.True(paths.GetProperty("/api/v1/cases/{trackingNumber}/messages").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/cases/{trackingNumber}/messages").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/cases/{trackingNumber}/meetings").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/cases/{trackingNumber}/meetings/{meetingId}/minutes").TryGetProperty("put", out _));
    }

    // --- Arrange -----------------------------------------------------------------------------------------------

    private static object Dispute() => new
    {
        kind = "Complaint",
        complaintType = "Dispute",
        sector = "Banking",
        product = "savings",
        issueCategory = "unauthorized-transaction",
        restricted = false,
    };

    /// <summary>Filed, screened, classified and forwarded by an agent, all through the API.</summary>
    private static async Task<(string Number, int Institution, int Other)> ForwardedCaseAsync(ComplaintsApp app)
    {
        var institution = await NewInstitutionAsync(app);
        var other = await NewInstitutionAsync(app);
        var agent = await BearerAsync(app, ActorRole.Agent);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), DisputeAgainst(institution));
        await FireAsync(agent, number, "StartScreening");
        Assert.Equal(HttpStatusCode.OK, (await ClassifyAsync(agent, number, await ETagAsync(agent, number), Dispute())).StatusCode);
        Assert.Equal("WithInstitution", await FireAsync(agent, number, "ForwardToInstitution", new { institutionId = institution }));
        return (number, institution, other);
    }

    // --- Through HTTP ------------------------------------------------------------------------------------------

    private static async Task<string> ETagAsync(HttpClient client, string number)
    {
        var response = await client.GetAsync($"/api/v1/cases/{number}/actions");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response.Headers.ETag!.ToString();
    }

    private static async Task<List<string?>> TriggersAsync(HttpClient client, string number) =>
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/cases/{number}/actions")).EnumerateArray().Select(a => a.GetProperty("trigger").GetString()).ToList();

    /// <summary>Fires an offered trigger with the current version; the new state.</summary>
    private static async Task<string?> FireAsync(HttpClient client, string number, string trigger, object? body = null)
    {
        Assert.Contains(trigger, await TriggersAsync(client, number));
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{number}/actions/{trigger}") { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.TryAddWithoutValidation("If-Match", await ETagAsync(client, number));
        var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{trigger}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString();
    }

    private static Task<HttpResponseMessage> ClassifyAsync(HttpClient client, string number, string? ifMatch, object body) =>
        PutAsync(client, $"/api/v1/cases/{number}/classification", ifMatch, body);

    private static Task<HttpResponseMessage> AssignAsync(HttpClient client, string number, string? ifMatch, object body) =>
        PutAsync(client, $"/api/v1/cases/{number}/assignment", ifMatch, body);

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, string? ifMatch, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static Task<HttpResponseMessage> PostMessageAsync(HttpClient client, string number, object body) =>
        client.PostAsJsonAsync($"/api/v1/cases/{number}/messages", body);

    private static async Task<List<string?>> MessageBodiesAsync(HttpClient client, string number)
    {
        var response = await client.GetAsync($"/api/v1/cases/{number}/messages");
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().Select(m => m.GetProperty("body").GetString()).ToList();
    }
}
