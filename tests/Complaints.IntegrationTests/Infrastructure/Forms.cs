using System.Net;
using System.Text.RegularExpressions;

namespace Complaints.IntegrationTests.Infrastructure;

/// <summary>Posts forms the way a browser does: with the antiforgery cookie and the token from the page.</summary>
public static partial class Forms
{
    public static async Task<string> TokenFromAsync(HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return Token(html);
    }

    public static string Token(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the page.");

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string pageUrl, string postUrl, IEnumerable<KeyValuePair<string, string>> fields, params (string Name, string FileName, byte[] Content)[] files)
    {
        var token = await TokenFromAsync(client, pageUrl);
        var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes) in files)
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }

        return await client.PostAsync(postUrl, content);
    }

    /// <summary>The text of the element with this id, tags removed.</summary>
    public static string? TextOf(string html, string id)
    {
        var match = Regex.Match(html, $"id=\"{Regex.Escape(id)}\"[^>]*>(.*?)</", RegexOptions.Singleline);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value).Trim() : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}

public static class TestFiles
{
    /// <summary>A small but real PDF.</summary>
    public static byte[] Pdf(string text = "Bukti transfer") =>
        System.Text.Encoding.ASCII.GetBytes($"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n% {text}\ntrailer<</Root 1 0 R>>\n%%EOF\n");

    public static byte[] Png() =>
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x06, 0x00, 0x00, 0x00, 0x1F, 0x15, 0xC4,
        0x89, 0x00, 0x00, 0x00, 0x0A, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9C, 0x63, 0x00, 0x01, 0x00, 0x00,
        0x05, 0x00, 0x01, 0x0D, 0x0A, 0x2D, 0xB4, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE,
        0x42, 0x60, 0x82,
    ];
}
