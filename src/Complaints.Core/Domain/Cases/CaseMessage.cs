namespace Complaints.Core.Domain.Cases;

/// <summary>A message between the parties on a case, or (visibility RegulatorOnly) an internal note.</summary>
public sealed class CaseMessage
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    public DateTime SentAtUtc { get; init; }

    public ActorRole AuthorRole { get; init; }

    public string? AuthorId { get; init; }

    public required string Body { get; init; }

    public Visibility Visibility { get; init; }
}
