using System.Diagnostics;
using Alpr.Cli.Bench;
using Alpr.Core.Reads;
using Alpr.Core.Retention;
using Alpr.Cosmos;
using Alpr.LocalServers;
using Alpr.Retention;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Cli.Commands;

/// <summary>
/// <c>./alpr bench purge [--n 1000,10000,100000] [--held 20] [--policy palm-springs] [--batch 500]
/// [--blob-concurrency 16] [--doc-concurrency 16] [--seed-concurrency 32] [--per-day 1000] [--warmup 3000] [--stock-servers] [--json FILE]</c>:
/// for each N, seeds N expired reads (context image + crop each, <c>--per-day</c> per capture day) plus held ones
/// into fresh local servers, then times one purge (seeding is not timed). Linearity is shown as a ratio within the run: items/s of every N
/// against the smallest, with the servers' own delete rates at that fill level beside it (<see cref="StandInProbe"/>),
/// after an unreported warm-up round (JIT, connection pools and the servers' first requests
/// would otherwise count against the smallest N only). The servers run with the stand-in scale fixes (<see cref="ScaleFixes"/>) unless
/// <c>--stock-servers</c>.
/// </summary>
public sealed class BenchPurgeCommand : ICommand
{
    public string Path => "bench purge";
    public string Summary => "time the retention purge on N expired reads with images (--n 1000,10000,100000)";

    public sealed record Phases(long QueryMs, long HoldCheckMs, long DeleteMs, long BookkeepingMs, int Partitions, int Pages);

    public sealed record Run(int Items, long PurgeMs, double ItemsPerS, bool HeldSurvived, long SeedMs, long DeletedReads, long DeletedBlobs,
        long Failed, string Status, Phases Phases, double ItemsPerSVsSmallest, StandInProbe.Result StandIn);

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var sizes = args.GetInts("n", 1_000, 10_000, 100_000).Order().ToList();
        int held = args.GetInt("held", 20);
        var policy = RetentionPresets.Find(args.Get("policy", "palm-springs"));
        if (policy is null) { Console.Error.WriteLine($"--policy must be one of {string.Join(", ", RetentionPresets.All.Keys)}"); return 2; }
        var settings = new RetentionOptions
        {
            Policy = policy.Name, BatchSize = args.GetInt("batch", 500),
            BlobConcurrency = args.GetInt("blob-concurrency", 16), DocumentConcurrency = args.GetInt("doc-concurrency", 16),
        };
        bool fixes = !args.Has("stock-servers");

        Console.Error.WriteLine($"starting Azurite and the Cosmos server ({(fixes ? "with the scale fixes" : "stock")})...");
        await using var azurite = await Azurite.StartAsync(ct, scaleFixes: fixes);
        await using var cosmosServer = await CosmosServer.StartAsync(ct, scaleFixes: fixes);
        var storage = new StorageClients(new StorageOptions { ConnectionString = azurite.ConnectionString, RequireHttps = false });
        await storage.EnsureCreatedAsync(ct: ct);

