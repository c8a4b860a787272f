using System.Security.Cryptography;

namespace Complaints.Core.Features.Attachments;

/// <summary>A file a person uploads, before it is checked.</summary>
public sealed record UploadedFile(string FileName, long Length, Func<Stream> OpenReadStream);

/// <summary>A checked file in the store.</summary>
public sealed record StoredFile(string FileName, string ContentType, string Sha256, long Size);

public enum AttachmentProblem
{
    TooLarge,
    Empty,
    TypeNotAllowed,
    TooMany,
}

/// <summary>
/// Content-addressed file storage under the data folder: a file is named by its SHA-256, so storing the
/// same bytes twice is harmless and a stored file can be verified. The kind of file is decided by its first
/// bytes, never by the name or the browser's content type.
/// </summary>
public sealed class AttachmentStore(string root)
{
    private static readonly (string ContentType, string[] Extensions, byte[] Magic)[] Allowed =
    [
        ("application/pdf", [".pdf"], "%PDF-"u8.ToArray()),
        ("image/jpeg", [".jpg", ".jpeg"], [0xFF, 0xD8, 0xFF]),
        ("image/png", [".png"], [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
    ];

    public string Root { get; } = root;

    /// <summary>The content type of an allowed file, or null when the bytes and the name do not agree on
    /// one of PDF, JPEG or PNG.</summary>
    public static string? DetectContentType(string fileName, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        foreach (var (contentType, extensions, magic) in Allowed)
        {
            if (head.StartsWith(magic) && extensions.Contains(extension))
            {
                return contentType;
            }
        }

        return null;
    }

    public static AttachmentProblem? Check(UploadedFile file, long maxBytes)
    {
        if (file.Length == 0)
        {
            return AttachmentProblem.Empty;
        }

        if (file.Length > maxBytes)
        {
            return AttachmentProblem.TooLarge;
        }

        Span<byte> head = stackalloc byte[8];
        using var stream = file.OpenReadStream();
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        return DetectContentType(file.FileName, head[..read]) is null ? AttachmentProblem.TypeNotAllowed : null;
    }

    /// <summary>The field errors of one submission of files: how many, how large, what kind.</summary>
    public static IEnumerable<FieldError> CheckAll(IReadOnlyList<UploadedFile> files, StorageOptions limits)
    {
        if (files.Count > limits.MaxAttachmentsPerSubmission)
        {
            yield return new("attachments", "attachment.TooMany", limits.MaxAttachmentsPerSubmission);
        }

        foreach (var file in files)
        {
            if (Check(file, limits.MaxAttachmentBytes) is { } problem)
            {
                yield return new("attachments", $"attachment.{problem}", Path.GetFileName(file.FileName), limits.MaxAttachmentBytes / (1024 * 1024));
            }
        }
    }

    /// <summary>Stores a file that passed <see cref="Check"/>.</summary>
    public async Task<StoredFile> SaveAsync(UploadedFile file, CancellationToken ct)
    {
        await using var content = file.OpenReadStream();
        var head = new byte[8];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        var contentType = DetectContentType(file.FileName, head.AsSpan(0, read))
            ?? throw new InvalidOperationException("Check the file before saving it.");
        var (sha, size) = await SaveAsync(new ConcatenatedStream(head.AsMemory(0, read), content), ct);
        return new(Path.GetFileName(file.FileName), contentType, sha, size);
    }

    /// <summary>Stores the bytes and returns their hash and size.</summary>
    public async Task<(string Sha256, long Size)> SaveAsync(Stream content, CancellationToken ct)
    {
        Directory.CreateDirectory(Path.Combine(Root, "incoming"));
        var temp = Path.Combine(Root, "incoming", Guid.NewGuid().ToString("N"));
        string hash;
        long size;
        await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
        using (var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                sha.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            size = file.Length;
            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        var target = PathOf(hash);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            File.Move(temp, target, overwrite: false);
        }
        catch (IOException) when (File.Exists(target))
        {
            // The same bytes are already stored (perhaps by a concurrent upload): keep that copy.
            File.Delete(temp);
        }

        return (hash, size);
    }

    public Stream OpenRead(string sha256) => File.OpenRead(PathOf(sha256));

    public string PathOf(string sha256)
    {
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
        {
            throw new ArgumentException("Not a SHA-256 hex string.", nameof(sha256));
        }

        return Path.Combine(Root, sha256[..2], sha256[2..4], sha256);
    }
}

/// <summary>Bytes already read, then the rest of a stream: lets a file's head be inspected without seeking.</summary>
internal sealed class ConcatenatedStream(ReadOnlyMemory<byte> head, Stream rest) : Stream
{
    private ReadOnlyMemory<byte> _head = head;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_head.IsEmpty)
        {
            return rest.Read(buffer);
        }

        var n = Math.Min(buffer.Length, _head.Length);
        _head.Span[..n].CopyTo(buffer);
        _head = _head[n..];
        return n;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_head.IsEmpty)
        {
            return await rest.ReadAsync(buffer, cancellationToken);
        }

        var n = Math.Min(buffer.Length, _head.Length);
        _head[..n].CopyTo(buffer);
        _head = _head[n..];
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
