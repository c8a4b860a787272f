using Complaints.Core.Domain.Cases;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.WhatsApp.Agents;

namespace Complaints.Web.Areas.Regulator.Models;

/// <summary>/regulator/agents: the queue and the agent's own chats; <see cref="Notice"/> is a refused take.</summary>
public sealed record AgentConsolePage(AgentConsoleQueries.Console Console, string? Notice);

public sealed record AgentConversationPage(
    AgentConsoleQueries.ConversationView View, AgentSendForm Send, AgentTransferForm Transfer, AgentCloseForm Close, string? Notice);

public sealed class AgentSendForm
{
    public string? Text { get; set; }

    public IFormFile? File { get; set; }
}

public sealed class AgentTransferForm
{
    public int? Version { get; set; }

    public string? ToUserId { get; set; }

    public int? ToTier { get; set; }
}

public sealed class AgentCloseForm
{
    public int? Version { get; set; }

    public string? Reason { get; set; }
}

public sealed record AgentCasePage(AgentConsoleQueries.ConversationView View, AgentCaseForm Form);

/// <summary>The intake fields the agent checks before the conversation becomes a case.</summary>
public sealed class AgentCaseForm
{
    public int? Version { get; set; }
    public CaseKind? Kind { get; set; }
    public string? InstitutionName { get; set; }
    public string? Product { get; set; }
    public string? IssueCategory { get; set; }
    public string? Description { get; set; }
    public long? LossAmount { get; set; }
    public string? RequestedResolution { get; set; }
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Nik { get; set; }
    public bool ConsentGiven { get; set; }

    public static AgentCaseForm From(SubmitCase.Input draft, int version) => new()
    {
        Version = version,
        Kind = draft.Kind,
        InstitutionName = draft.InstitutionName,
        Product = draft.Product,
        IssueCategory = draft.IssueCategory,
        Description = draft.Description,
        LossAmount = draft.LossAmount,
        RequestedResolution = draft.RequestedResolution,
        Name = draft.Name,
        Email = draft.Email,
        Nik = draft.Nik,
        ConsentGiven = draft.ConsentGiven,
    };

    /// <summary>The agent's form over the chatbot's draft: what the draft had that the form does not show
    /// (institution id, dates) is kept.</summary>
    public SubmitCase.Input ToInput(SubmitCase.Input draft) => draft with
    {
        Kind = Kind,
        InstitutionId = string.Equals(InstitutionName?.Trim(), draft.InstitutionName?.Trim(), StringComparison.Ordinal) ? draft.InstitutionId : null,
        InstitutionName = InstitutionName,
        Product = string.IsNullOrWhiteSpace(Product) ? null : Product,
        IssueCategory = string.IsNullOrWhiteSpace(IssueCategory) ? null : IssueCategory,
        Description = Description,
        LossAmount = LossAmount,
        RequestedResolution = RequestedResolution,
        Name = Name,
        Email = Email,
        Nik = Nik,
        ConsentGiven = ConsentGiven,
    };
}

public sealed record CannedRepliesPage(IReadOnlyList<AgentConsoleQueries.CannedReplyItem> Replies, CannedReplyForm New, int? FailedId, string? Done);

public sealed class CannedReplyForm
{
    public string? Title { get; set; }
    public string? TextId { get; set; }
    public string? TextEn { get; set; }
    public bool Active { get; set; } = true;
}
