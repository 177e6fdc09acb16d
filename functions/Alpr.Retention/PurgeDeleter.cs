using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.Storage;

namespace Alpr.Retention;

/// <summary>
/// Deletes one page of expired, unheld reads: per read the context image, the crop, then the document, with
/// bounded concurrency for blob and for document deletes (<see cref="RetentionOptions"/>). The document goes
/// last because it is the to-do item: a read whose blob or document delete fails stays in place, is counted and
/// named in the record, and the next run retries it (a blob already gone counts as done).
/// </summary>
internal sealed class PurgeDeleter(StorageClients storage, DocumentStore reads, RetentionOptions options, PurgeHooks? hooks)
{
    public async Task DeleteAsync(IReadOnlyList<PurgeCandidate> items, RetentionPolicy policy, PurgeTally tally, CancellationToken ct)
    {
        int blobSlots = Math.Max(1, options.BlobConcurrency), docSlots = Math.Max(1, options.DocumentConcurrency);
        using var blobGate = new SemaphoreSlim(blobSlots);
        using var docGate = new SemaphoreSlim(docSlots);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(blobSlots, docSlots), CancellationToken = ct };
        await Parallel.ForEachAsync(items, parallel, async (c, token) =>
        {
            try
            {
                int blobs = await Gated(blobGate, () => DeleteBlobAsync(c.ImageBlob, token), token);
                if (c.CropBlob is not null) blobs += await Gated(blobGate, () => DeleteBlobAsync(c.CropBlob, token), token);
                tally.BlobsDeleted(blobs);
                if (hooks?.AfterBlobsDeleted is { } hook) await hook(c, token);
                // Counted only if this run deleted it: a hold release purging the same read at once may have been first.
                if (await Gated(docGate, () => reads.DeleteAsync(c.ReadId, c.Partition, token), token))
                    tally.ReadDeleted(PurgePlanner.CountKey(c, policy));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                tally.ItemFailed($"{c.ReadId}: {e.GetType().Name}: {Short(e.Message)}");
            }
        });
    }

    private static async Task<T> Gated<T>(SemaphoreSlim gate, Func<Task<T>> work, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try { return await work(); }
        finally { gate.Release(); }
    }

    internal static string Short(string s) => s.Length <= 200 ? s : s[..200];

    /// <summary>1 if the blob existed and is gone now, 0 if it was already gone.</summary>
    private async Task<int> DeleteBlobAsync(string containerAndName, CancellationToken ct)
    {
        int slash = containerAndName.IndexOf('/');
        if (slash <= 0) throw new FormatException("blob reference must be container/name");
        var blob = storage.Container(containerAndName[..slash]).GetBlobClient(containerAndName[(slash + 1)..]);
        var r = await blob.DeleteIfExistsAsync(Azure.Storage.Blobs.Models.DeleteSnapshotsOption.IncludeSnapshots, cancellationToken: ct);
        return r.Value ? 1 : 0;
    }
}
