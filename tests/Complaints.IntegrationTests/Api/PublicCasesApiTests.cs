using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Complaints.IntegrationTests.Api;

public sealed class PublicCasesApiTests(SharedApps apps)
{
    public static object ValidComplaint(string? email = "siti@example.org", bool consent = true, string? nik = null, string institutionName = "PT Bank Contoh Makmur") => new
    {
        kind = "Complaint",
        institutionName,
        sector = "Banking",
        product = "savings",
        issueCategory = "unauthorized-transaction",
        description = "Saldo tabungan saya berkurang karena transaksi yang tidak pernah saya lakukan.",
        lossAmount = 2_500_000,
        requestedResolution = "Dana dikembalikan",
        complainedToInstitutionOn = "2026-11-02",
        institutionAnsweredOn = "2026-11-09",
        consumer = new { name = "Siti Aminah", email, whatsApp = "0812-3456-7890", nik },
        consentGiven = consent,
    };

    public static async Task<(string Number, string Pin)> FileAsync(HttpClient client, object body)
    {
        var response = await client.PostAsJsonAsync("/api/v1/cases", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("trackingNumber").GetString()!, created.GetProperty("pin").GetString()!);
    }

    private static async Task<HttpResponseMessage> TrackAsync(HttpClient client, string number, string pin, string? language = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/cases/{number}");
        request.Headers.Add("X-Case-Pin", pin);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue(language));
        }

        return await client.SendAsync(request);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_complaint_filed_through_the_API_can_be_tracked_with_its_number_and_pin(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/cases", ValidComplaint());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        var number = created.GetProperty("trackingNumber").GetString()!;
        var pin = created.GetProperty("pin").GetString()!;
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", number);
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.Equal("Submitted", created.GetProperty("state").GetString());
        Assert.Equal($"/api/v1/cases/{number}", response.Headers.Location?.OriginalString);

        var tracked = await TrackAsync(client, number.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal), pin);
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        var body = await tracked.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(number, body.GetProperty("trackingNumber").GetString());
        Assert.Equal("Submitted", body.GetProperty("state").GetString());
        Assert.Equal("Diterima", body.GetProperty("label").GetString());
        Assert.Equal(1, body.GetProperty("step").GetInt32());
        var events = body.GetProperty("events").EnumerateArray().ToList();
        Assert.Single(events);
        Assert.Equal("Submitted", events[0].GetProperty("state").GetString());
        Assert.Equal("Submit", events[0].GetProperty("trigger").GetString());
        Assert.Contains("Withdraw", body.GetProperty("availableActions").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task The_pin_is_stored_only_as_a_hash_and_the_history_chain_verifies_after_a_round_trip(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var (number, pin) = await FileAsync(app.CreateClient(), ValidComplaint());

        var (pinHash, brokenAt) = await app.WithDbAsync(async ctx =>
        {
            var stored = await ctx.Cases.AsNoTracking().SingleAsync(c => c.TrackingNumber == number);
            var events = await ctx.CaseEvents.AsNoTracking().Where(e => e.CaseId == stored.Id).ToListAsync();
            return (stored.PinHash, stored.FindHistoryBreak(events));
        });

        Assert.DoesNotContain(pin, pinHash, StringComparison.Ordinal);
        Assert.StartsWith("pbkdf2-sha256$", pinHash, StringComparison.Ordinal);
        Assert.Null(brokenAt);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Wrong_pin_and_unknown_number_are_the_same_404_problem(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await FileAsync(client, ValidComplaint());
        var wrongPin = pin == "000000" ? "111111" : "000000";

        var wrong = await TrackAsync(client, number, wrongPin);
        var unknown = await TrackAsync(client, TrackingNumber.New(), pin);

        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", wrong.Content.Headers.ContentType?.MediaType);
        var wrongBody = await wrong.Content.ReadFromJsonAsync<JsonElement>();
        var unknownBody = await unknown.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(unknownBody.GetProperty("detail").GetString(), wrongBody.GetProperty("detail").GetString());
        Assert.Equal(unknownBody.GetProperty("title").GetString(), wrongBody.GetProperty("title").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Invalid_intake_answers_400_problem_json_with_localized_field_errors(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var body = ValidComplaint(email: "siti@", consent: false, nik: "3201010101010000");

        var indonesian = await client.PostAsJsonAsync("/api/v1/cases", body);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.Add(new StringWithQualityHeaderValue("en"));
        var english = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, indonesian.StatusCode);
        Assert.Equal("application/problem+json", indonesian.Content.Headers.ContentType?.MediaType);
        var errors = (await indonesian.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("Persetujuan", errors.GetProperty("consentGiven")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("email", errors.GetProperty("consumer.email")[0].GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("0000", errors.GetProperty("consumer.nik")[0].GetString(), StringComparison.Ordinal);
        var englishErrors = (await english.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("We need your consent to process personal data to handle your case.", englishErrors.GetProperty("consentGiven")[0].GetString());
        Assert.Equal(0, await app.WithDbAsync(ctx => ctx.Consumers.CountAsync(c => c.Email == "siti@")));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_unreadable_body_is_a_localized_problem_not_a_stack_trace(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();

        var response = await client.PostAsync("/api/v1/cases", new StringContent("{\"kind\":\"Gossip\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("tidak valid", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Contains("correlationId", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_institution_name_with_a_typo_is_matched_to_the_registry(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();

        var (number, pin) = await FileAsync(client, ValidComplaint(institutionName: "Danamass"));
        var body = await (await TrackAsync(client, number, pin)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("PT Pasar Dana Pinjaman", body.GetProperty("institution").GetString());
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task An_unknown_institution_keeps_the_name_the_consumer_typed(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();

        var (number, pin) = await FileAsync(client, ValidComplaint(institutionName: "Koperasi Maju Bersama Sejahtera Abadi"));
        var body = await (await TrackAsync(client, number, pin)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("Koperasi Maju Bersama Sejahtera Abadi", body.GetProperty("institution").GetString());
        Assert.Null(await app.WithDbAsync(ctx => ctx.Cases.Where(c => c.TrackingNumber == number).Select(c => c.InstitutionId).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Attachments_are_added_with_the_pin_checked_by_content_and_stored_by_hash(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await FileAsync(client, ValidComplaint());

        var good = new MultipartFormDataContent
        {
            { new StringContent(pin), "pin" },
            { new ByteArrayContent(TestFiles.Pdf("mutasi rekening")), "files", "mutasi.pdf" },
            { new ByteArrayContent(TestFiles.Png()), "files", "struk.png" },
        };
        var added = await client.PostAsync($"/api/v1/cases/{number}/attachments", good);

        var fake = new MultipartFormDataContent
        {
            { new StringContent(pin), "pin" },
            { new ByteArrayContent("MZ this is not a pdf"u8.ToArray()), "files", "surat.pdf" },
        };
        var refused = await client.PostAsync($"/api/v1/cases/{number}/attachments", fake);

        var wrongPin = new MultipartFormDataContent
        {
            { new StringContent(pin == "000000" ? "111111" : "000000"), "pin" },
            { new ByteArrayContent(TestFiles.Pdf()), "files", "lain.pdf" },
        };
        var hidden = await client.PostAsync($"/api/v1/cases/{number}/attachments", wrongPin);

        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("surat.pdf", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);

        var tracked = await (await TrackAsync(client, number, pin)).Content.ReadFromJsonAsync<JsonElement>();
        var names = tracked.GetProperty("attachments").EnumerateArray().Select(a => a.GetProperty("fileName").GetString()).ToList();
        Assert.Equal(["mutasi.pdf", "struk.png"], names);

        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(TestFiles.Pdf("mutasi rekening")));
        var onDisk = Path.Combine(app.DataPath, "attachments", hash[..2], hash[2..4], hash);
        Assert.True(File.Exists(onDisk), "the file is stored under the data folder, named by its SHA-256");
        Assert.Equal(TestFiles.Pdf("mutasi rekening"), await File.ReadAllBytesAsync(onDisk));
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_public_case_endpoints()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);

        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/cases", out var cases));
        Assert.True(cases.TryGetProperty("post", out _));
        Assert.True(paths.TryGetProperty("/api/v1/cases/{trackingNumber}", out var one));
        Assert.True(one.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/v1/cases/{trackingNumber}/attachments", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/track", StringComparison.Ordinal));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var request = schemas.GetProperty("CreateCaseRequest").GetProperty("properties");
        foreach (var name in new[] { "kind", "institutionId", "institutionName", "sector", "product", "issueCategory", "description", "lossAmount", "requestedResolution", "complainedToInstitutionOn", "institutionAnsweredOn", "channel", "consumer", "consentGiven" })
        {
            Assert.True(request.TryGetProperty(name, out _), $"CreateCaseRequest has {name}");
        }
    }
}
