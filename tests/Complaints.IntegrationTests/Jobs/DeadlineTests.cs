using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Deadlines;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Jobs;

/// <summary>
/// Deadlines that enforce themselves, on the real calendar, with the clock under the test's control. Each test
/// starts its own app: the clock replaces the app's TimeProvider. 2026 is the year of the real holiday data:
/// Nyepi and Idul Fitri with collective leave keep 18-24 March off, Good Friday is 3 April.
/// </summary>
public sealed class DeadlineTests
{
    private static readonly Actor Agent = new(ActorRole.Agent, "test-agent");
    private static readonly Actor Specialist = new(ActorRole.Specialist, "test-specialist");

    /// <summary>Tuesday 17 March 2026, 10:00 in Jakarta: the last working day before the holidays.</summary>
    private static readonly DateTime BeforeIdulFitri = new(2026, 3, 17, 3, 0, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Institution_that_misses_its_deadline_across_Idul_Fitri_is_marked_untimely_once_by_the_system(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock);
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, pin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, number, institution);

        // 10 working days from Tuesday 17 March: 18-24 March are off, so 25, 26, 27, 30, 31 March, 1, 2 April,
        // (3 April Good Friday), 6, 7, 8 April.
        var tracked = await TrackAsync(app, number, pin);
        Assert.Equal("2026-04-08", tracked.GetProperty("deadline").GetProperty("dueDate").GetString());
        var dueAt = WorkingDayCalendar.EndOfJakartaDayUtc(new DateOnly(2026, 4, 8));

        clock.UtcNow = dueAt.AddMinutes(-1);
        var early = await SweepAsync(app);
        Assert.Equal(0, early.Total);
        Assert.DoesNotContain("RequestEscalation", Actions(await TrackAsync(app, number, pin)));

        clock.UtcNow = dueAt.AddMinutes(1);
        var late = await SweepAsync(app);
        Assert.Equal(1, late.Fired[Trigger.InstitutionDeadlinePassed]);

        // The consumer sees the system's step in the history and may now escalate.
        tracked = await TrackAsync(app, number, pin);
        Assert.Equal("WithInstitution", tracked.GetProperty("state").GetString());
        Assert.Contains("RequestEscalation", Actions(tracked));
        var last = tracked.GetProperty("events").EnumerateArray().Last(e => e.GetProperty("trigger").GetString() == "InstitutionDeadlinePassed");
        Assert.Equal("System", last.GetProperty("actor").GetString());
        var eventsAfterFirst = tracked.GetProperty("events").GetArrayLength();

