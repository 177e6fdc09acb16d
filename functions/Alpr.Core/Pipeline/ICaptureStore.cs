namespace Alpr.Core.Pipeline;

/// <summary>
/// A capture blob as the pipeline sees it: bytes, size and the metadata the camera sent. When the blob is
/// larger than the caller's limit, <see cref="Data"/> holds only its first bytes.
/// </summary>
public sealed record CaptureContent(string BlobName, byte[] Data, long Length, IReadOnlyDictionary<string, string> Metadata);

/// <summary>Image storage used by the pipeline (Blob in Azure and Azurite locally).</summary>
public interface ICaptureStore
{
    /// <summary>Fetches the blob (only its head when longer than <paramref name="maxBytes"/>); null when it no longer exists.</summary>
    Task<CaptureContent?> GetCaptureAsync(string blobName, long maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Saves a plate crop; returns its blob name. Overwrites, so replays are harmless.</summary>
    Task<string> SaveCropAsync(string cropName, byte[] jpeg, CancellationToken cancellationToken = default);

    /// <summary>Moves the capture to the quarantine container with the reason as metadata.</summary>
    Task QuarantineAsync(string blobName, string reason, CancellationToken cancellationToken = default);

    /// <summary>A read-only link to one blob ("container/name"), valid for <paramref name="validFor"/>.</summary>
    Task<Uri> GetReadLinkAsync(string containerAndName, TimeSpan validFor, CancellationToken cancellationToken = default);
}
