using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.Notifications;
using Complaints.Core.Domain.WhatsApp;
using Complaints.Core.Features.Cases;
using Complaints.Core.Features.Intake;
using Complaints.Core.Features.WhatsApp.Chatbot;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>The agent console's screens. Regulator staff see the consumer's WhatsApp number and name unmasked
/// (they work the complaint); the hub only says "something changed" and these queries give the content.</summary>
public sealed class AgentConsoleQueries(ComplaintsDbContext db, IOptions<WhatsAppOptions> options, TimeProvider clock)
{
    public sealed record QueueItem(Guid Id, int Position, string WaId, string? ContactName, int Tier, DateTime QueuedAtUtc, TimeSpan Waiting, string? LastText);

    public sealed record ChatItem(Guid Id, string WaId, string? ContactName, DateTime AssignedAtUtc, int Unread, string? LastText, Guid? CaseId);

    public sealed record Console(IReadOnlyList<QueueItem> Queue, IReadOnlyList<ChatItem> Mine, int MaxChats)
    {
        public bool Full => Mine.Count >= MaxChats;
    }

    public enum AuthorKind
    {
        Consumer,
        Bot,
        Queue,
        Agent,
    }

    public sealed record TranscriptLine(
        long Id, MessageDirection Direction, DateTime AtUtc, AuthorKind Author, string? AgentName, string? Text, string? FileName,
        OutboxStatus? Status, DeliveryStatus? Delivery);

    public sealed record OtherCase(string TrackingNumber, CaseKind Kind, CaseState State, DateTime SubmittedAtUtc);

    public sealed record CannedReplyItem(int Id, string Title, string TextId, string TextEn, bool Active);

    public sealed record AgentChoice(string UserId, string Name, int Tier, int Holding);

    public sealed record ConversationView(
        Guid Id, int Version, string WaId, string? ContactName, string Culture, ConversationState State, int Tier,
        string? AgentUserId, string? AgentName, DateTime? QueuedAtUtc, DateTime? AssignedAtUtc, Guid? CaseId, string? CaseNumber,
        string? CloseReason, bool IsMine, bool MayManage, bool InWindow,
        IReadOnlyList<TranscriptLine> Transcript, IReadOnlyList<OtherCase> OtherCases, IReadOnlyList<CannedReplyItem> CannedReplies,
        IReadOnlyList<AgentChoice> Agents);

    public async Task<Console?> ConsoleAsync(Actor actor, CancellationToken ct = default)
    {
        if (!AgentWork.IsAgent(actor))
        {
            return null;
        }

        return new(await QueueAsync(ct), await MineAsync(actor.UserId!, ct), options.Value.MaxChatsPerAgent);
    }

