using Complaints.Core.Features.Attachments;
using Complaints.Core.Features.Notifications.Channels;
using Microsoft.Extensions.Logging;

namespace Complaints.Core.Features.WhatsApp;

/// <summary>A photo or document a consumer sent on WhatsApp, named for the case file.</summary>
public sealed record ConsumerMediaItem(string Id, string MimeType, string FileName, string? Sha256);

/// <summary>
/// Fetches a consumer's WhatsApp media for a case (the chatbot's filing and an agent's conversion): each file is
/// downloaded from the Cloud API (its SHA-256 checked) and kept only if the case file accepts it; what could not
/// be attached is named, never dropped silently. Without a configured account nothing can be fetched.
/// </summary>
public static class ConsumerMedia
{
    public static async Task<(List<UploadedFile> Files, List<string> Missing)> FetchAsync(
        WhatsAppCloudApi? api, IReadOnlyList<ConsumerMediaItem> items, StorageOptions limits, ILogger logger, CancellationToken ct)
    {
        var files = new List<UploadedFile>();
        var missing = new List<string>();
        foreach (var item in items)
        {
            if (api is null || files.Count >= limits.MaxAttachmentsPerSubmission)
            {
                missing.Add(item.FileName);
                continue;
            }

            var downloaded = await api.DownloadMediaAsync(item.Id, item.Sha256, ct);
            if (!downloaded.Succeeded)
            {
                logger.LogWarning("WhatsApp media {MediaId} could not be downloaded: {Error}", item.Id, downloaded.Error);
                missing.Add(item.FileName);
                continue;
            }

            var bytes = downloaded.Content!;
            var file = new UploadedFile(item.FileName, bytes.Length, () => new MemoryStream(bytes, writable: false));
            if (AttachmentStore.Check(file, limits.MaxAttachmentBytes) is not null)
            {
                missing.Add(item.FileName);
                continue;
            }

            files.Add(file);
        }

        return (files, missing);
    }

    /// <summary>A file name for media sent without one ("Foto 1" + the type's extension).</summary>
    public static string Extension(string mimeType) => mimeType.Split(';')[0].Trim() switch
    {
        "image/jpeg" => ".jpg",
        "image/png" => ".png",
        "application/pdf" => ".pdf",
        _ => "",
    };
}
