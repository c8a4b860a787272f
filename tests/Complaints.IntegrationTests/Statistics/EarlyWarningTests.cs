using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Calendar;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;
using Complaints.Core.Domain.Statistics;
using Complaints.Core.Features.Statistics;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Complaints.IntegrationTests.Jobs;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Statistics;

/// <summary>
/// The weekly early warning on generated data: eight steady weeks against a few institutions, products and issues,
/// then a week with a planted spike against one institution (one product, one issue). Each test starts its own app,
/// so the counts are exactly the ones arranged here.
/// </summary>
public sealed partial class EarlyWarningTests
{
    /// <summary>The examined week: Monday 2 to Sunday 8 March 2026 (Jakarta).</summary>
    private static readonly DateOnly Week = new(2026, 3, 2);

    /// <summary>Monday 9 March 2026, 01:00 in Jakarta: when the weekly job runs.</summary>
    private static readonly DateTime JobRunsAt = Jakarta(Week.AddDays(7), 1, 0);

    // Small ups and downs of a steady flow, week by week (mean 0).
    private static readonly int[] Wobble = [0, 1, -1, 0, 1, 0, -1, 0];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_planted_spike_flags_exactly_its_institution_product_and_issue_and_a_rerun_adds_nothing(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(JobRunsAt);
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var world = await ArrangeAsync(app, clock);

        var first = await DetectAsync(app);
        Assert.Equal(Week, first.WeekStart);
        Assert.Equal(3, first.Flagged);

        var flags = await app.WithDbAsync(d => d.EarlyWarningFlags.AsNoTracking().ToListAsync());
        Assert.Equal(
            new[] { (WarningDimension.Institution, world.Spiked.ToString(CultureInfo.InvariantCulture)), (WarningDimension.Product, "paylater"), (WarningDimension.IssueCategory, "collection") },
            flags.Select(f => (f.Dimension, f.Key)).Order().ToArray());
        Assert.All(flags, f => Assert.Equal(Week, f.WeekStart));

        // The spike: 40 complaints against a steady 10 a week; the shared issue adds the neighbour's steady 10.
        var institution = flags.Single(f => f.Dimension == WarningDimension.Institution);
        Assert.Equal(40, institution.Count);
        Assert.Equal(10, institution.BaselineMean, 3);
        Assert.Equal(Math.Sqrt(10), institution.BaselineStdDev, 3);
        Assert.Equal(40, flags.Single(f => f.Dimension == WarningDimension.Product).Count);
        Assert.Equal(50, flags.Single(f => f.Dimension == WarningDimension.IssueCategory).Count);

        // The same run again, or the job on another node, finds the same rises and adds nothing.
        var again = await DetectAsync(app);
        Assert.Equal(0, again.Flagged);
        Assert.Equal(3, again.AlreadyFlagged);
        Assert.Equal(3, await app.WithDbAsync(d => d.EarlyWarningFlags.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Supervisors_see_the_flags_with_their_baseline_open_the_cases_behind_one_and_mark_it_reviewed(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(JobRunsAt);
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var world = await ArrangeAsync(app, clock);
        await DetectAsync(app);
        var supervisor = app.As(ActorRole.Supervisor, userId: "ew-supervisor");

        Assert.Contains("id=\"early-warnings-link\"", await supervisor.GetStringAsync("/regulator"), StringComparison.Ordinal);
        var list = await supervisor.GetStringAsync("/regulator/early-warnings");
        Assert.Equal(3, FlagRow().Matches(list).Count);
        Assert.Contains(world.SpikedName, list, StringComparison.Ordinal);
        Assert.Contains("Paylater", list, StringComparison.Ordinal);
        Assert.Contains("Penagihan tidak beretika", list, StringComparison.Ordinal);
        Assert.DoesNotContain(world.SteadyName, list, StringComparison.Ordinal);
        Assert.Contains("Belum ditelaah", list, StringComparison.Ordinal);

        var flagId = await app.WithDbAsync(d => d.EarlyWarningFlags.Where(f => f.Dimension == WarningDimension.Institution).Select(f => f.Id).SingleAsync());
        var flagUrl = $"/regulator/early-warnings/{flagId}";
        var flagPage = await supervisor.GetStringAsync(flagUrl);
        Assert.Contains("40 pengaduan", Forms.TextOf(flagPage, "cases-count"), StringComparison.Ordinal);
        Assert.Contains("10,0 ± 3,2", Forms.TextOf(flagPage, "flag-summary"), StringComparison.Ordinal);

        // Fifty cases a page: the week's forty against the institution, not the ones filed after the week ended.
        var linked = CaseLink().Matches(flagPage).Select(m => m.Groups[1].Value).ToHashSet();
        Assert.Equal(world.SpikeNumbers.Order(), linked.Order());
        Assert.DoesNotContain(world.AfterTheWeekNumber, flagPage, StringComparison.Ordinal);
        var opened = await supervisor.GetAsync($"/regulator/cases/{world.SpikeNumbers[0]}");
        Assert.Equal(HttpStatusCode.OK, opened.StatusCode);

        // A review needs a note; then the flag shows who reviewed it, and a second review changes nothing.
        var empty = await Forms.PostAsync(supervisor, flagUrl, flagUrl + "/review", [new("Note", "  ")]);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull(Forms.TextOf(await empty.Content.ReadAsStringAsync(), "review-errors"));
        var reviewed = await Forms.PostAsync(supervisor, flagUrl, flagUrl + "/review", [new("Note", "Lonjakan penagihan paylater; PUJK dipanggil.")]);
        Assert.Equal(HttpStatusCode.OK, reviewed.StatusCode);
        var afterReview = await reviewed.Content.ReadAsStringAsync();
        Assert.Equal("Lonjakan penagihan paylater; PUJK dipanggil.", Forms.TextOf(afterReview, "review-note"));
        Assert.DoesNotContain("id=\"review-form\"", afterReview, StringComparison.Ordinal);
        Assert.Contains("Sudah ditelaah", await supervisor.GetStringAsync("/regulator/early-warnings"), StringComparison.Ordinal);

        var stored = await app.WithDbAsync(d => d.EarlyWarningFlags.AsNoTracking().SingleAsync(f => f.Id == flagId));
        Assert.Equal("ew-supervisor", stored.ReviewedById);
        Assert.Equal(JobRunsAt, stored.ReviewedAtUtc);

        var colleague = app.As(ActorRole.Supervisor, userId: "ew-colleague");
        var token = Forms.Token(await colleague.GetStringAsync("/regulator/early-warnings"));
        var late = await colleague.PostAsync(flagUrl + "/review", new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("Note", "Catatan kedua.")]));
        Assert.Equal("Lonjakan penagihan paylater; PUJK dipanggil.", Forms.TextOf(await late.Content.ReadAsStringAsync(), "review-note"));
        Assert.Equal("ew-supervisor", (await app.WithDbAsync(d => d.EarlyWarningFlags.AsNoTracking().SingleAsync(f => f.Id == flagId))).ReviewedById);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Agents_institution_officers_and_administrators_cannot_open_the_early_warnings(DatabaseProvider db)
    {
        Databases.EnsureAvailable(db);
        var clock = new SettableClock(JobRunsAt);
        await using var app = new ComplaintsApp(db, services: s => s.AddSingleton<TimeProvider>(clock));
        var institution = await TestCases.NewInstitutionAsync(app);
        var flagId = await app.WithDbAsync(async d =>
        {
            var flag = new EarlyWarningFlag
            {
                Dimension = WarningDimension.Institution,
                Key = institution.ToString(CultureInfo.InvariantCulture),
                WeekStart = Week,
                Count = 40,
                BaselineMean = 10,
                BaselineStdDev = Math.Sqrt(10),
                CreatedAtUtc = JobRunsAt,
            };
            d.EarlyWarningFlags.Add(flag);
            await d.SaveChangesAsync();
            return flag.Id;
        });

        var noRedirect = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        foreach (var client in new[]
        {
            app.As(ActorRole.Agent),
            app.As(ActorRole.Specialist),
            app.As(ActorRole.InstitutionOfficer, institutionId: institution),
            app.As(ActorRole.Administrator),
        })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/regulator/early-warnings")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/regulator/early-warnings/{flagId}")).StatusCode);
        }

        Assert.DoesNotContain("early-warnings-link", await app.As(ActorRole.Agent).GetStringAsync("/regulator"), StringComparison.Ordinal);
        var anonymous = await app.CreateClient(noRedirect).GetAsync("/regulator/early-warnings");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.Null(await app.WithDbAsync(d => d.EarlyWarningFlags.Where(f => f.Id == flagId).Select(f => f.ReviewedAtUtc).SingleAsync()));

        // The administrator's jobs page names the weekly job, which runs Mondays at 01:00 in Jakarta.
        var jobs = await app.As(ActorRole.Administrator).GetStringAsync("/regulator/admin/jobs");
        Assert.Contains("id=\"job-early-warning\"", jobs, StringComparison.Ordinal);
        Assert.Contains("Peringatan dini", jobs, StringComparison.Ordinal);
        var cron = new Quartz.CronExpression(new JobsOptions().EarlyWarningCron, TimeZoneInfo.Utc);
        var next = cron.GetNextValidTimeAfter(new DateTimeOffset(JobRunsAt.AddMinutes(1), TimeSpan.Zero))!.Value.UtcDateTime;
        Assert.Equal(JobRunsAt.AddDays(7), next);
    }

    private sealed record World(int Spiked, string SpikedName, string SteadyName, IReadOnlyList<string> SpikeNumbers, string AfterTheWeekNumber);

    /// <summary>
    /// Eight steady weeks, then the examined week. Weekly complaints (baseline, then the examined week):
    /// spiked institution 10±1 → 40 (paylater, collection; filed through the public API);
    /// steady institution 12±1 → 13 (credit-card, fees-interest), plus 15 questions that are not complaints;
    /// neighbour 10 → 10 (credit-card, collection); a new institution 0 → 6 (e-wallet, service), under the minimum.
    /// So products: paylater 10 → 40 (flag), credit-card 22 → 23, e-wallet 0 → 6; issues: collection 20 → 50
    /// (flag), fees-interest 12 → 13, service 0 → 6. Three complaints against the spiked institution filed on the
    /// next Monday, before the job runs, belong to the next week.
    /// </summary>
    private static async Task<World> ArrangeAsync(ComplaintsApp app, SettableClock clock)
    {
        var spiked = await TestCases.NewInstitutionAsync(app);
        var steady = await TestCases.NewInstitutionAsync(app);
        var neighbour = await TestCases.NewInstitutionAsync(app);
        var newcomer = await TestCases.NewInstitutionAsync(app);
        for (var w = 0; w < 8; w++)
        {
            var monday = Week.AddDays(-7 * (8 - w));
            await InsertAsync(app, monday, spiked, "paylater", "collection", 10 + Wobble[w]);
            await InsertAsync(app, monday, steady, "credit-card", "fees-interest", 12 + Wobble[w]);
            await InsertAsync(app, monday, neighbour, "credit-card", "collection", 10);
        }

        await InsertAsync(app, Week, steady, "credit-card", "fees-interest", 13);
        await InsertAsync(app, Week, steady, "credit-card", null, 15, CaseKind.Question);
        await InsertAsync(app, Week, neighbour, "credit-card", "collection", 10);
        await InsertAsync(app, Week, newcomer, "e-wallet", "service", 6);

        // The spike, filed by consumers through the public API during the week, the last one late on Sunday.
        var api = app.CreateClient();
        var numbers = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            clock.UtcNow = i < 39 ? Jakarta(Week.AddDays(i % 7), 8 + (i / 7), 5 * i % 60) : Jakarta(Week.AddDays(6), 23, 50);
            var (number, _) = await PublicCasesApiTests.FileAsync(api, new
            {
                kind = "Complaint",
                institutionId = spiked,
                product = "paylater",
                issueCategory = "collection",
                description = "Penagih paylater menelepon berulang kali dan menghubungi kantor saya.",
                consumer = new { name = $"Konsumen Paylater {i}", email = $"paylater{i}@example.org" },
                consentGiven = true,
            });
            numbers.Add(number);
        }

        clock.UtcNow = JobRunsAt;
        var after = await InsertAsync(app, Week.AddDays(7), spiked, "paylater", "collection", 3, hour: 0);
        var names = await app.WithDbAsync(d => d.Institutions.Where(i => i.Id == spiked || i.Id == steady).ToDictionaryAsync(i => i.Id, i => i.LegalName));
        return new(spiked, names[spiked], names[steady], numbers, after[0]);
    }

    /// <summary>Cases as the intake makes them (<see cref="Case.Submit"/>), quicker than the API for the
    /// baseline: <paramref name="count"/> over the week from <paramref name="monday"/>, from the given hour on.</summary>
    private static Task<List<string>> InsertAsync(
        ComplaintsApp app, DateOnly monday, int institutionId, string product, string? issue, int count, CaseKind kind = CaseKind.Complaint, int hour = 9) =>
        app.WithDbAsync(async d =>
        {
            var institution = await d.Institutions.SingleAsync(i => i.Id == institutionId);
            var calendar = new WorkingDayCalendar([]);
            var numbers = new List<string>();
            for (var i = 0; i < count; i++)
            {
                var at = Jakarta(monday.AddDays(i % 7), hour, 10 + (i / 7));
                var consumer = new Consumer { Name = $"Konsumen {product} {i}", Email = $"k{Guid.NewGuid():N}@example.org", CreatedAtUtc = at, ConsentGivenAtUtc = at };
                var details = new Case.Details(kind, Channel.Web, institution, null, institution.Sector, product, issue,
                    "Keluhan yang sama seperti minggu-minggu sebelumnya tentang layanan ini.", null, null, null, null, null);
                var @case = Case.Submit(details, consumer, TrackingNumber.New(), "test", new TransitionContext(Actor.ForConsumer(consumer.Id), at, calendar, DeadlinePolicy.Default));
                d.Cases.Add(@case);
                numbers.Add(@case.TrackingNumber);
            }

            await d.SaveChangesAsync();
            return numbers;
        });

    private static async Task<DetectEarlyWarnings.Result> DetectAsync(ComplaintsApp app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DetectEarlyWarnings>().HandleAsync(new());
    }

    private static DateTime Jakarta(DateOnly day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), WorkingDayCalendar.Jakarta);

    [GeneratedRegex("<tr id=\"flag-\\d+\"")]
    private static partial Regex FlagRow();

    [GeneratedRegex("href=\"/regulator/cases/([^\"]+)\"")]
    private static partial Regex CaseLink();
}