    private async Task<List<QueueItem>> QueueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.Queued)
            .OrderBy(c => c.QueuedAtUtc).ThenBy(c => c.Id)
            .Select(c => new { c.Id, c.WaId, c.ContactName, c.Tier, c.QueuedAtUtc })
            .ToListAsync(ct);
        var last = await LastInboundTextsAsync([.. rows.Select(r => r.Id)], ct);
        return [.. rows.Select((r, i) =>
        {
            var queued = r.QueuedAtUtc ?? now;
            return new QueueItem(r.Id, i + 1, r.WaId, r.ContactName, r.Tier, queued, now - queued, last.GetValueOrDefault(r.Id));
        })];
    }

    private async Task<List<ChatItem>> MineAsync(string userId, CancellationToken ct)
    {
        var rows = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.WithAgent && c.AgentUserId == userId)
            .OrderBy(c => c.AssignedAtUtc)
            .Select(c => new { c.Id, c.WaId, c.ContactName, c.AssignedAtUtc, c.LastAgentReplyAtUtc, c.CaseId })
            .ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var inbound = await db.ConversationMessages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Direction == MessageDirection.Inbound)
            .Select(m => new { m.ConversationId, m.AtUtc })
            .ToListAsync(ct);
        var last = await LastInboundTextsAsync(ids, ct);
        return [.. rows.Select(r =>
        {
            // Unread: what the consumer wrote since the agent's last reply (or since the chat was taken).
            var since = r.LastAgentReplyAtUtc ?? r.AssignedAtUtc ?? DateTime.MinValue;
            var unread = inbound.Count(m => m.ConversationId == r.Id && m.AtUtc > since);
            return new ChatItem(r.Id, r.WaId, r.ContactName, r.AssignedAtUtc ?? DateTime.MinValue, unread, last.GetValueOrDefault(r.Id), r.CaseId);
        })];
    }

    private async Task<Dictionary<Guid, string?>> LastInboundTextsAsync(List<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var lastIds = await db.ConversationMessages.AsNoTracking()
            .Where(m => ids.Contains(m.ConversationId) && m.Direction == MessageDirection.Inbound)
            .GroupBy(m => m.ConversationId)
            .Select(g => g.Max(m => m.Id))
            .ToListAsync(ct);
        var texts = await db.ConversationMessages.AsNoTracking()
            .Where(m => lastIds.Contains(m.Id))
            .Select(m => new { m.ConversationId, m.Text, m.FileName })
            .ToListAsync(ct);
        return texts.ToDictionary(t => t.ConversationId, t => Preview(t.Text ?? t.FileName));
    }

    private static string? Preview(string? text) => text is null ? null : text.Length <= 80 ? text : text[..79] + "…";

    public async Task<ConversationView?> ConversationAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        if (!AgentWork.IsAgent(actor))
        {
            return null;
        }

        var c = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return null;
        }

        var messages = await db.ConversationMessages.AsNoTracking()
            .Where(m => m.ConversationId == id)
            .OrderBy(m => m.Id)
            .ToListAsync(ct);
        var outbox = await db.OutboxMessages.AsNoTracking()
            .Where(o => o.ConversationId == id)
            .OrderBy(o => o.Id)
            .Select(o => new { o.Id, o.CreatedAtUtc, o.Status, o.Delivery })
            .ToListAsync(ct);
        var agentIds = messages.Select(m => m.Author).Append(c.AgentUserId ?? "").Where(IsAgentAuthor).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => agentIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);

        // An outbound line and its outbox row are written together with the same time; pair them in order when the
        // line does not name its row.
        var unpaired = outbox.ToList();
        var transcript = new List<TranscriptLine>();
        foreach (var m in messages)
        {
            OutboxStatus? status = null;
            DeliveryStatus? delivery = null;
            if (m.Direction == MessageDirection.Outbound)
            {
                var row = m.OutboxMessageId is { } rowId ? unpaired.FirstOrDefault(o => o.Id == rowId) : unpaired.FirstOrDefault(o => o.CreatedAtUtc == m.AtUtc);
                if (row is not null)
                {
                    unpaired.Remove(row);
                    (status, delivery) = (row.Status, row.Delivery);
                }
            }

            var kind = m.Author switch
            {
                "consumer" => AuthorKind.Consumer,
                WhatsAppReplies.Bot => AuthorKind.Bot,
                var a when a.StartsWith(AgentWork.QueueAuthorPrefix, StringComparison.Ordinal) => AuthorKind.Queue,
                _ => m.Direction == MessageDirection.Inbound ? AuthorKind.Consumer : AuthorKind.Agent,
            };
            transcript.Add(new(m.Id, m.Direction, m.AtUtc, kind, kind == AuthorKind.Agent ? names.GetValueOrDefault(m.Author) : null, m.Text, m.FileName, status, delivery));
        }

        var otherCases = await db.Cases.VisibleTo(actor).AsNoTracking()
            .Where(x => x.Consumer!.WhatsApp == c.WaId)
            .OrderByDescending(x => x.SubmittedAtUtc)
            .Take(20)
            .Select(x => new OtherCase(x.TrackingNumber, x.Kind, x.State, x.SubmittedAtUtc))
            .ToListAsync(ct);
        var caseNumber = c.CaseId is { } caseId
            ? await db.Cases.VisibleTo(actor).Where(x => x.Id == caseId).Select(x => x.TrackingNumber).FirstOrDefaultAsync(ct)
            : null;
        var isMine = c.State == ConversationState.WithAgent && c.AgentUserId == actor.UserId;
        var mayManage = isMine || (actor.Role == ActorRole.Supervisor && c.State is ConversationState.WithAgent or ConversationState.Queued);
        return new(
            c.Id, c.Version, c.WaId, c.ContactName, c.Culture, c.State, c.Tier, c.AgentUserId,
            c.AgentUserId is { } agent ? names.GetValueOrDefault(agent) : null, c.QueuedAtUtc, c.AssignedAtUtc, c.CaseId, caseNumber, c.CloseReason,
            isMine, mayManage, AgentWork.InWindow(c, clock.GetUtcNow().UtcDateTime),
            transcript, otherCases, isMine ? await CannedRepliesAsync(activeOnly: true, ct) : [],
            mayManage ? await AgentsAsync(ct) : []);
    }

    private static bool IsAgentAuthor(string author) =>
        author.Length > 0 && author is not ("consumer" or WhatsAppReplies.Bot) && !author.StartsWith(AgentWork.QueueAuthorPrefix, StringComparison.Ordinal);

    public Task<List<CannedReplyItem>> CannedRepliesAsync(bool activeOnly, CancellationToken ct = default) =>
        db.CannedReplies.AsNoTracking()
            .Where(r => !activeOnly || r.Active)
            .OrderBy(r => r.Title).ThenBy(r => r.Id)
            .Select(r => new CannedReplyItem(r.Id, r.Title, r.TextId, r.TextEn, r.Active))
            .ToListAsync(ct);

    /// <summary>Everyone who works chats, with the tier of their strongest role and the chats they hold.</summary>
    public async Task<List<AgentChoice>> AgentsAsync(CancellationToken ct = default)
    {
        var roleNames = AgentWork.AgentRoles.Select(r => r.Role).ToList();
        var rows = await db.UserRoles.AsNoTracking()
            .Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, Role = r.Name })
            .Where(x => roleNames.Contains(x.Role!))
            .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { x.UserId, x.Role, u.DisplayName, u.Email })
            .ToListAsync(ct);
        var holding = await db.Conversations.AsNoTracking()
            .Where(c => c.State == ConversationState.WithAgent && c.AgentUserId != null)
            .GroupBy(c => c.AgentUserId!)
            .Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.UserId, x => x.Count, ct);
        return [.. rows.GroupBy(r => r.UserId)
            .Select(g => new AgentChoice(
                g.Key,
                g.First().DisplayName is { Length: > 0 } name ? name : g.First().Email ?? g.Key,
                g.Max(r => AgentWork.AgentRoles.First(x => x.Role == r.Role).Tier),
                holding.GetValueOrDefault(g.Key)))
            .OrderBy(a => a.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>The intake form for turning the conversation into a case, pre-filled from what the chatbot
    /// collected.</summary>
    public async Task<SubmitCase.Input?> CaseDraftAsync(Actor actor, Guid id, CancellationToken ct = default)
    {
        if (!AgentWork.IsAgent(actor))
        {
            return null;
        }

        var c = await db.Conversations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        return c is null ? null : DraftFrom(c);
    }

    /// <summary>The web form's fields as the chatbot collected them (<see cref="BotData"/>); what it did not ask
    /// is left for the agent.</summary>
    public static SubmitCase.Input DraftFrom(Conversation conversation)
    {
        var draft = BotData.Read(conversation.BotData).Draft;
        return new SubmitCase.Input
        {
            Kind = draft is null ? null : CaseKind.Complaint,
            Sector = Enum.TryParse<Domain.Institutions.Sector>(draft?.Sector, ignoreCase: true, out var sector) ? sector : null,
            InstitutionId = draft?.InstitutionId,
            InstitutionName = Trimmed(draft?.InstitutionName),
            Product = Trimmed(draft?.Product),
            IssueCategory = Trimmed(draft?.IssueCategory),
            Description = Trimmed(draft?.Description),
            LossAmount = draft?.LossAmount,
            RequestedResolution = Trimmed(draft?.RequestedResolution),
            Name = Trimmed(draft?.Name) ?? conversation.ContactName,
            Email = Trimmed(draft?.Email),
            Nik = Trimmed(draft?.Nik),
            WhatsApp = conversation.WaId,
            Channel = Channel.WhatsApp,
        };
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

}
