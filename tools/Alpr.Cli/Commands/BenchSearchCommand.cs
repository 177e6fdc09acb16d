using System.Diagnostics;
using Alpr.Core.Access;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Search;
using Alpr.Cosmos;
using Alpr.Hotlists;
using Alpr.LocalServers;

namespace Alpr.Cli.Commands;

/// <summary>
/// Loads N synthetic reads spread over a year into a fresh local Cosmos server and times exact and wildcard
/// searches over the whole year as N grows. The local server has no index (it scans), so these figures show
/// how the local cost grows; docs/architecture.md explains what the same queries touch on Azure.
/// </summary>
public sealed class BenchSearchCommand : ICommand
{
    public string Path => "bench search";
    public string Summary => "search latency as reads grow [--reads 10000,50000] [--queries 20] [--json FILE]";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var runs = new List<object>();
        int queries = args.GetInt("queries", 20);
        foreach (int n in args.GetInts("reads", 10_000, 50_000))
        {
            await using var cosmos = await CosmosServer.StartAsync(ct);
            using var db = new CosmosDatabase(new CosmosOptions { Endpoint = cosmos.Endpoint, Key = CosmosServer.Key, Database = "bench", AcceptLocalServerCertificate = true });
            await db.EnsureCreatedAsync(ct);
            var now = DateTimeOffset.UtcNow;
            var plates = await LoadAsync(new CosmosReadStore(db), n, now, ct);
            var search = new CosmosReadSearch(db);
            var rng = new Random(3);
            var exact = new List<double>();
            var wildcard = new List<double>();
            for (int i = 0; i < queries; i++)
            {
                string plate = plates[rng.Next(plates.Count)];
                var q = new ReadQuery { Plate = plate, From = now.AddDays(-365), To = now, Reason = QueryReason.CriminalInvestigation, CaseNumber = "BENCH-1" };
                exact.Add(await TimeAsync(() => search.SearchAsync(q, null, 1000, now, ct)));
                string pattern = plate[..3] + "?" + plate[4..6] + "*";
                var w = q with { Plate = null, Pattern = pattern };
                wildcard.Add(await TimeAsync(() => search.SearchAsync(w, p => PlatePattern.Matches(pattern, p), 1000, now, ct)));
            }
            var run = new { reads = n, exact_p50_ms = Percentile.Of(exact, 0.5), exact_p95_ms = Percentile.Of(exact, 0.95), wildcard_p50_ms = Percentile.Of(wildcard, 0.5), wildcard_p95_ms = Percentile.Of(wildcard, 0.95), ru_per_query = (double?)null };
            runs.Add(run);
            Console.Error.WriteLine($"{n,9:N0} reads: exact p50/p95 {run.exact_p50_ms}/{run.exact_p95_ms} ms, wildcard p50/p95 {run.wildcard_p50_ms}/{run.wildcard_p95_ms} ms");
        }
        await JsonOutput.WriteAsync(new { runs }, args.Get("json"), ct);
        return 0;
    }

    private static async Task<List<string>> LoadAsync(CosmosReadStore store, int n, DateTimeOffset now, CancellationToken ct)
    {
        var rng = new Random(11);
        const string letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        var plates = new List<string>();
        var reads = Enumerable.Range(0, n).Select(i =>
        {
            string plate = $"{rng.Next(10)}{letters[rng.Next(23)]}{letters[rng.Next(23)]}{letters[rng.Next(23)]}{rng.Next(1000):000}";
            if (i % 50 == 0) plates.Add(plate);
            var at = now.AddMinutes(-rng.Next(365 * 24 * 60));
            return new PlateRead
            {
                Id = $"b{i}-0", CaptureId = $"b{i}", CameraId = $"cam-{i % 40}", CameraKind = i % 3 == 0 ? CameraKind.Mobile : CameraKind.Fixed,
                CapturedAt = at, ProcessedAt = at, Location = new GeoPoint(33.8 + rng.NextDouble() * 0.2, -116.5 + rng.NextDouble() * 0.2),
                Plate = plate, Confidence = 0.95, Engine = "bench", ImageBlob = $"captures/cam-{i % 40}/{at:yyyy}/{at:MM}/{at:dd}/b{i}.jpg",
            };
        }).ToList();
        await Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (r, c) => await store.UpsertAsync(r, c));
        return plates;
    }

    private static async Task<double> TimeAsync(Func<Task> action)
    {
        var sw = Stopwatch.StartNew();
        await action();
        return sw.Elapsed.TotalMilliseconds;
    }
}
