using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Complaints.Core.Features.WhatsApp;
using Complaints.Web.Setup;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Complaints.Web.WhatsApp;

/// <summary>
/// Meta's WhatsApp webhook (design: WHATSAPP.md §2-3). A machine endpoint: no sign-in, no antiforgery token; the
/// GET handshake proves we know the verify token, and every POST proves it comes from Meta by an HMAC of its exact
/// bytes with the app secret. A verified body is stored in the inbox and answered at once (Meta retries slow or
/// failed answers); the inbox job does the work.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[Route(Path)]
public sealed class WebhookController(
    IOptions<WhatsAppOptions> options,
    ReceiveWhatsAppEvents receive,
    WhatsAppInboxTrigger trigger,
    ILogger<WebhookController> logger) : Controller
{
    public const string Path = "/webhooks/whatsapp";

    public const string SignatureHeader = "X-Hub-Signature-256";

    [HttpGet]
    public IActionResult Verify(
        [FromQuery(Name = "hub.mode")] string? mode,
        [FromQuery(Name = "hub.verify_token")] string? token,
        [FromQuery(Name = "hub.challenge")] string? challenge)
    {
        var expected = options.Value.VerifyToken;
        if (mode != "subscribe" || string.IsNullOrEmpty(expected) || token is null || challenge is null
            || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(expected)))
        {
            logger.LogWarning("WhatsApp webhook handshake refused (mode {Mode}, correlation {CorrelationId})", mode, HttpContext.CorrelationId());
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        return Content(challenge, "text/plain", Encoding.UTF8);
    }

    [HttpPost]
    public async Task<IActionResult> Receive(CancellationToken ct)
    {
        var max = options.Value.MaxBodyBytes;
        if (Request.ContentLength > max)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "body of {0} bytes over the limit", Request.ContentLength);
        }

        var body = await ReadCappedAsync(max, ct);
        if (body is null)
        {
            return Refused(StatusCodes.Status413PayloadTooLarge, "body over the limit of {0} bytes", max);
        }

        if (!SignatureMatches(body, Request.Headers[SignatureHeader].ToString(), options.Value.AppSecret))
        {
            return Refused(StatusCodes.Status401Unauthorized, "signature missing or wrong ({0} bytes)", body.Length);
        }

        ReceiveWhatsAppEvents.Result stored;
        try
        {
            stored = await receive.HandleAsync(new(body), ct);
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return Refused(StatusCodes.Status400BadRequest, "signed body is not a webhook envelope: {0}", e.Message);
        }

        logger.LogDebug("WhatsApp webhook: {Stored} events stored, {Duplicates} already known", stored.Stored, stored.Duplicates);
        if (stored.Stored > 0)
        {
            // After the answer has gone out: Meta waits for nothing but the insert.
            Response.OnCompleted(() => trigger.PokeAsync());
        }

        return Ok();
    }

    /// <summary>The X-Hub-Signature-256 value Meta sends for a body (the development simulator signs with it).</summary>
    public static string Sign(ReadOnlySpan<byte> body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>HMAC-SHA256 of the exact bytes with the app secret, compared in constant time. Without a secret
    /// configured nothing can be verified, so nothing is accepted.</summary>
    public static bool SignatureMatches(ReadOnlySpan<byte> body, string? header, string? secret)
    {
        const string prefix = "sha256=";
        if (string.IsNullOrEmpty(secret) || header is null || !header.StartsWith(prefix, StringComparison.Ordinal)
            || header.Length != prefix.Length + (SHA256.HashSizeInBytes * 2))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[SHA256.HashSizeInBytes];
        if (Convert.FromHexString(header.AsSpan(prefix.Length), given, out _, out var written) != OperationStatus.Done || written != given.Length)
        {
            return false;
        }

        Span<byte> computed = stackalloc byte[SHA256.HashSizeInBytes];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, computed);
        return CryptographicOperations.FixedTimeEquals(computed, given);
    }

    /// <summary>The body, or null as soon as it passes <paramref name="max"/> bytes (a missing or lying
    /// Content-Length cannot make us buffer more).</summary>
    private async Task<byte[]?> ReadCappedAsync(int max, CancellationToken ct)
    {
        using var buffer = new MemoryStream(Request.ContentLength is { } length ? (int)length : 4_096);
        var chunk = ArrayPool<byte>.Shared.Rent(16_384);
        try
        {
            int read;
            while ((read = await Request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.ToArray();
    }

    private StatusCodeResult Refused(int status, string reason, object? detail)
    {
        logger.LogWarning("WhatsApp webhook POST refused with {Status}: {Reason} (correlation {CorrelationId})",
            status, string.Format(System.Globalization.CultureInfo.InvariantCulture, reason, detail), HttpContext.CorrelationId());
        return StatusCode(status);
    }
}
