namespace Complaints.Core.Domain.Consumers;

public static class EmailAddress
{
    /// <summary>A plausible address as typed (no display name, a dot in it, at most 254 characters).</summary>
    public static bool IsValid(string value) =>
        value.Length <= 254 && System.Net.Mail.MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);
}
