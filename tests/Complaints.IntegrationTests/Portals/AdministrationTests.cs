using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Api;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Complaints.IntegrationTests.Portals;

public sealed class AdministrationTests(SharedApps apps)
{
    private const string UsersUrl = "/regulator/admin/users";
    private const string ClientsUrl = "/regulator/admin/api-clients";
    private const string Password = "Staf-Baru-2026x";

    private static HttpClient Admin(ComplaintsApp app, string? userId = null) => app.As(ActorRole.Administrator, userId: userId);

    private static string NewEmail() => $"staf-{Guid.NewGuid():N}@ojk-uji.example";

    private static Task<HttpResponseMessage> CreateUserAsync(HttpClient admin, string email, string role, string institutionId = "") =>
        Forms.PostAsync(admin, UsersUrl, UsersUrl,
            [new("Form.Email", email), new("Form.DisplayName", "Staf Baru"), new("Form.Role", role), new("Form.InstitutionId", institutionId), new("Form.Password", Password)]);

    private static Task<string> UserIdAsync(ComplaintsApp app, string email) =>
        app.WithDbAsync(d => d.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private static Task<HttpResponseMessage> SignInAsync(HttpClient browser, string email) =>
        Forms.PostAsync(browser, "/account/signin", "/account/signin", [new("Email", email), new("Password", Password)]);

    private static HttpClient Browser(ComplaintsApp app) => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static Task<HttpResponseMessage> TokenAsync(HttpClient client, string clientId, string secret) =>
        client.PostAsync("/api/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_agent_created_by_the_administrator_signs_in_through_the_form_and_lands_on_the_regulator_portal(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var admin = Admin(app);
        var email = NewEmail();

        var created = await CreateUserAsync(admin, email, "Agent");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var list = await created.Content.ReadAsStringAsync();
        Assert.Contains("Akun dibuat.", list, StringComparison.Ordinal);
        Assert.Contains(email, list, StringComparison.Ordinal);
        Assert.Contains("Agen", list, StringComparison.Ordinal);

        var browser = Browser(app);
        var signIn = await SignInAsync(browser, email);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/regulator", signIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/regulator")).StatusCode);
        var denied = await browser.GetAsync(UsersUrl);
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.Contains("/account/denied", denied.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_institution_officer_without_an_institution_is_refused_with_the_typed_fields_kept(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var admin = Admin(app);
        var email = NewEmail();

        var refused = await CreateUserAsync(admin, email, "InstitutionOfficer");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Pilih lembaga untuk peran lembaga.", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{email}\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Staf Baru\"", html, StringComparison.Ordinal);
        Assert.Contains("<option value=\"InstitutionOfficer\" selected=\"selected\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(d => d.Users.AnyAsync(u => u.Email == email)));

        var institutionId = await app.WithDbAsync(d => d.Institutions.OrderBy(i => i.Id).Select(i => i.Id).FirstAsync());
        var staffWithInstitution = await CreateUserAsync(admin, email, "Specialist", institutionId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, staffWithInstitution.StatusCode);
        Assert.Contains("Staf regulator tidak terikat pada lembaga", await staffWithInstitution.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_agent_cannot_open_the_administration_pages(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var agent = app.As(ActorRole.Agent);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(UsersUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync(ClientsUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Admin(app).GetAsync(UsersUrl)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_locked_account_cannot_sign_in_and_an_administrator_cannot_lock_themselves(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var admin = Admin(app);
        var email = NewEmail();
        await CreateUserAsync(admin, email, "Supervisor");
        var userId = await UserIdAsync(app, email);

        var locked = await Forms.PostAsync(admin, UsersUrl, $"{UsersUrl}/{userId}/lock", []);
        Assert.Contains("Akun dikunci.", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var browser = Browser(app);
        Assert.Equal(HttpStatusCode.OK, (await SignInAsync(browser, email)).StatusCode);

        var search = await admin.GetStringAsync($"{UsersUrl}?q={Uri.EscapeDataString(email)}");
        Assert.Contains("Dikunci", search, StringComparison.Ordinal);
        Assert.Contains("1 akun", search, StringComparison.Ordinal);

        await Forms.PostAsync(admin, UsersUrl, $"{UsersUrl}/{userId}/unlock", []);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Browser(app), email)).StatusCode);

        var adminEmail = NewEmail();
        await CreateUserAsync(admin, adminEmail, "Administrator");
        var adminId = await UserIdAsync(app, adminEmail);
        var self = await Forms.PostAsync(Admin(app, adminId), UsersUrl, $"{UsersUrl}/{adminId}/lock", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains("Anda tidak dapat mengunci akun Anda sendiri.", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(Browser(app), adminEmail)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_api_clients_secret_is_shown_once_gets_a_token_and_stops_working_when_deactivated(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var admin = Admin(app);
        var clientId = $"alat-uji-{Guid.NewGuid():N}";

        var created = await Forms.PostAsync(admin, ClientsUrl, ClientsUrl,
            [new("Form.ClientId", clientId), new("Form.DisplayName", "Alat analisis"), new("Form.Role", "Specialist"), new("Form.InstitutionId", "")]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var secret = Forms.TextOf(await created.Content.ReadAsStringAsync(), "client-secret");
        Assert.NotNull(secret);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", secret);
        var stored = await app.WithDbAsync(d => d.ApiClients.Where(c => c.ClientId == clientId).Select(c => c.SecretHash).SingleAsync());
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        var list = await admin.GetStringAsync(ClientsUrl);
        Assert.Contains(clientId, list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, list, StringComparison.Ordinal);

        var api = app.CreateClient();
        var token = await TokenAsync(api, clientId, secret);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.False(string.IsNullOrEmpty((await token.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString()));

        var deactivated = await Forms.PostAsync(admin, ClientsUrl, $"{ClientsUrl}/{clientId}/deactivate", []);
        Assert.Contains("Klien API dinonaktifkan.", await deactivated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = await TokenAsync(api, clientId, secret);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("invalid_client", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());

        await Forms.PostAsync(admin, ClientsUrl, $"{ClientsUrl}/{clientId}/reactivate", []);
        Assert.Equal(HttpStatusCode.OK, (await TokenAsync(api, clientId, secret)).StatusCode);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_institution_api_client_needs_an_institution_and_keeps_the_typed_fields(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var admin = Admin(app);
        var clientId = $"bank-uji-{Guid.NewGuid():N}";

        var refused = await Forms.PostAsync(admin, ClientsUrl, ClientsUrl,
            [new("Form.ClientId", clientId), new("Form.DisplayName", "Sistem pengaduan bank"), new("Form.Role", "InstitutionOfficer"), new("Form.InstitutionId", "")]);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Pilih lembaga untuk peran lembaga.", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{clientId}\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(d => d.ApiClients.AnyAsync(c => c.ClientId == clientId)));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_file_the_specialist_shares_with_the_parties_is_listed_to_the_consumer_and_a_regulator_only_file_is_not(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, pin) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        var specialist = app.As(ActorRole.Specialist);
        var page = $"/regulator/cases/{number}";

        var shared = await Forms.PostAsync(specialist, page, $"{page}/files", [new("visibility", "Public")], ("files", "akta-kesepakatan.pdf", TestFiles.Pdf("akta")));
        var internalOnly = await Forms.PostAsync(specialist, page, $"{page}/files", [new("visibility", "RegulatorOnly")], ("files", "catatan-internal.pdf", TestFiles.Pdf("internal")));

        Assert.Equal(HttpStatusCode.OK, shared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, internalOnly.StatusCode);
        var caseHtml = await internalOnly.Content.ReadAsStringAsync();
        Assert.Contains("akta-kesepakatan.pdf", caseHtml, StringComparison.Ordinal);
        Assert.Contains("catatan-internal.pdf", caseHtml, StringComparison.Ordinal);

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{number}");
        request.Headers.Add("X-Case-Pin", pin);
        var tracked = await (await app.CreateClient().SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();
        var names = tracked.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()).ToList();
        Assert.Contains("akta-kesepakatan.pdf", names);
        Assert.DoesNotContain("catatan-internal.pdf", names);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_file_that_is_not_a_pdf_jpg_or_png_is_refused_with_a_localized_message(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, _) = await PublicCasesApiTests.FileAsync(app.CreateClient(), PublicCasesApiTests.ValidComplaint());
        var specialist = app.As(ActorRole.Specialist);
        var page = $"/regulator/cases/{number}";

        var refused = await Forms.PostAsync(specialist, page, $"{page}/files", [new("visibility", "Public")],
            ("files", "notulen.pdf", System.Text.Encoding.UTF8.GetBytes("bukan berkas PDF, hanya teks biasa")));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Berkas notulen.pdf bukan PDF, JPG, atau PNG.", html, StringComparison.Ordinal);
        Assert.Contains("id=\"upload-visibility-Public\" value=\"Public\" checked=\"checked\"", html, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(d => d.Attachments.AnyAsync(a => a.FileName == "notulen.pdf")));

        var stranger = await Forms.PostAsync(specialist, page, "/regulator/cases/ZZZZ-ZZZZ-ZZZZ/files", [new("visibility", "Public")], ("files", "x.pdf", TestFiles.Pdf()));
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }
}
