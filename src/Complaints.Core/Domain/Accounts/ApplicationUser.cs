using Complaints.Core.Domain.Cases;
using Microsoft.AspNetCore.Identity;

namespace Complaints.Core.Domain.Accounts;

/// <summary>A person who signs in: a consumer, an institution's officer or admin, or regulator staff.
/// Roles are the <see cref="ActorRole"/> names (System excepted).</summary>
public sealed class ApplicationUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Institution users belong to exactly one institution.</summary>
    public int? InstitutionId { get; set; }

    /// <summary>A consumer account is linked to its consumer record; cases filed before are claimed with
    /// tracking number and PIN.</summary>
    public Guid? ConsumerId { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>Roles that may be given to people, strongest case role first.</summary>
    public static readonly ActorRole[] Roles =
    [
        ActorRole.Supervisor, ActorRole.Specialist, ActorRole.Agent,
        ActorRole.InstitutionOfficer, ActorRole.InstitutionAdmin, ActorRole.Consumer, ActorRole.Administrator,
    ];
}
