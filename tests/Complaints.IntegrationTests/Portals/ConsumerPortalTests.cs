using System.Net;
using System.Text.RegularExpressions;
using Complaints.Core.Data;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Portals;

/// <summary>The consumer's side of case work: actions from the tracking page (number + PIN) and from My cases
/// (sign-in), accounts, claiming, messages and rating.</summary>
public sealed partial class ConsumerPortalTests(SharedApps apps)
{
    private static readonly string Withdrawn = CaseLifecycle.Info(CaseState.ClosedWithdrawn).Label.Id;

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_consumer_withdraws_a_case_from_the_tracking_page(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        var page = await TrackAsync(client, number, pin);
        Assert.Contains("id=\"action-Withdraw\"", page, StringComparison.Ordinal);

        // Without ticking the box nothing happens, and the reason typed stays in the form.
        var unconfirmed = await ActAsync(client, number, pin, "Withdraw", VersionOn(page), ("Note", "Sudah diselesaikan oleh bank."));
        var unconfirmedPage = await unconfirmed.Content.ReadAsStringAsync();
        Assert.Contains("Centang kotak untuk memastikan Anda ingin mencabut laporan.", unconfirmedPage, StringComparison.Ordinal);
        Assert.Contains("Sudah diselesaikan oleh bank.</textarea>", unconfirmedPage, StringComparison.Ordinal);
        Assert.Equal(CaseState.Submitted, await StateOfAsync(app, number));

        var response = await ActAsync(client, number, pin, "Withdraw", VersionOn(page), ("Confirm", "true"), ("Note", "Sudah diselesaikan oleh bank."));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Laporan Anda telah dicabut.", Forms.TextOf(html, "action-success"));
        Assert.Equal(CaseState.ClosedWithdrawn, await StateOfAsync(app, number));
        Assert.Contains(Withdrawn, TimelineOf(html), StringComparison.Ordinal);
        Assert.Contains("Sudah diselesaikan oleh bank.", TimelineOf(html), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-Withdraw\"", html, StringComparison.Ordinal);
        Assert.True(response.Headers.CacheControl?.NoStore, "the page carries the PIN and is not cached");
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Accept_and_reject_are_offered_only_when_the_institution_has_answered(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());

        var before = await TrackAsync(client, number, pin);
        Assert.DoesNotContain("id=\"action-Accept\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"action-Reject\"", before, StringComparison.Ordinal);

        await DriveToConsumerReviewAsync(app, number);
        var after = await TrackAsync(client, number, pin);
        Assert.Contains("id=\"action-Accept\"", after, StringComparison.Ordinal);
        Assert.Contains("id=\"action-Reject\"", after, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Rejecting_an_answer_needs_a_reason_and_keeps_the_state_without_one(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        await DriveToConsumerReviewAsync(app, number);
        var page = await TrackAsync(client, number, pin);

        var refused = await ActAsync(client, number, pin, "Reject", VersionOn(page), ("Note", "   "));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Contains("Tuliskan alasan Anda.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"Reject-note-error\"", html, StringComparison.Ordinal);
        Assert.Equal(CaseState.ConsumerReview, await StateOfAsync(app, number));

        var rejected = await ActAsync(client, number, pin, "Reject", VersionOn(html), ("Note", "Bank hanya mengembalikan sebagian dana."));
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(CaseState.EscalationRequested, await StateOfAsync(app, number));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_stale_form_shows_that_the_case_changed_and_keeps_what_was_typed(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        var stale = VersionOn(await TrackAsync(client, number, pin));
        await ActAsStaffAsync(app, number, Trigger.StartScreening);

        var response = await ActAsync(client, number, pin, "Withdraw", stale, ("Confirm", "true"), ("Note", "Tulisan yang tidak boleh hilang."));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("baru saja diubah oleh pihak lain", html, StringComparison.Ordinal);
        Assert.Contains("Tulisan yang tidak boleh hilang.</textarea>", html, StringComparison.Ordinal);
        Assert.Equal(CaseState.Screening, await StateOfAsync(app, number));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Supplying_documents_needs_a_file_and_returns_the_case_to_where_it_came_from(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        await ActAsStaffAsync(app, number, Trigger.StartScreening);
        await ActAsStaffAsync(app, number, Trigger.RequestDocuments, "Mohon kirim rekening koran bulan Oktober.");
        var page = await TrackAsync(client, number, pin);
        Assert.Contains("id=\"action-SupplyDocuments\"", page, StringComparison.Ordinal);

        var empty = await ActAsync(client, number, pin, "SupplyDocuments", VersionOn(page));
        Assert.Contains("Pilih minimal satu berkas.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CaseState.AwaitingConsumerDocuments, await StateOfAsync(app, number));

        var supplied = await ActAsync(client, number, pin, "SupplyDocuments", VersionOn(page), [], ("Files", "rekening-koran.pdf", TestFiles.Pdf("Oktober")));
        var html = await supplied.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, supplied.StatusCode);
        Assert.Equal(CaseState.Screening, await StateOfAsync(app, number));
        Assert.Contains("rekening-koran.pdf", html, StringComparison.Ordinal);
        var visibility = await app.WithDbAsync(ctx => ctx.Attachments
            .Where(a => a.FileName == "rekening-koran.pdf" && ctx.Cases.Any(c => c.Id == a.CaseId && c.TrackingNumber == number))
            .Select(a => a.Visibility).SingleAsync());
        Assert.Equal(Visibility.Public, visibility);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_wrong_pin_on_an_action_form_changes_nothing(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        var version = VersionOn(await TrackAsync(client, number, pin));
        var wrong = pin == "111111" ? "222222" : "111111";

        var response = await ActAsync(client, number, wrong, "Withdraw", version, ("Confirm", "true"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(Forms.TextOf(html, "tracking-error"));
        Assert.DoesNotContain(wrong, html, StringComparison.Ordinal);
        Assert.Equal(CaseState.Submitted, await StateOfAsync(app, number));

        // The right PIN does not open the regulator's moves either.
        var staffMove = await ActAsync(client, number, pin, "StartScreening", version);
        Assert.Equal(HttpStatusCode.NotFound, staffMove.StatusCode);
        Assert.Equal(CaseState.Submitted, await StateOfAsync(app, number));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_consumer_writes_to_the_regulator_and_to_the_institution_and_sees_the_messages(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        await DriveToConsumerReviewAsync(app, number);
        var page = await TrackAsync(client, number, pin);

        await ActAsync(client, number, pin, "message", VersionOn(page), ("Note", "Untuk OJK saja: saya punya bukti tambahan."), ("ToInstitution", "false"));
        var response = await ActAsync(client, number, pin, "message", VersionOn(page), ("Note", "Untuk bank juga: mohon hubungi saya."), ("ToInstitution", "true"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal("Pesan Anda telah terkirim.", Forms.TextOf(html, "action-success"));
        Assert.Contains("Untuk OJK saja: saya punya bukti tambahan.", html, StringComparison.Ordinal);
        Assert.Contains("Untuk bank juga: mohon hubungi saya.", html, StringComparison.Ordinal);
        var stored = await app.WithDbAsync(ctx => ctx.CaseMessages
            .Where(m => ctx.Cases.Any(c => c.Id == m.CaseId && c.TrackingNumber == number))
            .OrderBy(m => m.SentAtUtc).Select(m => m.Visibility).ToListAsync());
        Assert.Equal([Visibility.ConsumerAndRegulator, Visibility.Public], stored);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_registered_consumer_claims_a_case_with_number_and_pin_and_then_sees_it_in_my_cases(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, pin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        var client = app.CreateClient();
        var email = $"konsumen-{Guid.NewGuid():N}@example.org";

        var registered = await Forms.PostAsync(client, "/account/register", "/account/register",
        [
            new("Name", "Dewi Lestari"), new("Email", email), new("WhatsApp", "0813 2222 3333"),
            new("Password", "Rahasia-Kuat-2026"), new("ConfirmPassword", "Rahasia-Kuat-2026"), new("ConsentGiven", "true"),
        ]);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        Assert.NotNull(Forms.TextOf(await registered.Content.ReadAsStringAsync(), "registered-title"));

        var signedIn = await Forms.PostAsync(client, "/account/signin", "/account/signin", [new("Email", email), new("Password", "Rahasia-Kuat-2026")]);
        Assert.Equal("/my/cases", signedIn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(Forms.TextOf(await signedIn.Content.ReadAsStringAsync(), "my-empty"));

        var claimed = await Forms.PostAsync(client, "/my/cases/claim", "/my/cases/claim", [new("TrackingNumber", number.ToLowerInvariant()), new("Pin", pin)]);
        var list = await claimed.Content.ReadAsStringAsync();

        Assert.Equal("/my/cases", claimed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Contains(number, Forms.TextOf(list, "my-success"), StringComparison.Ordinal);
        Assert.Contains($"href=\"/my/cases/{number}\"", list, StringComparison.Ordinal);

        // The case page works without a PIN, and its actions too.
        var casePage = await client.GetStringAsync($"/my/cases/{number}");
        Assert.Contains("id=\"action-Withdraw\"", casePage, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"Pin\"", casePage, StringComparison.Ordinal);
        var withdrawn = await Forms.PostAsync(client, $"/my/cases/{number}", $"/my/cases/{number}/actions/Withdraw",
            [new("Version", VersionOn(casePage).ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Confirm", "true")]);
        Assert.Equal($"/my/cases/{number}", withdrawn.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("Laporan Anda telah dicabut.", Forms.TextOf(await withdrawn.Content.ReadAsStringAsync(), "action-success"));
        Assert.Equal(CaseState.ClosedWithdrawn, await StateOfAsync(app, number));

        // The confirmation link (logged in Development; no outbox yet) confirms the address.
        var (userId, token) = await TokenForAsync(app, email);
        var confirm = await client.GetAsync($"/account/confirm?userId={userId}&token={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.True(await app.WithDbAsync(ctx => ctx.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_registration_error_keeps_what_was_typed_and_an_email_registers_once(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var email = $"ganda-{Guid.NewGuid():N}@example.org";
        List<KeyValuePair<string, string>> fields =
        [
            new("Name", "Rudi Hartono"), new("Email", email), new("WhatsApp", "0812 9999 8888"),
            new("Password", "Rahasia-Kuat-2026"), new("ConfirmPassword", "Rahasia-Lain-2026"),
        ];

        var response = await Forms.PostAsync(client, "/account/register", "/account/register", fields);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("Kedua kata sandi tidak sama.", html, StringComparison.Ordinal);
        Assert.Contains("Persetujuan pemrosesan data pribadi diperlukan", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Rudi Hartono\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"0812 9999 8888\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Rahasia-Kuat-2026", html, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(ctx => ctx.Users.CountAsync(u => u.Email == email)));

        List<KeyValuePair<string, string>> valid = [.. fields.Where(f => f.Key != "ConfirmPassword"), new("ConfirmPassword", "Rahasia-Kuat-2026"), new("ConsentGiven", "true")];
        Assert.Equal(HttpStatusCode.OK, (await Forms.PostAsync(client, "/account/register", "/account/register", valid)).StatusCode);
        var twice = await Forms.PostAsync(app.CreateClient(), "/account/register", "/account/register", valid);

        Assert.Contains("Email ini sudah terdaftar.", await twice.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (users, consumers) = await app.WithDbAsync(async ctx => (
            await ctx.Users.CountAsync(u => u.Email == email),
            await ctx.Consumers.CountAsync(c => c.Email == email)));
        Assert.Equal(1, users);
        Assert.Equal(1, consumers);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_case_already_in_another_account_cannot_be_claimed(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, pin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        var owner = await ConsumerOfAsync(app, number);
        await app.WithDbAsync(async ctx =>
        {
            ctx.Users.Add(new ApplicationUser { UserName = $"{owner:N}@example.org", Email = $"{owner:N}@example.org", ConsumerId = owner, DisplayName = "Pemilik" });
            return await ctx.SaveChangesAsync();
        });
        var other = Guid.CreateVersion7();
        var client = app.As(ActorRole.Consumer, consumerId: other, userId: "other-consumer");

        var response = await Forms.PostAsync(client, "/my/cases/claim", "/my/cases/claim", [new("TrackingNumber", number), new("Pin", pin)]);

        Assert.NotNull(Forms.TextOf(await response.Content.ReadAsStringAsync(), "claim-error"));
        Assert.Equal(owner, await ConsumerOfAsync(app, number));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Another_consumers_case_is_not_found_in_my_cases_nor_through_its_actions(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        var owner = await ConsumerOfAsync(app, number);
        var stranger = app.As(ActorRole.Consumer, consumerId: Guid.CreateVersion7(), userId: "stranger");
        var ownerClient = app.As(ActorRole.Consumer, consumerId: owner, userId: "owner");

        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/my/cases/{number}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/my/cases/{number}")).StatusCode);
        Assert.DoesNotContain(number, await stranger.GetStringAsync("/my/cases"), StringComparison.Ordinal);
        var version = await app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => c.Version).SingleAsync());
        var action = await Forms.PostAsync(stranger, "/my/cases", $"/my/cases/{number}/actions/Withdraw",
            [new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)), new("Confirm", "true")]);
        var message = await Forms.PostAsync(stranger, "/my/cases", $"/my/cases/{number}/actions/message", [new("Note", "Halo")]);

        Assert.Equal(HttpStatusCode.NotFound, action.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, message.StatusCode);
        Assert.Equal(CaseState.Submitted, await StateOfAsync(app, number));
        Assert.Equal(0, await app.WithDbAsync(ctx => ctx.CaseMessages.CountAsync(m => ctx.Cases.Any(c => c.Id == m.CaseId && c.TrackingNumber == number))));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_service_can_be_rated_once_after_closure(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await PublicCasesApiTests.FileAsync(client, PublicCasesApiTests.ValidComplaint());
        var open = await TrackAsync(client, number, pin);
        Assert.DoesNotContain("id=\"action-rate\"", open, StringComparison.Ordinal);
        var closed = await (await ActAsync(client, number, pin, "Withdraw", VersionOn(open), ("Confirm", "true"))).Content.ReadAsStringAsync();
        Assert.Contains("id=\"action-rate\"", closed, StringComparison.Ordinal);

        var rated = await (await ActAsync(client, number, pin, "rate", VersionOn(closed), ("Stars", "4"), ("Note", "Cepat dan jelas."))).Content.ReadAsStringAsync();

        Assert.Equal("Anda memberi nilai 4 dari 5. Terima kasih.", Forms.TextOf(rated, "rating-given"));
        Assert.DoesNotContain("id=\"action-rate\"", rated, StringComparison.Ordinal);

        var again = await ActAsync(client, number, pin, "rate", VersionOn(rated), ("Stars", "1"));
        Assert.Contains("Layanan dapat dinilai satu kali", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var (stars, comment) = await app.WithDbAsync(async ctx => await ctx.Cases.Where(c => c.TrackingNumber == number)
            .Select(c => new Tuple<int?, string?>(c.Rating, c.RatingComment)).SingleAsync());
        Assert.Equal(4, stars);
        Assert.Equal("Cepat dan jelas.", comment);
    }

    private static async Task<string> TrackAsync(HttpClient client, string number, string pin)
    {
        var response = await Forms.PostAsync(client, "/track", "/track", [new("TrackingNumber", number), new("Pin", pin)]);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string number, string pin, string action, int version, params (string Name, string Value)[] fields) =>
        ActAsync(client, number, pin, action, version, fields, []);

    private static Task<HttpResponseMessage> ActAsync(HttpClient client, string number, string pin, string action, int version, (string Name, string Value)[] fields, params (string Name, string FileName, byte[] Content)[] files) =>
        Forms.PostAsync(client, "/track", $"/track/actions/{action}",
            [
                new("TrackingNumber", number), new("Pin", pin), new("Version", version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)),
            ],
            files);

    private static int VersionOn(string html) =>
        int.Parse(VersionField().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("No action form on the page."), System.Globalization.CultureInfo.InvariantCulture);

    private static string TimelineOf(string html)
    {
        var start = html.IndexOf("id=\"timeline-title\"", StringComparison.Ordinal);
        return start < 0 ? "" : WebUtility.HtmlDecode(html[start..]);
    }

    private static Task<CaseState> StateOfAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => c.State).SingleAsync());

    private static Task<Guid> ConsumerOfAsync(ComplaintsApp app, string number) =>
        app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => c.ConsumerId).SingleAsync());

    private static async Task<(string UserId, string Token)> TokenForAsync(ComplaintsApp app, string email)
    {
        using var scope = app.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException("No such user.");
        return (user.Id, await users.GenerateEmailConfirmationTokenAsync(user));
    }

    private static async Task ActAsStaffAsync(ComplaintsApp app, string number, Trigger trigger, string? note = null, int? institutionId = null)
    {
        using var scope = app.Services.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<PerformCaseAction>().HandleAsync(
            new PerformCaseAction.Input { TrackingNumber = number, Trigger = trigger, Note = note, InstitutionId = institutionId },
            new Actor(ActorRole.Agent, "test-agent"));
        Assert.Equal(PerformCaseAction.Outcome.Done, result.Outcome);
    }

    /// <summary>Screening classifies the case as a dispute, forwards it to a registry institution, which answers.</summary>
    private static async Task DriveToConsumerReviewAsync(ComplaintsApp app, string number)
    {
        var institutionId = await app.WithDbAsync(ctx => ctx.Institutions.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        await TestCases.ForwardAsync(app, number, institutionId, classifyBeforeScreening: true);

        using var scope = app.Services.CreateScope();
        var responded = await scope.ServiceProvider.GetRequiredService<PerformCaseAction>().HandleAsync(
            new PerformCaseAction.Input { TrackingNumber = number, Trigger = Trigger.Respond, Outcome = ResponseOutcome.Explanation, Note = "Transaksi sah menurut catatan kami." },
            new Actor(ActorRole.InstitutionOfficer, "test-officer", InstitutionId: institutionId));
        Assert.Equal(PerformCaseAction.Outcome.Done, responded.Outcome);
        Assert.Equal(CaseState.ConsumerReview, await StateOfAsync(app, number));
    }

    [GeneratedRegex("name=\"Version\" value=\"([0-9]+)\"")]
    private static partial Regex VersionField();
}
