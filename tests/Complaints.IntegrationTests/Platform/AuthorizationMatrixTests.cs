using System.Net;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Cases;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Complaints.IntegrationTests.Platform;

/// <summary>
/// Every route of every portal and the API, requested by every kind of caller: nobody outside a case's
/// parties and the staff allowed to see it gets a page that shows it, and no caller outside an area gets in.
/// New routes are picked up automatically from the app's endpoints.
/// </summary>
public sealed class AuthorizationMatrixTests(SharedApps apps)
{
    private sealed record Caller(string Name, Func<ComplaintsApp, HttpClient> Client, bool MaySeeTheCase, string[] Areas);

    private static readonly string[] StaffAreas = ["/regulator"];
    private static readonly string[] InstitutionAreas = ["/institution"];
    private static readonly string[] ConsumerAreas = ["/my"];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Every_route_answers_every_caller_without_leaking_a_case(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, email, consumerId, institutionA, institutionB) = await ForwardedCaseAsync(app);
        var noRedirect = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        HttpClient As(ComplaintsApp a, ActorRole role, int? institution = null, Guid? consumer = null)
        {
            var client = a.CreateClient(noRedirect);
            client.DefaultRequestHeaders.Add(TestSignInHandler.RoleHeader, role.ToString());
            if (institution is { } i)
            {
                client.DefaultRequestHeaders.Add("X-Test-Institution", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (consumer is { } c)
            {
                client.DefaultRequestHeaders.Add("X-Test-Consumer", c.ToString());
            }

            return client;
        }

        Caller[] callers =
        [
            new("anonymous", a => a.CreateClient(noRedirect), false, []),
            new("the consumer", a => As(a, ActorRole.Consumer, consumer: consumerId), true, ConsumerAreas),
            new("another consumer", a => As(a, ActorRole.Consumer, consumer: Guid.NewGuid()), false, ConsumerAreas),
            new("the institution's officer", a => As(a, ActorRole.InstitutionOfficer, institutionA), true, InstitutionAreas),
            new("another institution's officer", a => As(a, ActorRole.InstitutionOfficer, institutionB), false, InstitutionAreas),
            new("the institution's admin", a => As(a, ActorRole.InstitutionAdmin, institutionA), false, InstitutionAreas),
            new("an agent", a => As(a, ActorRole.Agent), true, StaffAreas),
            new("a specialist", a => As(a, ActorRole.Specialist), true, StaffAreas),
            new("a supervisor", a => As(a, ActorRole.Supervisor), true, StaffAreas),
            new("an administrator", a => As(a, ActorRole.Administrator), false, StaffAreas),
        ];

        var routes = GetRoutes(app, number);
        Assert.NotEmpty(routes);
        var problems = new List<string>();
        foreach (var caller in callers)
        {
            var client = caller.Client(app);
            foreach (var route in routes)
            {
                var response = await client.GetAsync(route);
                var body = await response.Content.ReadAsStringAsync();
                var ok = (int)response.StatusCode is >= 200 and < 300;
                var area = new[] { "/regulator", "/institution", "/my" }.FirstOrDefault(a => route == a || route.StartsWith(a + "/", StringComparison.Ordinal));
                if (ok && area is not null && !caller.Areas.Contains(area))
                {
                    problems.Add($"{caller.Name} got {(int)response.StatusCode} from {route}, outside its portal");
                }

                if (ok && !caller.MaySeeTheCase && (body.Contains(number, StringComparison.Ordinal) || body.Contains(email, StringComparison.OrdinalIgnoreCase)))
                {
                    problems.Add($"{caller.Name} saw the case on {route}");
                }

                if (area is not null && caller.Name == "anonymous" && !(response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.Contains("/account/signin", StringComparison.Ordinal) == true))
                {
                    problems.Add($"anonymous got {(int)response.StatusCode} from {route} instead of the sign-in page");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Nobody_outside_a_case_can_act_on_it_through_any_portal(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, _, _, institutionA, institutionB) = await ForwardedCaseAsync(app);
        var before = await app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => new { c.State, c.Version }).SingleAsync());
        var actionRoutes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText ?? "")
            .Where(t => t.Contains("{trackingNumber}", StringComparison.Ordinal) && t.Contains("{trigger}", StringComparison.Ordinal) && !t.StartsWith("api", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        var outsiders = new[]
        {
            app.As(ActorRole.InstitutionOfficer, institutionB),
            app.As(ActorRole.InstitutionAdmin, institutionA),
            app.As(ActorRole.Consumer, consumerId: Guid.NewGuid()),
            app.As(ActorRole.Administrator),
        };
        foreach (var client in outsiders)
        {
            foreach (var template in actionRoutes)
            {
                foreach (var trigger in new[] { Trigger.Respond, Trigger.Withdraw, Trigger.ReportWrongInstitution, Trigger.RequestDocuments })
                {
                    var url = "/" + template.TrimStart('/').Replace("{trackingNumber}", number, StringComparison.Ordinal).Replace("{trigger}", trigger.ToString(), StringComparison.Ordinal);
                    var token = Forms.Token(await client.GetStringAsync("/"));
                    var response = await client.PostAsync(url, new FormUrlEncodedContent(
                    [
                        new("__RequestVerificationToken", token), new("Version", before.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new("Note", "percobaan"), new("Reason", "percobaan"), new("Outcome", "Explanation"),
                    ]));
                    Assert.False(response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains(number, StringComparison.Ordinal),
                        $"{url} answered {(int)response.StatusCode} with the case");
                }
            }
        }

        var after = await app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => new { c.State, c.Version }).SingleAsync());
        Assert.Equal(before, after);
    }

    /// <summary>GET routes of the pages and API, with the case's number filled in; parameters we cannot
    /// fill are skipped with their route.</summary>
    private static List<string> GetRoutes(ComplaintsApp app, string number) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not { } methods || methods.HttpMethods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'))
            .Where(t => !t.StartsWith("/error", StringComparison.Ordinal) && !t.Contains("{area", StringComparison.Ordinal) && !t.Contains("{controller", StringComparison.Ordinal))
            .Select(t => t.Replace("{trackingNumber}", number, StringComparison.Ordinal).Replace("{documentName}", "v1", StringComparison.Ordinal))
            .Select(t => System.Text.RegularExpressions.Regex.Replace(t, @"/\{[^}]+\?\}", ""))
            .Where(t => !t.Contains('{', StringComparison.Ordinal))
            .Distinct()
            .ToList();

    /// <summary>A dispute filed through the public API and forwarded by an agent to the first registry
    /// institution; the second registry institution is the outsider.</summary>
    internal static async Task<(string Number, string Email, Guid ConsumerId, int InstitutionA, int InstitutionB)> ForwardedCaseAsync(ComplaintsApp app)
    {
        var email = $"matrix-{Guid.NewGuid():N}@example.org";
        var (institutionA, institutionB) = await app.WithDbAsync(async ctx =>
        {
            var ids = await ctx.Institutions.OrderBy(i => i.Id).Select(i => i.Id).Take(2).ToListAsync();
            return (ids[0], ids[1]);
        });
        var (number, _) = await Api.PublicCasesApiTests.FileAsync(app.CreateClient(), Api.PublicCasesApiTests.ValidComplaint(email: email));
        var (_, consumerId) = await TestCases.ForwardAsync(app, number, institutionA, new Actor(ActorRole.Agent, "matrix-agent"),
            c => c.Classify(CaseKind.Complaint, ComplaintType.Dispute, null, null, "fees-interest"), classifyBeforeScreening: true);
        return (number, email, consumerId, institutionA, institutionB);
    }
}
