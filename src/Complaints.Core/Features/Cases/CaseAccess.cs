using Complaints.Core.Domain.Cases;

namespace Complaints.Core.Features.Cases;

/// <summary>
/// The one query scope every read of cases goes through. A case outside it does not exist for the actor:
/// callers answer 404, never 403.
/// </summary>
public static class CaseAccess
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, Actor actor) => actor.Role switch
    {
        ActorRole.Consumer when actor.ConsumerId is { } consumerId => cases.Where(c => c.ConsumerId == consumerId),
        // Officers see their institution's cases from the moment they were forwarded, restricted or not.
        ActorRole.InstitutionOfficer when actor.InstitutionId is { } institutionId =>
            cases.Where(c => c.InstitutionId == institutionId && c.ForwardedAtUtc != null),
        ActorRole.Agent => cases.Where(c => !c.IsRestricted),
        ActorRole.Specialist or ActorRole.Supervisor or ActorRole.System => cases,
        // The institution's admin manages accounts; the regulator's administrator manages the system.
        // Neither sees case content through these roles.
        ActorRole.Consumer or ActorRole.InstitutionOfficer or ActorRole.InstitutionAdmin or ActorRole.Administrator => cases.Where(_ => false),
    };

    /// <summary>Which events, messages and files of a case the actor may see.</summary>
    public static bool MaySee(this Actor actor, Visibility visibility) => actor.Role switch
    {
        ActorRole.Consumer => visibility.ToConsumer(),
        ActorRole.InstitutionOfficer => visibility.ToInstitution(),
        ActorRole.Agent or ActorRole.Specialist or ActorRole.Supervisor or ActorRole.System => true,
        ActorRole.InstitutionAdmin or ActorRole.Administrator => false,
    };

    /// <summary>The visibilities an actor may see, for use in queries.</summary>
    public static Visibility[] VisibilitiesFor(Actor actor) =>
        Enum.GetValues<Visibility>().Where(actor.MaySee).ToArray();
}
