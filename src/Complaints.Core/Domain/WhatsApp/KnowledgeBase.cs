namespace Complaints.Core.Domain.WhatsApp;

/// <summary>A question the chatbot answers, maintained by regulator staff; matched on its keywords.</summary>
public sealed class FaqEntry
{
    public int Id { get; private set; }

    public required string QuestionId { get; set; }

    public required string QuestionEn { get; set; }

    public required string AnswerId { get; set; }

    public required string AnswerEn { get; set; }

    /// <summary>Words and phrases that lead to this answer, separated by commas, in either language.</summary>
    public string Keywords { get; set; } = "";

    public int SortOrder { get; set; }

    public bool Active { get; set; } = true;

    public DateTime UpdatedAtUtc { get; set; }

    public string? UpdatedById { get; set; }
}

/// <summary>A ready-made reply agents insert in a chat, managed in the back office.</summary>
public sealed class CannedReply
{
    public int Id { get; private set; }

    public required string Title { get; set; }

    public required string TextId { get; set; }

    public required string TextEn { get; set; }

    public bool Active { get; set; } = true;
}
