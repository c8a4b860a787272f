using System.Net;
using Complaints.Core.Data;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Complaints.IntegrationTests.Portals;

public sealed class PublicIntakeFormTests(SharedApps apps)
{
    public static List<KeyValuePair<string, string>> Complaint(string description = "Kartu kredit saya ditagih dua kali untuk transaksi yang sama di bulan Oktober.") =>
    [
        new("Kind", "Complaint"),
        new("InstitutionName", "PT Bank Contoh Makmur"),
        new("Sector", "Banking"),
        new("Product", "credit-card"),
        new("IssueCategory", "fees-interest"),
        new("Description", description),
        new("LossAmount", "Rp 1.250.000"),
        new("RequestedResolution", "Tagihan ganda dibatalkan"),
        new("Name", "Budi Santoso"),
        new("Email", "budi@example.org"),
        new("WhatsApp", "0812 1111 2222"),
        new("ConsentGiven", "true"),
    ];

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_complaint_filed_through_the_form_can_be_tracked_with_its_number_and_pin(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();

        var submitted = await Forms.PostAsync(client, "/cases/new", "/cases/new", Complaint(), ("Attachments", "tagihan.pdf", TestFiles.Pdf()));

        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.EndsWith("/cases/submitted", submitted.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var receipt = await submitted.Content.ReadAsStringAsync();
        var number = Forms.TextOf(receipt, "tracking-number")!;
        var pin = Forms.TextOf(receipt, "pin")!;
        Assert.Matches("^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$", number);
        Assert.Matches("^[0-9]{6}$", pin);
        Assert.True(submitted.Headers.CacheControl?.NoStore, "the page with the PIN is not cached");

        // The PIN is shown once: the receipt page does not show it again.
        var again = await client.GetAsync("/cases/submitted");
        Assert.DoesNotContain(pin, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tracked = await Forms.PostAsync(client, "/track", "/track", [new("TrackingNumber", number), new("Pin", pin)]);
        var page = await tracked.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, tracked.StatusCode);
        Assert.Contains(number, page, StringComparison.Ordinal);
        Assert.Contains("Diterima", page, StringComparison.Ordinal);
        Assert.Contains("aria-current=\"step\"", page, StringComparison.Ordinal);
        Assert.Contains("tagihan.pdf", page, StringComparison.Ordinal);

        var stored = await app.WithDbAsync(ctx => ctx.Cases.Include(c => c.Consumer).SingleAsync(c => c.TrackingNumber == number));
        Assert.Equal(1_250_000, stored.LossAmount);
        Assert.Equal("6281211112222", stored.Consumer!.WhatsApp);
        Assert.Equal("credit-card", stored.Product);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task A_validation_error_keeps_everything_typed_and_the_files_already_uploaded(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var fields = Complaint("Penagihan kasar oleh pihak ketiga setiap malam hari.")
            .Where(f => f.Key is not ("ConsentGiven" or "Email")).ToList();
        fields.Add(new("Email", "budi@"));
        fields.Add(new("Nik", "3201014507900001"));

        var response = await Forms.PostAsync(client, "/cases/new", "/cases/new", fields, ("Attachments", "bukti.png", TestFiles.Png()));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("Persetujuan pemrosesan data pribadi diperlukan", html, StringComparison.Ordinal);
        Assert.Contains("Alamat email tidak valid", html, StringComparison.Ordinal);
        Assert.Contains("Penagihan kasar oleh pihak ketiga setiap malam hari.", html, StringComparison.Ordinal);
        Assert.Contains("value=\"budi@\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"Rp 1.250.000\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"0812 1111 2222\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"3201014507900001\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"PT Bank Contoh Makmur\"", html, StringComparison.Ordinal);
        Assert.Contains("bukti.png", html, StringComparison.Ordinal);

        // Fixing the two fields and sending again, without uploading again, files the case with the file.
        var kept = System.Text.RegularExpressions.Regex.Match(html, "name=\"KeptFiles\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(kept);
        var fixedFields = fields.Where(f => f.Key != "Email").ToList();
        fixedFields.Add(new("Email", "budi@example.org"));
        fixedFields.Add(new("ConsentGiven", "true"));
        fixedFields.Add(new("KeptFiles", System.Net.WebUtility.HtmlDecode(kept)));
        var second = await Forms.PostAsync(client, "/cases/new", "/cases/new", fixedFields);
        var number = Forms.TextOf(await second.Content.ReadAsStringAsync(), "tracking-number");
        Assert.NotNull(number);
        var files = await app.WithDbAsync(ctx => ctx.Attachments.Where(a => ctx.Cases.Any(c => c.Id == a.CaseId && c.TrackingNumber == number)).Select(a => a.FileName).ToListAsync());
        Assert.Equal(["bukti.png"], files);
    }

    [Fact]
    public async Task A_form_posted_without_its_antiforgery_token_is_refused()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        var fields = Complaint().Where(f => f.Key != "Name").Append(new("Name", "Tanpa Token Antiforgery"));

        var response = await client.PostAsync("/cases/new", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(ctx => ctx.Consumers.CountAsync(c => c.Name == "Tanpa Token Antiforgery")));
    }

    [Fact]
    public async Task A_file_pretending_to_be_a_pdf_is_refused_with_its_name()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient();

        var response = await Forms.PostAsync(client, "/cases/new", "/cases/new", Complaint(), ("Attachments", "virus.pdf", "MZ\x90\0 not a pdf"u8.ToArray()));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("Berkas virus.pdf bukan PDF, JPG, atau PNG.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"KeptFiles\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Institution_suggestions_come_from_the_registry_with_typos()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);

        var html = await app.CreateClient().GetStringAsync("/registry/institutions?InstitutionName=amarta");

        Assert.Contains("PT Amartha Mikro Fintek", html, StringComparison.Ordinal);
        Assert.Contains("data-institution-id=", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Databases.Both), MemberType = typeof(Databases))]
    public async Task Tracking_with_a_wrong_pin_shows_one_generic_message_and_keeps_the_number(DatabaseProvider db)
    {
        var app = await apps.GetAsync(db);
        var client = app.CreateClient();
        var (number, pin) = await Api.PublicCasesApiTests.FileAsync(client, Api.PublicCasesApiTests.ValidComplaint());

        var wrong = await (await Forms.PostAsync(client, "/track", "/track", [new("TrackingNumber", number), new("Pin", pin == "000000" ? "111111" : "000000")])).Content.ReadAsStringAsync();
        var unknown = await (await Forms.PostAsync(client, "/track", "/track", [new("TrackingNumber", "ZZZZ-ZZZZ-ZZZZ"), new("Pin", pin)])).Content.ReadAsStringAsync();

        Assert.Equal(Forms.TextOf(unknown, "tracking-error"), Forms.TextOf(wrong, "tracking-error"));
        Assert.Equal("Nomor pengaduan atau PIN tidak cocok. Periksa kembali, lalu coba lagi.", Forms.TextOf(wrong, "tracking-error"));
        Assert.Contains($"value=\"{number}\"", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_English_switch_changes_the_language_and_remembers_it()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var before = await client.GetStringAsync("/cases/new");
        var token = Forms.Token(before);
        var switched = await client.PostAsync("/culture", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "/cases/new"), new("__RequestVerificationToken", token)]));
        var after = await client.GetStringAsync("/cases/new");

        Assert.Contains("lang=\"id\"", before, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/cases/new", switched.Headers.Location?.OriginalString);
        Assert.Contains("lang=\"en\"", after, StringComparison.Ordinal);
        Assert.Contains("Ask a question, report information or file a complaint", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_language_switch_does_not_redirect_to_another_site()
    {
        var app = await apps.GetAsync(DatabaseProvider.Sqlite);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = Forms.Token(await client.GetStringAsync("/"));

        var response = await client.PostAsync("/culture", new FormUrlEncodedContent([new("culture", "en"), new("returnUrl", "https://evil.example/"), new("__RequestVerificationToken", token)]));

        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }
}
