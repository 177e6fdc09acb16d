using System.Diagnostics;
using System.Text.Json.Nodes;
using Alpr.Cosmos;
using Alpr.Storage;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cli.Bench;

/// <summary>
/// How fast the local servers themselves delete, measured just before a purge at the fill level that purge
/// starts from: 500 blobs and 500 documents of a probe of their own, deleted with the purge's concurrency. A
/// stand-in whose per-delete cost grows with what it stores shows it here, beside the purge's own rate.
/// </summary>
public static class StandInProbe
{
    public sealed record Result(double BlobDeletesPerS, double DocDeletesPerS);

    private const int Count = 500;

    public static async Task<Result> MeasureAsync(StorageClients storage, CosmosDatabase db, int concurrency, CancellationToken ct)
    {
        var container = storage.Container("bench-probe");
        await container.CreateIfNotExistsAsync(cancellationToken: ct);
        var docs = db.Container(CosmosContainers.Quarantine);
        var ids = Enumerable.Range(0, Count).Select(i => $"probe-{Guid.NewGuid():N}").ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = ct };
        await Parallel.ForEachAsync(ids, parallel, async (id, t) =>
        {
            await container.GetBlobClient(id).UploadAsync(new BinaryData(new byte[256]), overwrite: true, t);
            await docs.CreateItemAsync(new JsonObject { ["id"] = id, ["pk"] = id }, new PartitionKey(id), cancellationToken: t);
        });
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(ids, parallel, async (id, t) => await container.GetBlobClient(id).DeleteIfExistsAsync(cancellationToken: t));
        double blobs = Count / clock.Elapsed.TotalSeconds;
        clock.Restart();
        await Parallel.ForEachAsync(ids, parallel, async (id, t) => await docs.DeleteItemAsync<JsonObject>(id, new PartitionKey(id), cancellationToken: t));
        double documents = Count / clock.Elapsed.TotalSeconds;
        return new Result(Math.Round(blobs, 1), Math.Round(documents, 1));
    }
}
