using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.Retention;
using Alpr.Storage;

namespace Alpr.Cli.Bench;

/// <summary>
/// Seeds the purge benchmark: N reads past both sources' periods, <paramref name="perDay"/> per capture day (an
/// agency's daily volume, so a bigger N means more days, as a real backlog of expired data would), half fixed,
/// half mobile, each with a context image and a crop in Blob, plus a few more under a hold. Bounded concurrency:
/// each of <paramref name="concurrency"/> workers uploads one read's two blobs together, then its document.
/// </summary>
public sealed class PurgeBenchSeeder(CosmosDatabase db, StorageClients storage, int concurrency, int perDay)
{
    public const string HoldId = "hold-bench";
    private static readonly BinaryData Image = RandomBytes(2048), Crop = RandomBytes(256);

    private static BinaryData RandomBytes(int n)
    {
        var bytes = new byte[n];
        Random.Shared.NextBytes(bytes);
        return new BinaryData(bytes);
    }

    /// <returns>The held reads (which must survive the purge).</returns>
    public async Task<List<PlateRead>> SeedAsync(int n, int held, RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var store = new CosmosReadStore(db);
        var index = new CosmosHoldIndex(db);
        var heldReads = new List<PlateRead>();
        string camera = "bench" + Guid.NewGuid().ToString("N")[..8];
        int pastEvery = Math.Max(policy.FixedCameraDays, policy.MobileCameraDays) + 35; // expired under both sources' periods
        await Parallel.ForEachAsync(Enumerable.Range(0, n + held), new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, concurrency), CancellationToken = ct },
            async (i, token) =>
            {
                var read = Read(camera, i, now.AddDays(-(pastEvery + i / Math.Max(1, perDay))).AddMinutes(-(i % 1440)));
                await Task.WhenAll(
                    storage.Container("captures").GetBlobClient(read.ImageBlob["captures/".Length..]).UploadAsync(Image, overwrite: true, token),
                    storage.Container("crops").GetBlobClient(read.CropBlob!["crops/".Length..]).UploadAsync(Crop, overwrite: true, token));
                await store.UpsertAsync(read, token);
                if (i < n) return;
                await index.AddAsync(new CosmosHoldIndex.HeldRead(HoldId, read.Id, CosmosReadStore.PartitionFor(read)), token);
                lock (heldReads) heldReads.Add(read);
            });
        return heldReads;
    }

    private static PlateRead Read(string camera, int i, DateTimeOffset captured)
    {
        var day = DateOnly.FromDateTime(captured.UtcDateTime);
        string captureId = $"{i:D8}{Guid.NewGuid():N}"[..24];
        string name = $"{camera}/{day:yyyy}/{day:MM}/{day:dd}/{captureId}.jpg";
        return new PlateRead
        {
            Id = PlateRead.MakeId(captureId, 0), CaptureId = captureId, CameraId = camera, CameraKind = i % 2 == 0 ? CameraKind.Fixed : CameraKind.Mobile,
            CapturedAt = captured, ProcessedAt = captured, Plate = "BENCH" + (i % 1000), Confidence = 0.9, Engine = "bench",
            ImageBlob = "captures/" + name, CropBlob = "crops/" + name,
        };
    }
}