        // A second run, even much later, finds nothing to do: the untimely case is not read again.
        clock.UtcNow = dueAt.AddDays(3);
        var again = await SweepAsync(app);
        Assert.Equal(0, again.Total);
        Assert.Equal(0, again.Skipped);
        Assert.Equal(eventsAfterFirst, (await TrackAsync(app, number, pin)).GetProperty("events").GetArrayLength());
        Assert.True(await app.WithDbAsync(d => d.Cases.Where(c => c.TrackingNumber == number).Select(c => c.IsUntimely).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Unanswered_documents_request_decision_and_facilitation_signature_close_their_cases_as_the_system(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock);
        var institution = await TestCases.NewInstitutionAsync(app);
        var client = app.CreateClient();

        // Documents asked at screening: 20 working days for the consumer.
        var (documents, documentsPin) = await PublicCasesApiTests.FileAsync(client, TestCases.DisputeAgainst(institution));
        await TestCases.ActAsync(app, documents, Trigger.StartScreening, Agent);
        await TestCases.ActAsync(app, documents, Trigger.RequestDocuments, Agent, note: "Mohon unggah mutasi rekening.");

        // The institution answered: 60 working days for the consumer's decision.
        var (decision, decisionPin) = await PublicCasesApiTests.FileAsync(client, TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, decision, institution);
        await RespondAsync(app, decision, institution);

        // Facilitation proposed: 10 working days for the consumer's signature.
        var (signature, signaturePin) = await PublicCasesApiTests.FileAsync(client, TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, signature, institution);
        await RespondAsync(app, signature, institution);
        await TestCases.AsConsumerAsync(app, signature, Trigger.Reject, "Jawaban tidak menyelesaikan masalah.");
        await TestCases.ActAsync(app, signature, Trigger.StartEligibilityReview, Specialist);
        await TestCases.ActAsync(app, signature, Trigger.ScheduleClarificationMeeting, Specialist);
        await TestCases.ActAsync(app, signature, Trigger.ProposeFacilitation, Specialist);

        var cases = new[] { (documents, documentsPin, "ClosedWithdrawn"), (decision, decisionPin, "ClosedNoFeedback"), (signature, signaturePin, "ClosedNoAgreement") };
        var dueDates = new List<DateOnly>();
        foreach (var (number, pin, _) in cases)
        {
            dueDates.Add(DateOnly.Parse(
                (await TrackAsync(app, number, pin)).GetProperty("deadline").GetProperty("dueDate").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        // From 17 March, across the holidays and Good Friday.
        Assert.Equal([new DateOnly(2026, 4, 22), new DateOnly(2026, 6, 26), new DateOnly(2026, 4, 8)], dueDates);

        // Each clock: nothing the minute before its day ends, its own move the minute after.
        var expected = new[] { Trigger.DocumentsDeadlinePassed, Trigger.DecisionDeadlinePassed, Trigger.SignatureDeadlinePassed };
        foreach (var i in new[] { 2, 0, 1 })
        {
            var dueAt = WorkingDayCalendar.EndOfJakartaDayUtc(dueDates[i]);
            clock.UtcNow = dueAt.AddMinutes(-1);
            Assert.Equal(0, (await SweepAsync(app)).Total);
            clock.UtcNow = dueAt.AddMinutes(1);
            var swept = await SweepAsync(app);
            Assert.Equal(1, swept.Total);
            Assert.Equal(1, swept.Fired[expected[i]]);

            var (number, pin, state) = cases[i];
            var tracked = await TrackAsync(app, number, pin);
            Assert.Equal(state, tracked.GetProperty("state").GetString());
            Assert.True(tracked.GetProperty("isClosed").GetBoolean());
            var last = tracked.GetProperty("events").EnumerateArray().Last();
            Assert.Equal(expected[i].ToString(), last.GetProperty("trigger").GetString());
            Assert.Equal("System", last.GetProperty("actor").GetString());
        }

        Assert.Equal(0, (await SweepAsync(app)).Total);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Facilitation_past_its_deadline_is_left_to_the_regulator(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock);
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, pin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        await TestCases.ForwardAsync(app, number, institution);
        await RespondAsync(app, number, institution);
        await TestCases.AsConsumerAsync(app, number, Trigger.Reject, "Jawaban tidak menyelesaikan masalah.");
        await TestCases.ActAsync(app, number, Trigger.StartEligibilityReview, Specialist);
        await TestCases.ActAsync(app, number, Trigger.ScheduleClarificationMeeting, Specialist);
        await TestCases.ActAsync(app, number, Trigger.ProposeFacilitation, Specialist);
        await TestCases.AsConsumerAsync(app, number, Trigger.SignFacilitationAgreement, null);

        clock.UtcNow = BeforeIdulFitri.AddDays(120);
        Assert.Equal(0, (await SweepAsync(app)).Total);
        Assert.Equal("Facilitation", (await TrackAsync(app, number, pin)).GetProperty("state").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Institution_is_reminded_once_two_working_days_before_its_deadline(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(db, clock);
        var institution = await TestCases.NewInstitutionAsync(app);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), TestCases.DisputeAgainst(institution));
        var (caseId, _) = await TestCases.ForwardAsync(app, number, institution);

        // Due Wednesday 8 April. Thursday 2 April still has 3 working days left (6, 7, 8: Good Friday is off),
        // and so has Good Friday itself; Monday 6 April has 2.
        clock.UtcNow = new DateTime(2026, 4, 2, 3, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0, (await RemindAsync(app)).Total);
        clock.UtcNow = new DateTime(2026, 4, 3, 3, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0, (await RemindAsync(app)).Total);

        clock.UtcNow = new DateTime(2026, 4, 6, 1, 0, 0, DateTimeKind.Utc);
        var first = await RemindAsync(app);
        Assert.Equal(1, first.Recorded[ReminderParty.Institution]);
        Assert.Equal(1, first.Total);

        clock.UtcNow = clock.UtcNow.AddHours(1);
        Assert.Equal(0, (await RemindAsync(app)).Total);
        clock.UtcNow = new DateTime(2026, 4, 7, 1, 0, 0, DateTimeKind.Utc);
        Assert.Equal(0, (await RemindAsync(app)).Total);

        var reminders = await app.WithDbAsync(d => d.DeadlineReminders.AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync());
        var reminder = Assert.Single(reminders);
        Assert.Equal(ClockKind.InstitutionResponse, reminder.ClockKind);
        Assert.Equal(ReminderParty.Institution, reminder.Party);
        Assert.Equal(WorkingDayCalendar.EndOfJakartaDayUtc(new DateOnly(2026, 4, 8)), reminder.DueAtUtc);
    }

    [Fact]
    public async Task Two_sweeps_at_once_on_PostgreSQL_move_each_due_case_exactly_once()
    {
        Databases.EnsureAvailable(DatabaseProvider.PostgreSql);
        var clock = new SettableClock(BeforeIdulFitri);
        await using var app = NewApp(DatabaseProvider.PostgreSql, clock);
        var institution = await TestCases.NewInstitutionAsync(app);
        var client = app.CreateClient();
        var ids = new List<Guid>();
        for (var i = 0; i < 40; i++)
        {
            var (number, _) = await PublicCasesApiTests.FileAsync(client, TestCases.DisputeAgainst(institution));
            ids.Add((await TestCases.ForwardAsync(app, number, institution)).CaseId);
        }

        clock.UtcNow = WorkingDayCalendar.EndOfJakartaDayUtc(new DateOnly(2026, 4, 8)).AddMinutes(1);
        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SweepAsync(app, batchSize: 7))));

        Assert.Equal(ids.Count, results.Sum(r => r.Fired[Trigger.InstitutionDeadlinePassed]));
        var perCase = await app.WithDbAsync(d => d.CaseEvents.AsNoTracking()
            .Where(e => ids.Contains(e.CaseId) && e.Trigger == Trigger.InstitutionDeadlinePassed)
            .GroupBy(e => e.CaseId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(ids.Count, perCase.Count);
        Assert.All(perCase, count => Assert.Equal(1, count));
    }

    private static ComplaintsApp NewApp(DatabaseProvider db, SettableClock clock) =>
        new(db, services: s => s.AddSingleton<TimeProvider>(clock));

    private static async Task<SweepDeadlines.Result> SweepAsync(ComplaintsApp app, int batchSize = 200)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SweepDeadlines>().HandleAsync(new() { BatchSize = batchSize });
    }

    private static async Task<SendDeadlineReminders.Result> RemindAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SendDeadlineReminders>().HandleAsync(new());
    }

    private static Task RespondAsync(ComplaintsApp app, string number, int institution) =>
        TestCases.ActAsync(app, number, Trigger.Respond, new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institution),
            note: "Dana telah kami kembalikan.", outcome: ResponseOutcome.Explanation);

    /// <summary>What the consumer sees through the public tracking API with number and PIN.</summary>
    private static async Task<JsonElement> TrackAsync(ComplaintsApp app, string number, string pin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{number}");
        request.Headers.Add("X-Case-Pin", pin);
        using var response = await app.CreateClient().SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string?> Actions(JsonElement tracked) =>
        tracked.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()).ToList();
}
