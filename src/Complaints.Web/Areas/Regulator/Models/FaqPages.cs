using Complaints.Core.Features.WhatsApp.Chatbot;

namespace Complaints.Web.Areas.Regulator.Models;

/// <summary>The FAQ page: every entry as its own form; after a failed save, the form that failed shows what was
/// typed (<see cref="FailedId"/> null means the new-entry form).</summary>
public sealed record FaqPage(IReadOnlyList<FaqQueries.FaqItem> Entries, FaqForm New, int? FailedId, FaqForm? Failed, string? Done);

public sealed class FaqForm
{
    public string? QuestionId { get; set; }
    public string? QuestionEn { get; set; }
    public string? AnswerId { get; set; }
    public string? AnswerEn { get; set; }
    public string? Keywords { get; set; }
    public int SortOrder { get; set; }
    public bool Active { get; set; } = true;

    public static FaqForm Of(FaqQueries.FaqItem item) => new()
    {
        QuestionId = item.QuestionId,
        QuestionEn = item.QuestionEn,
        AnswerId = item.AnswerId,
        AnswerEn = item.AnswerEn,
        Keywords = item.Keywords,
        SortOrder = item.SortOrder,
        Active = item.Active,
    };
}

/// <summary>The fields of one FAQ form: ids unique on the page, names bound to the action's form.</summary>
public sealed record FaqFieldsModel(FaqForm Form, string IdPrefix, Func<string, string?> ErrorOf, string NamePrefix = "");