        var seeder = (CosmosDatabase db) => new PurgeBenchSeeder(db, storage, args.GetInt("seed-concurrency", 32), args.GetInt("per-day", 1000));
        if (args.GetInt("warmup", 3000) is > 0 and var warm)
        {
            var w = await OneSizeAsync(warm, held, policy, settings, storage, cosmosServer, seeder, null, ct);
            Console.Error.WriteLine($"warm-up ({warm} reads, not reported): {w.ItemsPerS} items/s");
        }
        var runs = new List<Run>();
        foreach (int n in sizes)
        {
            var run = await OneSizeAsync(n, held, policy, settings, storage, cosmosServer, seeder, runs.FirstOrDefault()?.ItemsPerS, ct);
            Console.Error.WriteLine($"n={n}: seeded in {run.SeedMs} ms; purge {run.PurgeMs} ms = {run.ItemsPerS} items/s ({run.ItemsPerSVsSmallest:0.00}x the smallest N); " +
                $"deleted {run.DeletedReads} reads / {run.DeletedBlobs} blobs, failed {run.Failed}, held survived: {run.HeldSurvived}");
            Console.Error.WriteLine($"  phases: query {run.Phases.QueryMs} ms, hold checks {run.Phases.HoldCheckMs} ms, deletes {run.Phases.DeleteMs} ms, " +
                $"lease+record {run.Phases.BookkeepingMs} ms; {run.Phases.Partitions} partitions, {run.Phases.Pages} pages");
            Console.Error.WriteLine($"  the servers alone, at this fill: {run.StandIn.BlobDeletesPerS} blob deletes/s, {run.StandIn.DocDeletesPerS} document deletes/s");
            runs.Add(run);
        }
        await JsonOutput.WriteAsync(new
        {
            runs,
            servers = fixes ? "scale-fixes" : "stock",
            settings = new { settings.BatchSize, settings.BlobConcurrency, settings.DocumentConcurrency, held, policy = policy.Name, perDay = args.GetInt("per-day", 1000) },
        }, args.Get("json"), ct);
        return runs.All(r => r.HeldSurvived && r.DeletedReads == r.Items && r.Failed == 0) ? 0 : 1;
    }

    private static async Task<Run> OneSizeAsync(int n, int held, RetentionPolicy policy, RetentionOptions settings, StorageClients storage,
        CosmosServer server, Func<CosmosDatabase, PurgeBenchSeeder> seeder, double? smallestRate, CancellationToken ct)
    {
        using var db = new CosmosDatabase(new CosmosOptions
        {
            Endpoint = server.Endpoint, Key = CosmosServer.Key, Database = "bench" + Guid.NewGuid().ToString("N")[..8], AcceptLocalServerCertificate = true,
        });
        await db.EnsureCreatedAsync(ct);
        var now = DateTimeOffset.UtcNow;
        Console.Error.WriteLine($"seeding {n} expired reads + {held} held (2 blobs each)...");
        var seedClock = Stopwatch.StartNew();
        var heldReads = await seeder(db).SeedAsync(n, held, policy, now, ct);
        long seedMs = seedClock.ElapsedMilliseconds;
        var standIn = await StandInProbe.MeasureAsync(storage, db, settings.BlobConcurrency, ct);

        var executor = new PurgeExecutor(db, storage, new CosmosHoldIndex(db), new CosmosPurgeRecords(db), Options.Create(settings), TimeProvider.System);
        var timings = new PurgeTimings();
        var clock = Stopwatch.StartNew();
        var record = await executor.RunAsync("bench", ct, timings);
        clock.Stop();

        bool survived = await AllPresentAsync(db, storage, heldReads, ct);
        double rate = Math.Round(n / clock.Elapsed.TotalSeconds, 1);
        if (record.Errors.Count > 0) Console.Error.WriteLine($"  errors: {string.Join(" | ", record.Errors.Take(3))}");
        try { await db.Database.DeleteAsync(cancellationToken: ct); } // frees the server's memory for the next size
        catch (Microsoft.Azure.Cosmos.CosmosException e) { Console.Error.WriteLine($"  (could not drop the bench database: {e.StatusCode})"); }
        return new Run(n, clock.ElapsedMilliseconds, rate, survived, seedMs, record.DeletedReads, record.DeletedBlobs, record.Failed, record.Status.ToString(),
            new Phases(timings.QueryMs, timings.HoldCheckMs, timings.DeleteMs, timings.BookkeepingMs, timings.Partitions, timings.Pages),
            Math.Round(rate / (smallestRate ?? rate), 3), standIn);
    }

    private static async Task<bool> AllPresentAsync(CosmosDatabase db, StorageClients storage, IEnumerable<PlateRead> reads, CancellationToken ct)
    {
        var docs = new DocumentStore(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);
        foreach (var r in reads)
        {
            if (await docs.ReadAsync<PlateRead>(r.Id, CosmosReadStore.PartitionFor(r), ct) is null) return false;
            if (!await storage.Container("captures").GetBlobClient(r.ImageBlob["captures/".Length..]).ExistsAsync(ct)) return false;
            if (!await storage.Container("crops").GetBlobClient(r.CropBlob!["crops/".Length..]).ExistsAsync(ct)) return false;
        }
        return true;
    }
}
