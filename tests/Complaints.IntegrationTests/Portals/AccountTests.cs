using System.Net;
using System.Security.Cryptography;
using Complaints.Core.Data;
using Complaints.Core.Features.Seeding;
using Complaints.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Complaints.IntegrationTests.Portals;

/// <summary>One app with the demo accounts and two-factor required as in production; each test uses its own
/// account.</summary>
public sealed class AccountsApp() : IAsyncDisposable
{
    public ComplaintsApp App { get; } = new(DatabaseProvider.Sqlite, new Dictionary<string, string?>
    {
        ["Seed:DemoData"] = "true",
        ["Security:RequireTwoFactorForStaff"] = "true",
        ["Security:SessionCheckInterval"] = "00:00:00",
    });

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Real sign-in through the forms, with two-factor required as in production.</summary>
public sealed class AccountTests(AccountsApp fixture) : IClassFixture<AccountsApp>
{

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password) =>
        Forms.PostAsync(client, "/account/signin", "/account/signin", [new("Email", email), new("Password", password)]);

    [Fact]
    public async Task Staff_must_set_up_an_authenticator_and_then_sign_in_with_its_code()
    {
        var app = fixture.App;
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = true });

        // Password alone reaches only the two-factor set-up, not the back office.
        var first = await SignInAsync(client, "agent@ojk.demo", AccountsSeeder.DemoPassword);
        Assert.EndsWith("/account/2fa/setup", first.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var setup = await first.Content.ReadAsStringAsync();
        var key = Forms.TextOf(setup, "authenticator-key")!.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var queue = await client.GetAsync("/regulator");
        Assert.EndsWith("/account/2fa/setup", queue.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        var wrong = await Forms.PostAsync(client, "/account/2fa/setup", "/account/2fa/setup", [new("Code", "000000")]);
        Assert.Contains("Kode tidak cocok", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var enabled = await Forms.PostAsync(client, "/account/2fa/setup", "/account/2fa/setup", [new("Code", Totp(key))]);
        Assert.EndsWith("/regulator", enabled.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);

        // Next time the code is asked right after the password.
        var signOutToken = Forms.Token(await client.GetStringAsync("/"));
        await client.PostAsync("/account/signout", new FormUrlEncodedContent([new("__RequestVerificationToken", signOutToken)]));
        var again = await SignInAsync(client, "agent@ojk.demo", AccountsSeeder.DemoPassword);
        Assert.EndsWith("/account/2fa", again.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        var inWith2Fa = await Forms.PostAsync(client, again.RequestMessage.RequestUri.PathAndQuery, "/account/2fa", [new("Code", Totp(key))]);
        Assert.EndsWith("/regulator", inWith2Fa.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var app = fixture.App;
        var client = app.CreateClient();

        for (var i = 0; i < 4; i++)
        {
            var wrong = await SignInAsync(client, "officer@bank.demo", "not-the-password");
            Assert.Equal("Email atau kata sandi salah.", Forms.TextOf(await wrong.Content.ReadAsStringAsync(), "signin-error"));
        }

        var fifth = await SignInAsync(client, "officer@bank.demo", "not-the-password");
        Assert.StartsWith("Akun dikunci sementara", Forms.TextOf(await fifth.Content.ReadAsStringAsync(), "signin-error"), StringComparison.Ordinal);
        var locked = await SignInAsync(client, "officer@bank.demo", AccountsSeeder.DemoPassword);

        Assert.Contains("Akun dikunci sementara", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.EndsWith("/account/signin", locked.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consumer_signs_in_without_two_factor_and_lands_on_my_cases()
    {
        var app = fixture.App;
        var client = app.CreateClient();

        var response = await SignInAsync(client, "konsumen@demo.id", AccountsSeeder.DemoPassword);

        Assert.EndsWith("/my/cases", response.RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);
        Assert.Contains(DemoDataSeeder.DemoTrackingNumber(1), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_the_other_sessions()
    {
        var app = fixture.App;
        var phone = app.CreateClient();
        var laptop = app.CreateClient();
        await SignInAsync(phone, "konsumen@demo.id", AccountsSeeder.DemoPassword);
        await SignInAsync(laptop, "konsumen@demo.id", AccountsSeeder.DemoPassword);
        Assert.EndsWith("/my/cases", (await laptop.GetAsync("/my/cases")).RequestMessage!.RequestUri!.AbsolutePath, StringComparison.Ordinal);

        var token = Forms.Token(await phone.GetStringAsync("/my/cases"));
        await phone.PostAsync("/account/signout-everywhere", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));

        // The laptop's cookie is checked against the new security stamp (every minute by default; at once here).
        var after = await WaitForSignOutAsync(laptop);
        Assert.True(after, "the other session was signed out");
    }

    private static async Task<bool> WaitForSignOutAsync(HttpClient client)
    {
        for (var i = 0; i < 10; i++)
        {
            var response = await client.GetAsync("/my/cases");
            if (response.RequestMessage!.RequestUri!.AbsolutePath.EndsWith("/account/signin", StringComparison.Ordinal))
            {
                return true;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }

        return false;
    }

    /// <summary>RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 key, as an authenticator app computes it.</summary>
    private static string Totp(string base32Key)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bits = string.Concat(base32Key.TrimEnd('=').Select(c => Convert.ToString(alphabet.IndexOf(c, StringComparison.Ordinal), 2).PadLeft(5, '0')));
        var key = Enumerable.Range(0, bits.Length / 8).Select(i => Convert.ToByte(bits.Substring(i * 8, 8), 2)).ToArray();
        var counter = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30);
        if (BitConverter.IsLittleEndian)
        {
            Array.Reverse(counter);
        }

        var hash = HMACSHA1.HashData(key, counter);
        var offset = hash[^1] & 0x0F;
        var code = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (code % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}
