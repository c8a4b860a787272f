using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Portals;

public sealed partial class RegulatorPortalTests(SharedApps apps)
{
    private sealed record Filed(string Number, string Pin, string Nik, string Phone, string Name);

    /// <summary>A dispute filed through the public API by a consumer with their own NIK and phone number.</summary>
    private static async Task<Filed> FileAsync(ComplaintsApp app, string? description = null)
    {
        var serial = RandomNumberGenerator.GetInt32(1, 10_000);
        var nik = "320101120790" + serial.ToString("D4", CultureInfo.InvariantCulture);
        var digits = RandomNumberGenerator.GetInt32(10_000_000, 100_000_000).ToString(CultureInfo.InvariantCulture);
        var phone = $"0812-{digits[..4]}-{digits[4..]}";
        var name = "Dewi Lestari " + digits;
        var (number, pin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), new
        {
            kind = "Complaint",
            institutionName = "PT Bank Contoh Makmur",
            sector = "Banking",
            product = "savings",
            issueCategory = "unauthorized-transaction",
            description = description ?? "Saldo tabungan saya berkurang karena transaksi yang tidak pernah saya lakukan.",
            lossAmount = 2_500_000,
            consumer = new { name, email = $"dewi{digits}@example.org", whatsApp = phone, nik },
            consentGiven = true,
        });
        return new(number, pin, nik, phone, name);
    }

    private static KeyValuePair<string, string> F(string name, string value) => new(name, value);

    /// <summary>Whether a queue page lists the case (the search box may repeat the number).</summary>
    private static bool Listed(string number, string html) => html.Contains($"href=\"/regulator/cases/{number}\"", StringComparison.Ordinal);

    private static string CaseUrl(string number) => $"/regulator/cases/{number}";

    private static async Task<int> VersionOnPageAsync(HttpClient client, string number)
    {
        var html = await client.GetStringAsync(CaseUrl(number));
        return int.Parse(VersionField().Match(html).Groups[1].Value, CultureInfo.InvariantCulture);
    }

    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string number, Trigger trigger, params KeyValuePair<string, string>[] fields)
    {
        var version = await VersionOnPageAsync(client, number);
        return await Forms.PostAsync(client, CaseUrl(number), $"{CaseUrl(number)}/actions/{trigger}",
            [new("Version", version.ToString(CultureInfo.InvariantCulture)), .. fields]);
    }

    private static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    private static Task<Case> StoredAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.TrackingNumber == number));

    private static Task<int> AnyInstitutionAsync(ComplaintsApp app) =>
        app.WithDbAsync(db => db.Institutions.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());

    /// <summary>Arranges a forwarded, answered, rejected dispute up to a stage through the one action use case.</summary>
    private static async Task ArrangeAsync(ComplaintsApp app, string number, params (Trigger Trigger, Actor Actor, PerformCaseAction.Input? With)[] steps)
    {
        foreach (var (trigger, actor, with) in steps)
        {
            using var scope = app.Services.CreateScope();
            var perform = scope.ServiceProvider.GetRequiredService<PerformCaseAction>();
            var input = (with ?? new PerformCaseAction.Input { TrackingNumber = number, Trigger = trigger }) with { TrackingNumber = number, Trigger = trigger };
            var result = await perform.HandleAsync(input, actor);
            Assert.True(result.Outcome == PerformCaseAction.Outcome.Done, $"{trigger}: {result.Outcome} {result.ErrorCode}");
        }
    }

    private static async Task ToEligibilityReviewAsync(ComplaintsApp app, string number)
    {
        var institution = await AnyInstitutionAsync(app);
        var consumer = (await StoredAsync(app, number)).ConsumerId;
        var specialist = new Actor(ActorRole.Specialist, "arrange-specialist");
        await TestCases.ForwardAsync(app, number, institution, specialist, classifyBeforeScreening: true);
        await ArrangeAsync(app, number,
            (Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "arrange-officer", InstitutionId: institution),
                new PerformCaseAction.Input { TrackingNumber = number, Trigger = Trigger.Respond, Outcome = ResponseOutcome.Explanation, Note = "Transaksi sah menurut catatan kami." }),
            (Trigger.Reject, Actor.ForConsumer(consumer), new PerformCaseAction.Input { TrackingNumber = number, Trigger = Trigger.Reject, Note = "Saya tidak pernah melakukan transaksi itu." }),
            (Trigger.StartEligibilityReview, specialist, null));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_agent_sees_a_new_public_case_in_the_new_queue_but_not_a_restricted_one(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var open = await FileAsync(app);
        var restricted = await FileAsync(app);
        var specialist = app.As(ActorRole.Specialist);
        var version = await VersionOnPageAsync(specialist, restricted.Number);
        var classified = await Forms.PostAsync(specialist, CaseUrl(restricted.Number), $"{CaseUrl(restricted.Number)}/classify",
        [
            new("Version", version.ToString(CultureInfo.InvariantCulture)), new("Kind", "Complaint"), new("ComplaintType", "Violation"),
            new("Sector", "Banking"), new("Restricted", "true"),
        ]);
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        var agent = app.As(ActorRole.Agent);

        var newest = await agent.GetStringAsync("/regulator");
        var openSearch = await agent.GetStringAsync($"/regulator?queue=New&q={open.Number}");
        var restrictedSearch = await agent.GetStringAsync($"/regulator?queue=New&q={restricted.Number}");
        var restrictedPage = await agent.GetAsync(CaseUrl(restricted.Number));
        var specialistSearch = await specialist.GetStringAsync($"/regulator?queue=New&q={restricted.Number}");

        Assert.True(Listed(open.Number, newest), "listed");
        Assert.True(Listed(open.Number, openSearch), "listed");
        Assert.False(Listed(restricted.Number, newest), "not listed");
        Assert.False(Listed(restricted.Number, restrictedSearch), "not listed");
        Assert.Equal(HttpStatusCode.NotFound, restrictedPage.StatusCode);
        Assert.True(Listed(restricted.Number, specialistSearch), "listed");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Staff_find_a_case_by_nik_and_by_phone_written_any_way_and_see_them_unmasked(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        var other = await FileAsync(app);
        var agent = app.As(ActorRole.Agent);
        var internationalPhone = "+62 " + filed.Phone[1..].Replace("-", " ", StringComparison.Ordinal);

        var byNik = await agent.GetStringAsync($"/regulator?queue=AllOpen&q={filed.Nik}");
        var byPhone = await agent.GetStringAsync($"/regulator?queue=AllOpen&q={Uri.EscapeDataString(internationalPhone)}");
        var byName = await agent.GetStringAsync($"/regulator?queue=AllOpen&q={Uri.EscapeDataString(filed.Name.ToUpperInvariant())}");
        var page = await agent.GetStringAsync(CaseUrl(filed.Number));

        Assert.True(Listed(filed.Number, byNik), "listed");
        Assert.False(Listed(other.Number, byNik), "not listed");
        Assert.True(Listed(filed.Number, byPhone), "listed");
        Assert.False(Listed(other.Number, byPhone), "not listed");
        Assert.True(Listed(filed.Number, byName), "listed");
        Assert.Equal(filed.Nik, Forms.TextOf(page, "consumer-nik"));
        Assert.Equal("62" + filed.Phone[1..].Replace("-", "", StringComparison.Ordinal), Forms.TextOf(page, "consumer-phone"));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_specialist_classifies_a_case_and_forwards_it_to_an_institution(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        var institution = await AnyInstitutionAsync(app);
        var specialist = app.As(ActorRole.Specialist);

        var screening = await ActAsync(specialist, filed.Number, Trigger.StartScreening);
        var before = await TextAsync(screening);
        var version = await VersionOnPageAsync(specialist, filed.Number);
        var classified = await Forms.PostAsync(specialist, CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/classify",
        [
            new("Version", version.ToString(CultureInfo.InvariantCulture)), new("Kind", "Complaint"), new("ComplaintType", "Dispute"),
            new("Sector", "Banking"), new("Product", "savings"), new("IssueCategory", "unauthorized-transaction"),
        ]);
        var forwarded = await ActAsync(specialist, filed.Number, Trigger.ForwardToInstitution,
            F("InstitutionId", institution.ToString(CultureInfo.InvariantCulture)), F("Note", "Mohon ditangani."));
        var page = await TextAsync(forwarded);

        // Before classification the case is not a dispute, so forwarding is not offered.
        Assert.DoesNotContain("id=\"action-ForwardToInstitution\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, classified.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        Assert.Equal("Ditangani PUJK", Forms.TextOf(page, "case-state"));
        var stored = await StoredAsync(app, filed.Number);
        Assert.Equal(CaseState.WithInstitution, stored.State);
        Assert.Equal(institution, stored.InstitutionId);
        Assert.Equal(ComplaintType.Dispute, stored.ComplaintType);
        Assert.NotNull(stored.ForwardedAtUtc);
        var withInstitution = await specialist.GetStringAsync($"/regulator?queue=WithInstitution&q={filed.Number}");
        Assert.True(Listed(filed.Number, withInstitution), "listed");
        var unknownTrigger = await Forms.PostAsync(specialist, CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/actions/Nonsense", [F("Version", "1")]);
        Assert.Equal(HttpStatusCode.NotFound, unknownTrigger.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_action_on_a_stale_version_shows_the_conflict_keeps_the_input_and_changes_nothing(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        var agent = app.As(ActorRole.Agent, userId: "agent-one");
        var stale = await VersionOnPageAsync(agent, filed.Number);
        // Meanwhile a colleague takes the case.
        var taken = await Forms.PostAsync(app.As(ActorRole.Agent, userId: "agent-two"), CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/assign",
            [new("Version", stale.ToString(CultureInfo.InvariantCulture)), new("UserId", "agent-two")]);
        Assert.Equal(HttpStatusCode.OK, taken.StatusCode);

        var response = await Forms.PostAsync(agent, CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/actions/{Trigger.HandOver}",
            [new("Version", stale.ToString(CultureInfo.InvariantCulture)), new("Note", "Perlu analis untuk produk investasi")]);
        var html = await TextAsync(response);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("baru saja diubah orang lain", Forms.TextOf(html, "case-problem"), StringComparison.Ordinal);
        Assert.Contains("Perlu analis untuk produk investasi</textarea>", html, StringComparison.Ordinal);
        var stored = await StoredAsync(app, filed.Number);
        Assert.Equal(1, stored.Tier);
        Assert.Equal(stale + 1, stored.Version);
        // The colleague's assignment is in the history; the stale hand-over is not.
        Assert.Equal(2, stored.EventCount);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_administrator_without_a_case_role_cannot_open_a_case_page(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        var admin = app.As(ActorRole.Administrator);

        var page = await admin.GetAsync(CaseUrl(filed.Number));
        var queue = await admin.GetStringAsync("/regulator?queue=AllOpen");
        var file = await admin.GetAsync($"{CaseUrl(filed.Number)}/attachments/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.DoesNotContain(filed.Name, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(Listed(filed.Number, queue), "not listed");
        Assert.Contains("id=\"no-case-role\"", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, file.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Closing_as_ineligible_at_review_without_the_failed_rule_is_refused_with_a_localized_message(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        await ToEligibilityReviewAsync(app, filed.Number);
        var specialist = app.As(ActorRole.Specialist);

        var page = await specialist.GetStringAsync(CaseUrl(filed.Number));
        var refused = await ActAsync(specialist, filed.Number, Trigger.CloseIneligible, F("Note", "Sudah di LAPS"));
        var html = await TextAsync(refused);
        var closed = await ActAsync(specialist, filed.Number, Trigger.CloseIneligible,
            F("Note", "Sudah di LAPS"), F("FailedRule", nameof(EligibilityRule.NotInCourtArbitrationOrLaps)));

        Assert.Contains("id=\"eligibility\"", page, StringComparison.Ordinal);
        Assert.Contains("eligibility-pass\" id=\"rule-LossWithinCap\"", page, StringComparison.Ordinal);
        Assert.Contains("eligibility-pass\" id=\"rule-NeverFacilitatedBefore\"", page, StringComparison.Ordinal);
        Assert.Contains("eligibility-check\" id=\"rule-NotInCourtArbitrationOrLaps\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("Pilih syarat kelayakan yang tidak terpenuhi.", Forms.TextOf(html, "case-problem"));
        Assert.Contains("Sudah di LAPS</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var stored = await StoredAsync(app, filed.Number);
        Assert.Equal(CaseState.ClosedIneligible, stored.State);
        Assert.Equal(EligibilityRule.NotInCourtArbitrationOrLaps, stored.FailedRule);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_internal_note_and_a_regulator_only_event_stay_out_of_the_consumers_tracking_page(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        var agent = app.As(ActorRole.Agent);

        var noted = await Forms.PostAsync(agent, CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/messages",
            [new("Audience", "InternalNote"), new("Body", "Catatan internal: nasabah prioritas 7731")]);
        var handedOver = await ActAsync(agent, filed.Number, Trigger.HandOver, F("Note", "Alasan internal 4410"));
        var regulatorPage = await TextAsync(handedOver);
        var tracked = await TextAsync(await Forms.PostAsync(app.CreateClient(), "/track", "/track", [new("TrackingNumber", filed.Number), new("Pin", filed.Pin)]));

        Assert.Equal(HttpStatusCode.OK, noted.StatusCode);
        Assert.Contains("Catatan internal: nasabah prioritas 7731", regulatorPage, StringComparison.Ordinal);
        Assert.Contains("Alasan internal 4410", regulatorPage, StringComparison.Ordinal);
        Assert.Contains(filed.Number, tracked, StringComparison.Ordinal);
        Assert.DoesNotContain("7731", tracked, StringComparison.Ordinal);
        Assert.DoesNotContain("4410", tracked, StringComparison.Ordinal);
        Assert.Equal(2, (await StoredAsync(app, filed.Number)).Tier);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_specialist_schedules_a_clarification_meeting_and_records_its_minutes(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        await ToEligibilityReviewAsync(app, filed.Number);
        var specialist = app.As(ActorRole.Specialist);

        var notChecked = await ActAsync(specialist, filed.Number, Trigger.ScheduleClarificationMeeting);
        var moved = await ActAsync(specialist, filed.Number, Trigger.ScheduleClarificationMeeting, F("NotInCourt", "true"));
        var missingPlace = await Forms.PostAsync(specialist, CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/meetings",
            [new("StartsAt", "2099-03-02T10:00"), new("Participants", "Konsumen; PT Bank")]);
        var scheduled = await Forms.PostAsync(specialist, CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/meetings",
            [new("StartsAt", "2099-03-02T10:00"), new("Location", "Gedung OJK Wisma Mulia 2, lantai 5"), new("Participants", "Konsumen; PT Bank")]);
        var meetingId = await app.WithDbAsync(async ctx =>
        {
            var caseId = (await ctx.Cases.SingleAsync(c => c.TrackingNumber == filed.Number)).Id;
            return (await ctx.CaseMeetings.SingleAsync(m => m.CaseId == caseId)).Id;
        });
        var minuted = await Forms.PostAsync(specialist, CaseUrl(filed.Number), $"{CaseUrl(filed.Number)}/meetings/{meetingId}/minutes",
            [new("Minutes", "Para pihak sepakat menelaah ulang mutasi rekening.")]);
        var page = await TextAsync(minuted);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, notChecked.StatusCode);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missingPlace.StatusCode);
        Assert.Contains("Konsumen; PT Bank</textarea>", await TextAsync(missingPlace), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        Assert.Contains("2 Maret 2099 10.00 WIB", page, StringComparison.Ordinal);
        Assert.Contains("Gedung OJK Wisma Mulia 2, lantai 5", page, StringComparison.Ordinal);
        Assert.Contains("Para pihak sepakat menelaah ulang mutasi rekening.", page, StringComparison.Ordinal);
        var meeting = await app.WithDbAsync(ctx => ctx.CaseMeetings.AsNoTracking().SingleAsync(m => m.Id == meetingId));
        Assert.Equal(new DateTime(2099, 3, 2, 3, 0, 0, DateTimeKind.Utc), meeting.ScheduledAtUtc);
        Assert.Equal(MeetingKind.Clarification, meeting.Kind);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Staff_download_a_consumers_file_through_the_case_and_agents_not_from_a_restricted_case(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var filed = await FileAsync(app);
        var pdf = TestFiles.Pdf("rekening koran");
        var upload = new MultipartFormDataContent
        {
            { new StringContent(filed.Pin), "pin" },
            { new ByteArrayContent(pdf), "files", "rekening.pdf" },
        };
        Assert.True((await app.CreateClient().PostAsync($"/api/v1/cases/{filed.Number}/attachments", upload)).IsSuccessStatusCode);
        var attachmentId = await app.WithDbAsync(async ctx =>
        {
            var caseId = (await ctx.Cases.SingleAsync(c => c.TrackingNumber == filed.Number)).Id;
            return (await ctx.Attachments.SingleAsync(a => a.CaseId == caseId)).Id;
        });
        var url = $"{CaseUrl(filed.Number)}/attachments/{attachmentId}";
        var agent = app.As(ActorRole.Agent);

        var page = await agent.GetStringAsync(CaseUrl(filed.Number));
        var downloaded = await agent.GetAsync(url);
        var bytes = await downloaded.Content.ReadAsByteArrayAsync();
        var otherCase = await FileAsync(app);
        var wrongCase = await agent.GetAsync($"{CaseUrl(otherCase.Number)}/attachments/{attachmentId}");
        await app.WithDbAsync(async ctx =>
        {
            var c = await ctx.Cases.SingleAsync(x => x.TrackingNumber == filed.Number);
            c.MarkRestricted();
            return await ctx.SaveChangesAsync();
        });
        var restricted = await agent.GetAsync(url);

        Assert.Contains(url, page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, downloaded.StatusCode);
        Assert.Equal(pdf, bytes);
        Assert.Equal("application/pdf", downloaded.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, wrongCase.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, restricted.StatusCode);
    }

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
