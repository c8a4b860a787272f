using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Complaints.Core.Domain.WhatsApp;
using Microsoft.EntityFrameworkCore;

namespace Complaints.Core.Features.WhatsApp.Chatbot;

/// <summary>A supervisor or administrator adds or edits an answer of the chatbot's FAQ, or switches it off
/// (deactivated entries stay for the record and can be switched on again; the bot no longer offers them).</summary>
public sealed class SaveFaqEntry(ComplaintsDbContext db, TimeProvider clock)
{
    /// <summary>The question is shown above the answer in one WhatsApp message of at most 1024 characters.</summary>
    public const int MaxQuestion = 200;

    public const int MaxAnswer = 800;

    public const int MaxKeywords = 1_000;

    public sealed record Input
    {
        /// <summary>Null adds a new entry.</summary>
        public int? Id { get; init; }
        public string? QuestionId { get; init; }
        public string? QuestionEn { get; init; }
        public string? AnswerId { get; init; }
        public string? AnswerEn { get; init; }
        public string? Keywords { get; init; }
        public int SortOrder { get; init; }
        public bool Active { get; init; } = true;
    }

    public sealed record Result(bool Found, IReadOnlyList<FieldError> Errors)
    {
        public bool Succeeded => Found && Errors.Count == 0;
    }

    public static bool MayManage(Actor actor) => actor.Role is ActorRole.Supervisor or ActorRole.Administrator;

    public async Task<Result> HandleAsync(Input input, Actor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        if (!MayManage(actor))
        {
            return new(false, []);
        }

        var errors = new List<FieldError>();
        var questionId = FieldError.RequiredText(input.QuestionId, "questionId", MaxQuestion, errors);
        var questionEn = FieldError.RequiredText(input.QuestionEn, "questionEn", MaxQuestion, errors);
        var answerId = FieldError.RequiredText(input.AnswerId, "answerId", MaxAnswer, errors);
        var answerEn = FieldError.RequiredText(input.AnswerEn, "answerEn", MaxAnswer, errors);
        var keywords = FieldError.RequiredText(input.Keywords, "keywords", MaxKeywords, errors);
        if (errors.Count > 0)
        {
            return new(true, errors);
        }

        FaqEntry entry;
        if (input.Id is { } id)
        {
            var found = await db.FaqEntries.FirstOrDefaultAsync(f => f.Id == id, ct);
            if (found is null)
            {
                return new(false, []);
            }

            entry = found;
            entry.QuestionId = questionId!;
            entry.QuestionEn = questionEn!;
            entry.AnswerId = answerId!;
            entry.AnswerEn = answerEn!;
        }
        else
        {
            entry = new FaqEntry { QuestionId = questionId!, QuestionEn = questionEn!, AnswerId = answerId!, AnswerEn = answerEn! };
            db.FaqEntries.Add(entry);
        }

        // One keyword per comma, spaces tidied: what the matcher reads.
        entry.Keywords = string.Join(", ", keywords!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        entry.SortOrder = input.SortOrder;
        entry.Active = input.Active;
        entry.UpdatedAtUtc = clock.GetUtcNow().UtcDateTime;
        entry.UpdatedById = actor.UserId;
        await db.SaveChangesAsync(ct);
        return new(true, []);
    }
}
