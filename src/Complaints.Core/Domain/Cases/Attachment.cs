namespace Complaints.Core.Domain.Cases;

/// <summary>A file on a case. The bytes live outside the web root, named by their SHA-256
/// (<see cref="Features.Attachments.AttachmentStore"/>); this row is the metadata.</summary>
public sealed class Attachment
{
    public Guid Id { get; private set; } = Guid.CreateVersion7();

    public Guid CaseId { get; init; }

    public required string FileName { get; init; }

    public required string ContentType { get; init; }

    public long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the content; also the stored file's name.</summary>
    public required string Sha256 { get; init; }

    public DateTime UploadedAtUtc { get; init; }

    public ActorRole UploadedByRole { get; init; }

    public string? UploadedById { get; init; }

    public Visibility Visibility { get; init; }
}
