namespace Complaints.Core.Domain.Institutions;

public enum InstitutionStatus
{
    Licensed,
    Registered,
    Revoked,
}

/// <summary>A financial institution (PUJK) in the regulator's registry.</summary>
public sealed class Institution
{
    public int Id { get; set; }

    public required string LegalName { get; set; }

    /// <summary>Brand, platform and app names, separated by <see cref="NameSeparator"/>.</summary>
    public string? BrandNames { get; set; }

    public string? LicenseNumber { get; set; }

    public Sector Sector { get; set; }

    public InstitutionStatus Status { get; set; }

    public DateOnly? LicensedOn { get; set; }

    public string? Website { get; set; }

    public bool IsSharia { get; set; }

    /// <summary>Where the institution's complaint unit is notified (new cases, reminders, escalations);
    /// maintained by its InstitutionAdmin.</summary>
    public string? ContactEmail { get; set; }

    public string? ContactPhone { get; set; }

    public const char NameSeparator = ';';

    public IEnumerable<string> AllNames() =>
        new[] { LegalName }.Concat(SplitNames(BrandNames));

    public static IEnumerable<string> SplitNames(string? joined) =>
        (joined ?? "").Split(NameSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
