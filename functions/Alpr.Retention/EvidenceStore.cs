using System.Text.Json;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Alpr.Storage;
using Azure;
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

    /// <summary>One held read to package: its document (null if it no longer exists) and its blobs ("container/name").</summary>
    public sealed record ReadItem(string ReadId, byte[]? Document, IReadOnlyList<string> Blobs);

    /// <summary>
    /// Writes the package under "{holdId}/": each read document, image and crop, then manifest.json (files with
    /// SHA-256 and size, and what is missing with why). Names are fixed and the manifest's time is the hold's, so a
    /// re-run after a crash writes the same package. A source that no longer exists is listed as missing; any
    /// other failure throws (the step is retried).
    /// </summary>
    public async Task<EvidenceCopied> WritePackageAsync(string holdId, HoldFile hold, IReadOnlyList<ReadItem> reads, CancellationToken ct)
    {
        var container = storage.Container(ContainerName);
        // Reads are copied concurrently; each keeps its own list so the manifest lists files in the hold's read order.
        var perRead = new (List<EvidenceFile> Files, List<MissingEvidence> Missing)[reads.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, reads.Count), new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct },
            async (n, token) => perRead[n] = await CopyReadAsync(reads[n], token));
        var files = perRead.SelectMany(p => p.Files).ToList();
        var missing = perRead.SelectMany(p => p.Missing).ToList();
        var manifest = new EvidenceManifest(holdId, hold.CaseNumber, hold.LegalBasis, hold.PlacedAt, files) { Missing = missing };
        byte[] manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, CosmosJson.Options);
        string name = $"{holdId}/manifest.json";
        var stored = await PutAsync(name, manifestBytes, ct);
        return new EvidenceCopied(name, stored.Sha256, files.Count, missing);

        async Task<(List<EvidenceFile>, List<MissingEvidence>)> CopyReadAsync(ReadItem read, CancellationToken token)
        {
            var copied = new List<EvidenceFile>();
            var absent = new List<MissingEvidence>();
            if (read.Document is null)
            {
                absent.Add(new(read.ReadId, $"reads/{read.ReadId}.json", "read document not found: deleted before the copy"));
                return (copied, absent);
            }
            copied.Add(await PutAsync($"{holdId}/reads/{read.ReadId}.json", read.Document, token));
            foreach (var source in read.Blobs)
            {
                int slash = source.IndexOf('/');
                if (slash <= 0) { absent.Add(new(read.ReadId, source, "not a blob reference (container/name)")); continue; }
                byte[] bytes;
                try { bytes = (await storage.Container(source[..slash]).GetBlobClient(source[(slash + 1)..]).DownloadContentAsync(token)).Value.Content.ToArray(); }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    absent.Add(new(read.ReadId, source, $"source blob not found ({e.ErrorCode}): purged or deleted before the copy"));
                    continue;
                }
                copied.Add(await PutAsync($"{holdId}/images/{source}", bytes, token));
            }
            return (copied, absent);
        }

        async Task<EvidenceFile> PutAsync(string path, byte[] content, CancellationToken token)
        {
            var blob = container.GetBlobClient(path);
            // Re-running the step after a crash rewrites the file (locally). In Azure a copy already there is
            // immutable: it is kept, and the manifest states the hash of what is stored, not of what we meant to write.
            if (options.Value.ApplyBlobLegalHold && await blob.ExistsAsync(token))
                content = (await blob.DownloadContentAsync(token)).Value.Content.ToArray();
            else
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
