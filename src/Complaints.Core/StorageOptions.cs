namespace Complaints.Core;

/// <summary>Where the app keeps its files: the SQLite database and attachments. Never under the web root.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Absolute, or relative to the app's content root. Default: "data".</summary>
    public string DataPath { get; set; } = "data";

    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxAttachmentsPerSubmission { get; set; } = 5;

    public int MaxAttachmentsPerCase { get; set; } = 20;
}
