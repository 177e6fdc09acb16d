using System.Diagnostics;
using Alpr.Cli.Demo;
using Alpr.Cli.Local;
using Alpr.Core.Cameras;
using Alpr.Core.Hotlists;
using Alpr.Core.Plates;
using Alpr.Cosmos;
using Alpr.LocalServers;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cli.Commands;

/// <summary>
/// The whole pipeline on local emulators: servers, the app (standalone), a demo hotlist, cameras uploading
/// images through SAS URLs, then a summary of what came out. Exit 0 only if every upload became a read or a
/// quarantine record.
/// </summary>
public sealed class DemoCommand : ICommand
{
    public string Path => "demo";
    public string Summary => "run the pipeline end to end on local emulators [--json] [--images DIR] [--count N] [--timeout S]";

    private sealed record Sample(string Name, byte[] Data, string? Plate, bool Bad);

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        bool json = args.Has("json");
        var log = json ? TextWriter.Null : Console.Out;
        var sw = Stopwatch.StartNew();
        var rng = new Random(args.GetInt("seed", 2026));
        var samples = args.Get("images") is { } dir ? LoadFolder(dir) : Generate(args.GetInt("count", 12), rng);
        samples.AddRange(BadSamples());

        log.WriteLine($"starting Azurite, the Cosmos server and a local Event Grid topic ...");
        await using var stack = await LocalStack.StartServersAsync(ct);

        // Cameras: two fixed poles and a patrol car whose backlog arrives hours late.
        var cameras = new[] { ("pole-1", CameraKind.Fixed), ("pole-2", CameraKind.Fixed), ("unit-12", CameraKind.Mobile) };
        var registry = new CosmosCameraRegistry(stack.Database);
        var keys = new Dictionary<string, string>();
        foreach (var (id, kind) in cameras)
        {
            keys[id] = CameraKeys.NewKey();
            await registry.UpsertAsync(new Camera { Id = id, Name = id, Kind = kind, KeyHash = CameraKeys.Hash(keys[id]) }, ct);
        }

        // Demo hotlist: every other known plate, plus some that never pass.
        var wanted = samples.Where(s => s.Plate is not null).Select(s => PlateText.Normalize(s.Plate)).Where((_, i) => i % 2 == 0).ToList();
        var listed = wanted.Concat(Enumerable.Range(0, 20).Select(_ => SamplePlateImages.RandomPlate(rng))).Distinct().ToList();
        var hotlist = new Hotlist { Id = "demo-svs", Name = "Demo SVS stolen vehicles", Source = HotlistSource.Svs, RefreshedAt = DateTimeOffset.UtcNow.AddMinutes(-42) };
        await new CosmosHotlistStore(stack.Database, TimeProvider.System).ReplaceListAsync(hotlist, listed.Select((p, i) => new HotlistEntry
        {
            Id = $"demo-{i}", ListId = hotlist.Id, Plate = p, State = "CA", Reason = "stolen vehicle", Priority = 1,
            EnteredBy = "demo", EntryReason = "demo data", EnteredAt = DateTimeOffset.UtcNow, ReferenceNumber = $"V{100000 + i}",
        }).ToList(), ct);
        log.WriteLine($"hotlist '{hotlist.Name}': {listed.Count} entries ({wanted.Count} of them are in the sample images)");

        log.WriteLine("starting the app (standalone) ...");
        await stack.StartAppAsync(args.Get("configuration", "Release"), ct);
        log.WriteLine($"app at {stack.AppUrl}");

        using var appHttp = new HttpClient { BaseAddress = stack.AppUrl };
        using var storageHttp = new HttpClient();
        int uploaded = 0;
        foreach (var (sample, i) in samples.Select((s, i) => (s, i)))
        {
            var (camId, kind) = cameras[i % cameras.Length];
            var camera = new CameraSimulator(appHttp, storageHttp, camId, keys[camId]);
            var capturedAt = kind == CameraKind.Mobile ? DateTimeOffset.UtcNow.AddHours(-5).AddMinutes(i) : DateTimeOffset.UtcNow.AddSeconds(-2);
            await camera.UploadAsync(sample.Data, capturedAt, 33.8303 + i * 0.001, -116.5453, (i * 37) % 360, ct);
            uploaded++;
            log.WriteLine($"  uploaded {sample.Name} as {camId}{(sample.Bad ? " (deliberately bad)" : "")}");
        }

