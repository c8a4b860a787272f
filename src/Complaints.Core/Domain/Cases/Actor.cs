namespace Complaints.Core.Domain.Cases;

public enum ActorRole
{
    Consumer,
    InstitutionOfficer,
    InstitutionAdmin,
    Agent,
    Specialist,
    Supervisor,
    Administrator,
    System,
}

/// <summary>Who acts. A consumer actor carries the consumer id proven by sign-in or by tracking number and PIN;
/// an institution actor carries its institution.</summary>
public sealed record Actor(ActorRole Role, string? UserId = null, Guid? ConsumerId = null, int? InstitutionId = null)
{
    public static readonly Actor System = new(ActorRole.System, "system");

    public static Actor ForConsumer(Guid consumerId, string? userId = null) => new(ActorRole.Consumer, userId, consumerId);

    /// <summary>Regulator tier: 1 agent, 2 specialist, 3 supervisor; 0 for everybody else.</summary>
    public int Tier => Role switch
    {
        ActorRole.Agent => 1,
        ActorRole.Specialist => 2,
        ActorRole.Supervisor => 3,
        ActorRole.Consumer or ActorRole.InstitutionOfficer or ActorRole.InstitutionAdmin
            or ActorRole.Administrator or ActorRole.System => 0,
    };

    public bool IsStaff => Tier > 0;

    public bool IsInstitution => Role is ActorRole.InstitutionOfficer or ActorRole.InstitutionAdmin;
}

/// <summary>The parties a lifecycle row allows; a role maps to one of them.</summary>
[Flags]
public enum Parties
{
    None = 0,
    Consumer = 1,
    Institution = 2,
    Agent = 4,
    Specialist = 8,
    Supervisor = 16,
    System = 32,

    /// <summary>Tier 1 and up.</summary>
    Staff = Agent | Specialist | Supervisor,

    /// <summary>Tier 2 and up.</summary>
    SeniorStaff = Specialist | Supervisor,
}

public static class PartiesExtensions
{
    public static Parties AsParty(this ActorRole role) => role switch
    {
        ActorRole.Consumer => Parties.Consumer,
        // The institution's admin manages accounts and contacts; officers work the cases (DOMAIN.md).
        ActorRole.InstitutionOfficer => Parties.Institution,
        ActorRole.InstitutionAdmin => Parties.None,
        ActorRole.Agent => Parties.Agent,
        ActorRole.Specialist => Parties.Specialist,
        ActorRole.Supervisor => Parties.Supervisor,
        ActorRole.System => Parties.System,
        ActorRole.Administrator => Parties.None,
    };
}
