using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;

namespace Complaints.Core.Features.Documents;

public enum DocumentKind
{
    Receipt,
    CaseFile,
    Minutes,
    Deed,
    MonthlyReport,

    /// <summary>The regulator's monthly or quarterly report; its claim's subject is the period ("2026-03",
    /// "2026-Q1").</summary>
    RegulatorReport,

    /// <summary>An institution's statistics beside its sector's average; its claim's subject is the institution
    /// and period, "{institutionId}/{yyyy-MM-dd}/{yyyy-MM-dd}" (<see cref="DocumentClaim.InstitutionStatisticsSubject"/>).</summary>
    InstitutionStatistics,
}

public enum DocumentAudience
{
    Consumer,
    Institution,
    Regulator,
}

/// <summary>What a verification code says a document was issued for. No personal data.</summary>
/// <param name="TrackingNumber">The case the document belongs to; for a <see cref="DocumentKind.MonthlyReport"/>,
/// which belongs to no case, the institution and month as "{institutionId}/{yyyy-MM}" (<see cref="MonthlySubject"/>),
/// so the code format (and every code already printed) stays as it was.</param>
public sealed record DocumentClaim(DocumentKind Kind, string TrackingNumber, DocumentAudience Audience, DateTime IssuedAtUtc)
{
    public static string MonthlySubject(int institutionId, DateOnly month) =>
        institutionId.ToString(CultureInfo.InvariantCulture) + "/" + month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string InstitutionStatisticsSubject(int institutionId, DateOnly from, DateOnly to) =>
        string.Join('/', institutionId.ToString(CultureInfo.InvariantCulture), from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>The institution and period of an institution statistics report's claim.</summary>
    public bool TryReadInstitutionStatistics(out int institutionId, out DateOnly from, out DateOnly to)
    {
        institutionId = 0;
        (from, to) = (default, default);
        var parts = TrackingNumber.Split('/');
        return Kind == DocumentKind.InstitutionStatistics && parts.Length == 3
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out institutionId)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out from)
            && DateOnly.TryParseExact(parts[2], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out to);
    }

    /// <summary>The institution and month of a monthly report's claim.</summary>
    public bool TryReadMonthly(out int institutionId, out DateOnly month)
    {
        institutionId = 0;
        month = default;
        var parts = TrackingNumber.Split('/');
        return Kind == DocumentKind.MonthlyReport && parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out institutionId)
            && DateOnly.TryParseExact(parts[1], "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out month);
    }
}

/// <summary>A document's verification code: the full token (printed in small type and as a QR code) and a
/// short code people can compare by eye.</summary>
public sealed record VerificationCode(string Token, string ShortCode);

/// <summary>
/// Issues and checks document verification codes. Stateless: the code is the claim itself, signed and encrypted
/// with the app's data-protection keys under one fixed purpose, so a changed character or a forged document
/// fails the check and nothing is stored per document.
/// </summary>
public sealed class VerifyDocument(IDataProtectionProvider protection)
{
    public const string Purpose = "Complaints.Documents.Verify";
    private const string Version = "d1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public VerificationCode Issue(DocumentClaim claim)
    {
        var payload = string.Join('|', Version, claim.Kind, claim.TrackingNumber, claim.Audience,
            new DateTimeOffset(DateTime.SpecifyKind(claim.IssuedAtUtc, DateTimeKind.Utc)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
        var token = _protector.Protect(payload);
        return new(token, ShortCodeOf(token));
    }

    /// <summary>The claim a code carries, or null when it was changed, forged or is not a code at all.</summary>
    public Task<DocumentClaim?> HandleAsync(string? code, CancellationToken ct = default)
    {
        _ = ct;
        return Task.FromResult(Read(code));
    }

    public DocumentClaim? Read(string? code)
    {
        var token = (code ?? "").Trim();
        if (token.Length is 0 or > 2000)
        {
            return null;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (FormatException)
        {
            return null;
        }

        var parts = payload.Split('|');
        return parts.Length == 5 && parts[0] == Version
            && Enum.TryParse<DocumentKind>(parts[1], out var kind)
            && Enum.TryParse<DocumentAudience>(parts[3], out var audience)
            && long.TryParse(parts[4], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? new DocumentClaim(kind, parts[2], audience, DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime)
            : null;
    }

    /// <summary>The first 10 hex characters of the token's SHA-256, in groups of five: "3F9A2-C81B0".</summary>
    public static string ShortCodeOf(string token)
    {
        var hex = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)))[..10];
        return hex[..5] + "-" + hex[5..];
    }
}
