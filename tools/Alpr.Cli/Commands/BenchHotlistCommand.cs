using System.Diagnostics;
using Alpr.Core.Hotlists;
using Alpr.Core.Reads;
using Alpr.Hotlists;

namespace Alpr.Cli.Commands;

/// <summary>
/// Builds the in-memory hotlist index from N synthetic entries (1% partial plates) and measures build time,
/// retained bytes per entry, exact-mode lookup latency, full-match latency (exact + OCR-confusable + two
/// alternative readings + partial plates, which is what the pipeline runs per read), and reads/s on one core.
/// </summary>
public sealed class BenchHotlistCommand : ICommand
{
    public string Path => "bench hotlist";
    public string Summary => "hotlist index build, memory and match latency [--entries 1000000,5000000] [--json FILE]";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        var runs = new List<object>();
        foreach (int n in args.GetInts("entries", 1_000_000, 5_000_000))
        {
            var run = Measure(n, args.GetInt("lookups", 200_000));
            runs.Add(run);
            Console.Error.WriteLine($"{n,9:N0} entries: build {run.BuildMs,7:N0} ms, {run.BytesPerEntry,6:F1} B/entry, exact p50/p99 {run.ExactP50Us:F2}/{run.ExactP99Us:F2} µs, fuzzy p50/p99 {run.FuzzyP50Us:F2}/{run.FuzzyP99Us:F2} µs, {run.ReadsPerS:N0} reads/s");
        }
        await JsonOutput.WriteAsync(new { runs }, args.Get("json"), ct);
        return 0;
    }

    public sealed record Run(int Entries, long BuildMs, double BytesPerEntry, double ExactP50Us, double ExactP99Us, double FuzzyP50Us, double FuzzyP99Us, double ReadsPerS, int Patterns);

    private static Run Measure(int n, int lookups)
    {
        var now = DateTimeOffset.UtcNow;
        var list = new Hotlist { Id = "bench", Name = "Bench", Source = HotlistSource.Ncic, RefreshedAt = now };
        var plates = new List<string>(100_000);

        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        long before = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        var index = new HotlistIndex([list], Entries(n, now, plates));
        long buildMs = sw.ElapsedMilliseconds;
        GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
        long after = GC.GetTotalMemory(true);
        double bytesPerEntry = (after - before) / (double)n;

        var rng = new Random(7);
        // Half the lookups hit a listed plate, half miss; fuzzy reads carry OCR confusions and two alternatives.
        var reads = Enumerable.Range(0, lookups).Select(i => i % 2 == 0 ? plates[rng.Next(plates.Count)] : RandomPlate(rng)).ToArray();
        var fuzzyReads = reads.Select(p => Confuse(p, rng)).ToArray();
        var alternatives = fuzzyReads.Select(p => (IReadOnlyList<PlateCandidate>)[new PlateCandidate(p, 0.9), new PlateCandidate(Confuse(p, rng), 0.5)]).ToArray();

        var exact = Time(lookups, i => index.MatchExact(reads[i], null, now));
        var fuzzy = Time(lookups, i => index.Match(fuzzyReads[i], "CA", alternatives[i], now));
        double readsPerS = lookups / (fuzzy.Sum() / 1e6);
        GC.KeepAlive(index);
        return new Run(n, buildMs, Math.Round(bytesPerEntry, 1), Percentile.Of(exact, 0.5, 2), Percentile.Of(exact, 0.99, 2), Percentile.Of(fuzzy, 0.5, 2), Percentile.Of(fuzzy, 0.99, 2), Math.Round(readsPerS), index.PatternCount);
    }

    private static double[] Time(int count, Action<int> action)
    {
        for (int i = 0; i < Math.Min(count, 10_000); i++) action(i); // warm-up (JIT, caches)
        var us = new double[count];
        long freq = Stopwatch.Frequency;
        for (int i = 0; i < count; i++)
        {
            long t = Stopwatch.GetTimestamp();
            action(i);
            us[i] = (Stopwatch.GetTimestamp() - t) * 1e6 / freq;
        }
        return us;
    }

    private static IEnumerable<HotlistEntry> Entries(int n, DateTimeOffset now, List<string> sample)
    {
        var rng = new Random(42);
        string[] reasons = ["stolen vehicle", "wanted person (felony warrant)", "missing person", "informational"];
        for (int i = 0; i < n; i++)
        {
            bool pattern = i % 100 == 99;
            string plate = pattern ? RandomPattern(rng) : RandomPlate(rng);
            if (!pattern && sample.Count < 100_000) sample.Add(plate);
            yield return new HotlistEntry
            {
                Id = $"N{i:D9}", ListId = "bench", Plate = plate, State = rng.Next(4) == 0 ? "NV" : "CA", Reason = reasons[i % reasons.Length],
                Priority = 1 + i % 4, ReferenceNumber = $"V{i:D9}", EnteredBy = "ncic-feed", EnteredAt = now.AddDays(-(i % 365)),
                ExpiresAt = i % 10 == 0 ? now.AddDays(30) : null,
            };
        }
    }

    private const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";

    private static string RandomPlate(Random rng) => rng.Next(3) switch
    {
        0 => $"{rng.Next(10)}{L(rng)}{L(rng)}{L(rng)}{rng.Next(1000):000}",
        1 => $"{L(rng)}{L(rng)}{L(rng)}{rng.Next(10000):0000}",
        _ => $"{rng.Next(10)}{L(rng)}{rng.Next(10)}{rng.Next(10)}{rng.Next(10)}{L(rng)}{L(rng)}",
    };

    private static string RandomPattern(Random rng)
    {
        var p = RandomPlate(rng).ToCharArray();
        p[1 + rng.Next(p.Length - 2)] = '?';
        string s = new(p);
        return rng.Next(3) switch { 0 => s[..^2] + "*", 1 => "*" + s[2..], _ => s };
    }

    private static char L(Random rng) => Letters[rng.Next(Letters.Length)];

    private static string Confuse(string plate, Random rng)
    {
        var c = plate.ToCharArray();
        int i = rng.Next(c.Length);
        c[i] = c[i] switch { '0' => 'O', 'O' => '0', '8' => 'B', 'B' => '8', '1' => 'I', 'I' => '1', '5' => 'S', 'S' => '5', '2' => 'Z', 'Z' => '2', _ => c[i] };
        return new string(c);
    }
}
