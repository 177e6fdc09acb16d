using System.Diagnostics;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.LocalServers;
using Alpr.Retention;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Cli.Commands;

/// <summary>
/// <c>./alpr bench purge [--n 10000,100000] [--held 20] [--policy palm-springs] [--json FILE]</c>: seeds N expired
/// reads (context image + crop in Blob each) plus a few held ones into fresh local servers, then times one purge.
/// Only the purge is timed, not the seeding.
/// </summary>
public sealed class BenchPurgeCommand : ICommand
{
    public string Path => "bench purge";
    public string Summary => "time the retention purge on N expired reads with images (--n 10000,100000)";

    public sealed record Run(int Items, long PurgeMs, double ItemsPerS, bool HeldSurvived, long DeletedReads, long DeletedBlobs, long Failed, string Status);

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var sizes = args.GetInts("n", 10_000, 100_000);
        int held = args.GetInt("held", 20);
        var policy = RetentionPresets.Find(args.Get("policy", "palm-springs"));
        if (policy is null) { Console.Error.WriteLine($"--policy must be one of {string.Join(", ", RetentionPresets.All.Keys)}"); return 2; }

        Console.Error.WriteLine("starting Azurite and the Cosmos server...");
        await using var azurite = await Azurite.StartAsync(ct);
        await using var cosmosServer = await CosmosServer.StartAsync(ct);
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString, RequireHttps = false });
        await storage.EnsureCreatedAsync(ct: ct);

        var runs = new List<Run>();
        foreach (int n in sizes)
        {
            using var db = new CosmosDatabase(new CosmosOptions
            {
                Endpoint = cosmosServer.Endpoint, Key = CosmosServer.Key, Database = "bench" + Guid.NewGuid().ToString("N")[..8], AcceptLocalServerCertificate = true,
            });
            await db.EnsureCreatedAsync(ct);
            var now = DateTimeOffset.UtcNow;
            string camera = "bench" + Guid.NewGuid().ToString("N")[..8];
            Console.Error.WriteLine($"seeding {n} expired reads + {held} held...");
            var heldReads = await SeedAsync(db, storage, camera, n, held, policy, now, ct);

            var options = Options.Create(new RetentionOptions { Policy = policy.Name });
            var executor = new PurgeExecutor(db, storage, new CosmosHoldIndex(db), new CosmosPurgeRecords(db), options, TimeProvider.System);
            var sw = Stopwatch.StartNew();
            var record = await executor.RunAsync("bench", ct: ct);
            sw.Stop();

            var reads = new DocumentStore(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);
            bool survived = true;
            foreach (var r in heldReads)
                survived &= await reads.ReadAsync<PlateRead>(r.Id, CosmosReadStore.PartitionFor(r), ct) is not null
                    && await storage.Container("captures").GetBlobClient(r.ImageBlob["captures/".Length..]).ExistsAsync(ct);
            var run = new Run(n, sw.ElapsedMilliseconds, Math.Round(n / sw.Elapsed.TotalSeconds, 1), survived, record.DeletedReads, record.DeletedBlobs, record.Failed, record.Status.ToString());
            Console.Error.WriteLine($"n={n}: {run.PurgeMs} ms, {run.ItemsPerS} items/s, deleted {run.DeletedReads} reads / {run.DeletedBlobs} blobs, held survived: {survived}");
            Console.Error.WriteLine($"  candidate query {record.QueryMs} ms; errors: {string.Join(" | ", record.Errors.Take(3))}");
            runs.Add(run);
            try { await db.Database.DeleteAsync(cancellationToken: ct); } // frees the server's memory for the next size
            catch (Microsoft.Azure.Cosmos.CosmosException e) { Console.Error.WriteLine($"  (could not drop the bench database: {e.StatusCode})"); }
        }
        if (runs.Count > 1)
        {
            var (a, b) = (runs[0], runs[^1]);
            Console.Error.WriteLine($"scaling: {b.Items / (double)a.Items:0.#}x items took {b.PurgeMs / (double)Math.Max(1, a.PurgeMs):0.##}x time (linear = equal ratios)");
        }
        await JsonOutput.WriteAsync(new { runs }, args.Get("json"), ct);
        return runs.All(r => r.HeldSurvived && r.DeletedReads == r.Items && r.Failed == 0) ? 0 : 1;
    }

    /// <summary>N reads 400-700 days old (past every one-year rule) with tiny images, plus held ones under a hold.</summary>
    private static async Task<List<PlateRead>> SeedAsync(CosmosDatabase db, StorageClients storage, string camera, int n, int held,
        RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var store = new CosmosReadStore(db);
        var index = new CosmosHoldIndex(db);
        var heldReads = new List<PlateRead>();
        byte[] image = new byte[2048], crop = new byte[256];
        Random.Shared.NextBytes(image);
        Random.Shared.NextBytes(crop);
        int days = Math.Max(policy.FixedCameraDays, policy.MobileCameraDays) + 35;
        await Parallel.ForEachAsync(Enumerable.Range(0, n + held), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (i, token) =>
        {
            var captured = now.AddDays(-(days + i % 300)).AddMinutes(-(i % 1440));
            var day = DateOnly.FromDateTime(captured.UtcDateTime);
            string captureId = $"{i:D8}{Guid.NewGuid():N}"[..24];
            string name = $"{camera}/{day:yyyy}/{day:MM}/{day:dd}/{captureId}.jpg";
            var read = new PlateRead
            {
                Id = PlateRead.MakeId(captureId, 0), CaptureId = captureId, CameraId = camera, CameraKind = i % 2 == 0 ? CameraKind.Fixed : CameraKind.Mobile,
                CapturedAt = captured, ProcessedAt = captured, Plate = "BENCH" + (i % 1000), Confidence = 0.9, Engine = "bench",
                ImageBlob = "captures/" + name, CropBlob = "crops/" + name,
            };
            await storage.Container("captures").GetBlobClient(name).UploadAsync(new BinaryData(image), overwrite: true, token);
            await storage.Container("crops").GetBlobClient(name).UploadAsync(new BinaryData(crop), overwrite: true, token);
            await store.UpsertAsync(read, token);
            if (i >= n)
            {
                await index.AddAsync(new CosmosHoldIndex.HeldRead("hold-bench", read.Id, CosmosReadStore.PartitionFor(read)), token);
                lock (heldReads) heldReads.Add(read);
            }
        });
        return heldReads;
    }
}
