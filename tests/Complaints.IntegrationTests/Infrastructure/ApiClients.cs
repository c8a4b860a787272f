using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Complaints.Core.Domain.Accounts;
using Complaints.Core.Domain.Cases;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>API clients of institutions' systems and regulator tools, and their client-credential tokens.</summary>
public static class ApiClients
{
    /// <summary>A new API client with this party.</summary>
    public static async Task<(string Id, string Secret)> NewApiClientAsync(ComplaintsApp app, ActorRole role, int? institutionId = null, bool active = true)
    {
        var id = $"it-{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}";
        var secret = Guid.NewGuid().ToString("N");
        await app.WithDbAsync(async ctx =>
        {
            ctx.ApiClients.Add(new ApiClient
            {
                ClientId = id,
                DisplayName = id,
                SecretHash = CasePin.Hash(secret),
                Role = role,
                InstitutionId = institutionId,
                IsActive = active,
                CreatedAtUtc = DateTime.UtcNow,
            });
            return await ctx.SaveChangesAsync();
        });
        return (id, secret);
    }

    public static Task<HttpResponseMessage> TokenResponseAsync(HttpClient client, string id, string secret) =>
        client.PostAsync("/api/v1/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = id, ["client_secret"] = secret,
        }));

    /// <summary>A client holding a fresh token of a new API client with this party.</summary>
    public static async Task<HttpClient> BearerAsync(ComplaintsApp app, ActorRole role, int? institutionId = null)
    {
        var (id, secret) = await NewApiClientAsync(app, role, institutionId);
        return await BearerAsync(app, id, secret);
    }

    /// <summary>A client holding a fresh token of this API client.</summary>
    public static async Task<HttpClient> BearerAsync(ComplaintsApp app, string id, string secret)
    {
        var response = await TokenResponseAsync(app.CreateClient(), id, secret);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());
        return client;
    }
}
