using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Administration;
using Complaints.Core.Features.Regulator;

namespace Complaints.Web.Areas.Regulator.Models;

public sealed class NewUserForm
{
    public string? Email { get; set; }
    public string? DisplayName { get; set; }
    public string? Password { get; set; }
    public ActorRole? Role { get; set; }
    public int? InstitutionId { get; set; }
}

public sealed class NewApiClientForm
{
    public string? ClientId { get; set; }
    public string? DisplayName { get; set; }
    public ActorRole? Role { get; set; }
    public int? InstitutionId { get; set; }
}

public sealed record AdminUsersPage(AdminUserList Users, NewUserForm Form, IReadOnlyList<Choice> Institutions, string? Done, string? MyUserId);

public sealed record AdminApiClientsPage(AdminApiClientList Clients, NewApiClientForm Form, IReadOnlyList<Choice> Institutions, string? Done);

/// <summary>Shown once, right after the client is created; the secret is never stored in clear.</summary>
public sealed record ApiClientCreatedPage(string ClientId, string Secret);
