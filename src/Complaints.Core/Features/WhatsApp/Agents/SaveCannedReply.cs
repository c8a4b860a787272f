using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.WhatsApp.Agents;

/// <summary>A supervisor or administrator adds or edits a canned reply (title, Indonesian and English text) or
/// switches it off; switched-off replies stay for the record but are no longer offered to agents.</summary>
public sealed class SaveCannedReply(ComplaintsDbContext db)
{
    public sealed record Input
    {
        /// <summary>Null adds a new reply.</summary>
        public int? Id { get; init; }
        public string? Title { get; init; }
        public string? TextId { get; init; }
        public string? TextEn { get; init; }
        public bool Active { get; init; } = true;
    }

    public sealed record Result(bool Found, IReadOnlyList<FieldError> Errors)
    {
        public bool Succeeded => Found && Errors.Count == 0;
    }

    public static bool MayManage(Actor actor) => actor.Role is ActorRole.Supervisor or ActorRole.Administrator;

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        if (!MayManage(actor))
        {
            return new(false, []);
        }

        var errors = new List<FieldError>();
        var title = FieldError.RequiredText(input.Title, "title", 100, errors);
        var textId = FieldError.RequiredText(input.TextId, "textId", 1_000, errors);
        var textEn = FieldError.RequiredText(input.TextEn, "textEn", 1_000, errors);
        if (errors.Count > 0)
        {
            return new(true, errors);
        }

        if (input.Id is { } id)
        {
            var reply = await db.CannedReplies.FirstOrDefaultAsync(r => r.Id == id, ct);
            if (reply is null)
            {
                return new(false, []);
            }

            reply.Title = title!;
            reply.TextId = textId!;
            reply.TextEn = textEn!;
            reply.Active = input.Active;
        }
        else
        {
            db.CannedReplies.Add(new CannedReply { Title = title!, TextId = textId!, TextEn = textEn!, Active = input.Active });
        }

        await db.SaveChangesAsync(ct);
        return new(true, []);
    }
}
