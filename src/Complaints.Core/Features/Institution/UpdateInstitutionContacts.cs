using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Consumers;

namespace Complaints.Core.Features.InstitutionPortal;

/// <summary>The institution's admin keeps the complaint unit's email and phone up to date.</summary>
public sealed class UpdateInstitutionContacts(ComplaintsDbContext db)
{
    public sealed record Input(string? ContactEmail, string? ContactPhone);

    public sealed record Result(bool Found, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (actor.Role != ActorRole.InstitutionAdmin || actor.InstitutionId is not { } institutionId)
        {
            return new(false, []);
        }

        var institution = await db.Institutions.FindAsync([institutionId], ct);
        if (institution is null)
        {
            return new(false, []);
        }

        var email = string.IsNullOrWhiteSpace(input.ContactEmail) ? null : input.ContactEmail.Trim();
        var phone = string.IsNullOrWhiteSpace(input.ContactPhone) ? null : input.ContactPhone.Trim();
        var errors = new List<FieldError>();
        if (email is null)
        {
            errors.Add(new FieldError("contactEmail", "required"));
        }
        else if (!EmailAddress.IsValid(email))
        {
            errors.Add(new FieldError("contactEmail", "email.invalid"));
        }

        if (phone is not null && !IsPhone(phone))
        {
            errors.Add(new FieldError("contactPhone", "institutionContacts.phoneInvalid"));
        }

        if (errors.Count > 0)
        {
            return new(true, errors);
        }

        institution.ContactEmail = email;
        institution.ContactPhone = phone;
        await db.SaveChangesAsync(ct);
        return new(true, []);
    }

    /// <summary>Landlines (021 ...), mobiles and call-centre numbers (1500 ...): digits with the usual separators.</summary>
    private static bool IsPhone(string value)
    {
        var digits = value.Count(char.IsAsciiDigit);
        return value.Length <= 30 && digits is >= 4 and <= 15
            && value.All(c => char.IsAsciiDigit(c) || c is ' ' or '-' or '+' or '(' or ')' or '.');
    }
}
