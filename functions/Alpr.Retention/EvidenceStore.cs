using System.Text.Json;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Alpr.Storage;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Alpr.Retention;

/// <summary>
/// The evidence package in Blob: copies of images and read documents under "{holdId}/", then manifest.json
/// with the SHA-256 of every file. In Azure the container carries a version-level immutability policy and each
/// copy gets a legal hold (<see cref="RetentionOptions.ApplyBlobLegalHold"/>); Azurite has neither, so locally the
/// application's hold is the protection and this flag stays off.
/// </summary>
public sealed class EvidenceStore(StorageClients storage, IOptions<RetentionOptions> options)
{
    public string ContainerName => options.Value.EvidenceContainer;

    public async Task<(string ManifestBlob, string ManifestSha256)> WritePackageAsync(
        EvidenceHold hold, IReadOnlyList<(string ReadId, byte[] Document, IReadOnlyList<string> Blobs)> reads, CancellationToken ct)
    {
        var container = storage.Container(ContainerName);
        var files = new List<EvidenceFile>();
        foreach (var (readId, document, blobs) in reads)
        {
            files.Add(await PutAsync($"{hold.HoldId}/reads/{readId}.json", document, ct));
            foreach (var source in blobs)
            {
                int slash = source.IndexOf('/');
                var bytes = (await storage.Container(source[..slash]).GetBlobClient(source[(slash + 1)..]).DownloadContentAsync(ct)).Value.Content.ToArray();
                files.Add(await PutAsync($"{hold.HoldId}/images/{source}", bytes, ct));
            }
        }
        var manifest = new EvidenceManifest(hold.HoldId, hold.CaseNumber, hold.LegalBasis, hold.CreatedAt, files);
        byte[] manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, CosmosJson.Options);
        string name = $"{hold.HoldId}/manifest.json";
        await PutAsync(name, manifestBytes, ct);
        return (name, EvidenceManifest.Sha256Hex(manifestBytes));

        async Task<EvidenceFile> PutAsync(string path, byte[] content, CancellationToken token)
        {
            var blob = container.GetBlobClient(path);
            // Re-running the step after a crash rewrites identical bytes (locally); in Azure an immutable copy
            // already there is left as is.
            if (!(options.Value.ApplyBlobLegalHold && await blob.ExistsAsync(token)))
                await blob.UploadAsync(new BinaryData(content), overwrite: true, token);
            if (options.Value.ApplyBlobLegalHold) await blob.SetLegalHoldAsync(true, token);
            return new EvidenceFile(path, content.Length, EvidenceManifest.Sha256Hex(content));
        }
    }

    public async Task<EvidenceManifest> ReadManifestAsync(string manifestBlob, CancellationToken ct)
    {
        var data = (await storage.Container(ContainerName).GetBlobClient(manifestBlob).DownloadContentAsync(ct)).Value.Content;
        return data.ToObjectFromJson<EvidenceManifest>(CosmosJson.Options)!;
    }

    public async Task<byte[]?> ReadFileAsync(string path, CancellationToken ct)
    {
        var blob = storage.Container(ContainerName).GetBlobClient(path);
        return await blob.ExistsAsync(ct) ? (await blob.DownloadContentAsync(ct)).Value.Content.ToArray() : null;
    }

    public Task EnsureCreatedAsync(CancellationToken ct) => storage.Container(ContainerName).CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);
}