        var reads = new CosmosReadStore(stack.Database);
        var alerts = new CosmosAlertStore(stack.Database);
        var quarantine = new CosmosQuarantineLog(stack.Database);
        var deadline = TimeSpan.FromSeconds(args.GetInt("timeout", 180));
        long captures = 0, plateReads = 0, hits = 0, quarantined = 0;
        while (sw.Elapsed < deadline)
        {
            (captures, plateReads) = await CountReadsAsync(reads, ct);
            quarantined = (await quarantine.ListAsync(ct)).Count;
            if (captures + quarantined >= uploaded && stack.EventGrid.Events.Count >= captures) break;
            await Task.Delay(500, ct);
        }
        hits = await alerts.Documents.CountAsync(new QueryDefinition("SELECT c.id FROM c"), ct: ct);
        int events = stack.EventGrid.Events.Count;

        var summary = new
        {
            uploaded,
            reads = captures,
            plates = plateReads,
            hits,
            events_received = events,
            quarantined,
            elapsed_ms = sw.ElapsedMilliseconds,
            event_types = stack.EventGrid.Events.GroupBy(e => e.GetProperty("type").GetString()!).ToDictionary(g => g.Key, g => g.Count()),
            rejected_event_posts = stack.EventGrid.RejectedRequests,
        };
        bool ok = captures + quarantined == uploaded && events >= captures;
        if (json) await JsonOutput.WriteAsync(summary, null, ct);
        else
        {
            Console.WriteLine();
            Console.WriteLine($"uploaded {uploaded}: {captures} read, {quarantined} quarantined; {plateReads} plate(s), {hits} hotlist hit(s)");
            Console.WriteLine($"events received by the local Event Grid topic: {events} ({string.Join(", ", summary.event_types.Select(kv => $"{kv.Key} {kv.Value}"))})");
            Console.WriteLine($"elapsed {sw.Elapsed.TotalSeconds:F1} s — {(ok ? "every upload accounted for" : "SOME UPLOADS WERE NOT ACCOUNTED FOR")}");
        }
        return ok ? 0 : 1;
    }

    private static async Task<(long Captures, long Plates)> CountReadsAsync(CosmosReadStore reads, CancellationToken ct)
    {
        var captures = new HashSet<string>();
        long plates = 0;
        await foreach (var doc in reads.Documents.QueryDocumentsAsync(new QueryDefinition("SELECT c.captureId, c.plate FROM c WHERE c.docType = 'read'"), ct: ct))
        {
            captures.Add((string)doc["captureId"]!);
            if (((string?)doc["plate"])?.Length > 0) plates++;
        }
        return (captures.Count, plates);
    }

    private static List<Sample> Generate(int count, Random rng) =>
        Enumerable.Range(0, count).Select(i =>
        {
            string plate = SamplePlateImages.RandomPlate(rng);
            return new Sample($"synthetic-{i + 1:00}-{plate}.jpg", SamplePlateImages.Render(plate, rng), plate, false);
        }).ToList();

    /// <summary>Images from a folder; openalpr-style NAME.txt labels (… PLATE as the last field) are used when present.</summary>
    private static List<Sample> LoadFolder(string dir) =>
        Directory.EnumerateFiles(dir).Where(f => f.EndsWith(".jpg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".png", StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f, StringComparer.Ordinal)
            .Select(f =>
            {
                string txt = System.IO.Path.ChangeExtension(f, ".txt");
                string? plate = File.Exists(txt) ? File.ReadAllText(txt).Trim().Split('\t', ' ').LastOrDefault() : null;
                return new Sample(System.IO.Path.GetFileName(f), File.ReadAllBytes(f), plate, false);
            }).ToList();

    /// <summary>What the pipeline must quarantine, not lose: a truncated JPEG and a text file.</summary>
    private static IEnumerable<Sample> BadSamples()
    {
        var truncated = SamplePlateImages.Render("BAD0001", new Random(1))[..2048];
        yield return new Sample("truncated.jpg", truncated, null, true);
        yield return new Sample("notes.txt", "this is not an image"u8.ToArray(), null, true);
    }
}
