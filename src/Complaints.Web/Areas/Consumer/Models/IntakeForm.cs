using System.Globalization;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Attachments;
using Microsoft.AspNetCore.DataProtection;
using Complaints.Core.Domain.Institutions;

namespace Complaints.Web.Areas.Consumer.Models;

/// <summary>What the intake form posts. Loose types (strings, nullables) so that whatever the person typed
/// comes back to them on an error; the use case validates.</summary>
public sealed class IntakeForm
{
    public CaseKind? Kind { get; set; }

    public int? InstitutionId { get; set; }

    public string? InstitutionName { get; set; }

    public Sector? Sector { get; set; }

    public string? Product { get; set; }

    public string? IssueCategory { get; set; }

    public string? Description { get; set; }

    public string? LossAmount { get; set; }

    public string? RequestedResolution { get; set; }

    public bool ComplainedToInstitution { get; set; }

    public DateOnly? ComplainedToInstitutionOn { get; set; }

    public DateOnly? InstitutionAnsweredOn { get; set; }

    public string? InstitutionAnswer { get; set; }

    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? WhatsApp { get; set; }

    public string? Nik { get; set; }

    public bool ConsentGiven { get; set; }

    public List<IFormFile> Attachments { get; set; } = [];

    /// <summary>Files uploaded with an earlier attempt that failed validation, kept so nobody uploads twice.
    /// Each is a data-protected token naming a stored file.</summary>
    public List<string> KeptFiles { get; set; } = [];
}


public sealed record SubmittedReceipt(string TrackingNumber, string Pin, CaseKind Kind);

public sealed record KeptFile(string Token, string Sha256, long Size, string FileName);

/// <summary>Tokens for files kept between attempts at the intake form: data-protected, so a form can only
/// name files this server stored for it.</summary>
public sealed class KeptFileTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Complaints.Intake.KeptFile");

    public string Issue(StoredFile file) =>
        _protector.Protect(string.Join('|', file.Sha256, file.Size.ToString(CultureInfo.InvariantCulture), file.FileName));

    public IReadOnlyList<KeptFile> Read(IEnumerable<string> tokens)
    {
        var files = new List<KeptFile>();
        foreach (var token in tokens.Distinct())
        {
            try
            {
                var parts = _protector.Unprotect(token).Split('|', 3);
                files.Add(new(token, parts[0], long.Parse(parts[1], CultureInfo.InvariantCulture), parts[2]));
            }
            catch (System.Security.Cryptography.CryptographicException)
            {
                // A token this server did not issue (or from before a key rotation) names nothing.
            }
        }

        return files;
    }
}
