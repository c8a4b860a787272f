namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>Checks shared by the institution admin's use cases.</summary>
public static class InstitutionAccounts
{
    public const int MaxNameLength = 200;

    public static bool IsEmail(string value) =>
        value.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
