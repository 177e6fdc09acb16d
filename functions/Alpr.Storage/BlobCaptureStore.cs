using Alpr.Core.Pipeline;
using Azure;
using Azure.Storage.Blobs.Models;

namespace Alpr.Storage;

/// <summary><see cref="ICaptureStore"/> on Blob storage.</summary>
public sealed class BlobCaptureStore(StorageClients clients, BlobSasIssuer sas) : ICaptureStore
{
    private StorageOptions Options => clients.Options;

    public async Task<CaptureContent?> GetCaptureAsync(string blobName, long maxBytes, CancellationToken ct = default)
    {
        var blob = clients.Container(Options.CapturesContainer).GetBlobClient(blobName);
        try
        {
            var props = (await blob.GetPropertiesAsync(cancellationToken: ct)).Value;
            // Oversized uploads are judged by their length alone; only the first bytes are fetched.
            var range = props.ContentLength > maxBytes ? new HttpRange(0, 16) : default;
            var download = (await blob.DownloadContentAsync(new BlobDownloadOptions { Range = range }, ct)).Value;
            return new CaptureContent(blobName, download.Content.ToArray(), props.ContentLength, new Dictionary<string, string>(props.Metadata, StringComparer.OrdinalIgnoreCase));
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<string> SaveCropAsync(string cropName, byte[] jpeg, CancellationToken ct = default)
    {
        var blob = clients.Container(Options.CropsContainer).GetBlobClient(cropName);
        await blob.UploadAsync(new BinaryData(jpeg), new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "image/jpeg" } }, ct);
        return cropName;
    }

    public async Task QuarantineAsync(string blobName, string reason, CancellationToken ct = default)
    {
        var source = clients.Container(Options.CapturesContainer).GetBlobClient(blobName);
        var target = clients.Container(Options.QuarantineContainer).GetBlobClient(blobName);
        BlobProperties props;
        try { props = (await source.GetPropertiesAsync(cancellationToken: ct)).Value; }
        catch (RequestFailedException e) when (e.Status == 404) { return; } // already moved by an earlier attempt
        var metadata = new Dictionary<string, string>(props.Metadata) { ["quarantinereason"] = reason };
        // Copy by streaming (works on Azurite and Azure without SAS on the source), then delete the original.
        var content = await source.DownloadStreamingAsync(cancellationToken: ct);
        await using (var stream = content.Value.Content)
            await target.UploadAsync(stream, new BlobUploadOptions { Metadata = metadata, HttpHeaders = new BlobHttpHeaders { ContentType = props.ContentType } }, ct);
        await source.DeleteIfExistsAsync(cancellationToken: ct);
    }

    public Task<Uri> GetReadLinkAsync(string containerAndName, TimeSpan validFor, CancellationToken ct = default)
    {
        int slash = containerAndName.IndexOf('/');
        if (slash <= 0) throw new ArgumentException("expected 'container/blob'", nameof(containerAndName));
        return sas.ReadUriAsync(containerAndName[..slash], containerAndName[(slash + 1)..], validFor, ct);
    }
}
