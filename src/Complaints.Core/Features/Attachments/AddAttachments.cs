using Complaints.Core.Data;
using Complaints.Core.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Complaints.Core.Features.Attachments;

/// <summary>Adds documents to an existing case (the consumer after intake; later also the other parties).</summary>
public sealed class AddAttachments(ComplaintsDbContext db, AttachmentStore store, IOptions<StorageOptions> storage, TimeProvider clock)
{
    public sealed record Result(IReadOnlyList<Attachment> Added, IReadOnlyList<FieldError> Errors);

    public async Task<Result> HandleAsync(Guid caseId, Actor actor, IReadOnlyList<UploadedFile> files, Visibility visibility, CancellationToken ct = default)
    {
        var limits = storage.Value;
        var errors = new List<FieldError>();
        if (files.Count == 0)
        {
            errors.Add(new("attachments", "required"));
        }

        var existing = await db.Attachments.CountAsync(a => a.CaseId == caseId, ct);
        if (existing + files.Count > limits.MaxAttachmentsPerCase)
        {
            errors.Add(new("attachments", "attachment.CaseFull", limits.MaxAttachmentsPerCase));
        }

        errors.AddRange(AttachmentStore.CheckAll(files, limits));
        if (errors.Count > 0)
        {
            return new([], errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<Attachment>();
        foreach (var file in files)
        {
            var stored = await store.SaveAsync(file, ct);
            var attachment = new Attachment
            {
                CaseId = caseId,
                FileName = stored.FileName,
                ContentType = stored.ContentType,
                SizeBytes = stored.Size,
                Sha256 = stored.Sha256,
                UploadedAtUtc = now,
                UploadedByRole = actor.Role,
                UploadedById = actor.UserId ?? actor.ConsumerId?.ToString(),
                Visibility = visibility,
            };
            db.Attachments.Add(attachment);
            added.Add(attachment);
        }

        await db.SaveChangesAsync(ct);
        return new(added, []);
    }
}
