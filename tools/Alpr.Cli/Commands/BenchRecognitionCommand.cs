using System.Diagnostics;
using Alpr.Core.Plates;
using Alpr.Recognition;

namespace Alpr.Cli.Commands;

/// <summary>
/// Accuracy and speed of the recogniser on a labelled folder: openalpr layout (NAME.jpg|png + NAME.txt with
/// "file x y w h PLATE") or a crops folder with groundtruth.csv ("file,state,PLATE").
/// </summary>
public sealed class BenchRecognitionCommand : ICommand
{
    public string Path => "bench recognition";
    public string Summary => "recognition accuracy and latency --data DIR [--json FILE] [--threads N] [--limit N]";

    private sealed record Labelled(string File, string Plate, string? State);

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        string? dir = args.Get("data");
        if (dir is null || !Directory.Exists(dir)) { Console.Error.WriteLine("--data DIR (an existing folder) is required"); return 2; }
        var items = Load(dir).Take(args.GetInt("limit", int.MaxValue)).ToList();
        int threads = args.GetInt("threads", Environment.ProcessorCount);
        var options = new OnnxRecognizerOptions { IntraOpThreads = threads };
        if (args.Get("pad-x") is { } px) options.CropPaddingX = float.Parse(px, System.Globalization.CultureInfo.InvariantCulture);
        if (args.Get("pad-y") is { } py) options.CropPaddingY = float.Parse(py, System.Globalization.CultureInfo.InvariantCulture);
        if (args.Get("det-side") is { } ds) options.DetectorMaxSide = int.Parse(ds);
        using var recognizer = new OnnxPlateRecognizer(options);

        // Warm-up: the first inference pays for graph optimisation.
        await recognizer.RecognizeAsync(await File.ReadAllBytesAsync(items[0].File, ct), ct);

        var latencies = new List<double>();
        int exact = 0, found = 0, stateShown = 0, stateRight = 0;
        var misreads = new List<(string File, string Expected, string Got, double Confidence)>();
        foreach (var item in items)
        {
            var bytes = await File.ReadAllBytesAsync(item.File, ct);
            var sw = Stopwatch.StartNew();
            var result = await recognizer.RecognizeAsync(bytes, ct);
            latencies.Add(sw.Elapsed.TotalMilliseconds);
            string expected = PlateText.Normalize(item.Plate);
            var best = result.Plates.FirstOrDefault();
            string got = PlateText.Normalize(best?.Text);
            if (got == expected) exact++;
            else misreads.Add((System.IO.Path.GetFileName(item.File), expected, got, best?.Confidence ?? 0));
            if (result.Plates.Any(p => PlateText.Normalize(p.Text) == expected || p.Alternatives.Any(a => PlateText.Normalize(a.Text) == expected))) found++;
            if (item.State is { Length: 2 })
            {
                stateShown++;
                if (string.Equals(best?.Region, item.State, StringComparison.OrdinalIgnoreCase)) stateRight++;
            }
        }
        var summary = new
        {
            images = items.Count,
            exact,
            exact_rate = Math.Round(exact / (double)items.Count, 4),
            found_rate = Math.Round(found / (double)items.Count, 4),
            state_rate = stateShown == 0 ? (double?)null : Math.Round(stateRight / (double)stateShown, 4),
            latency_ms = new { p50 = Percentile.Of(latencies, 0.5), p95 = Percentile.Of(latencies, 0.95) },
            threads,
            engine = recognizer.Engine,
        };
        Console.Error.WriteLine($"{"file",-22} {"expected",-10} {"got",-10} conf");
        foreach (var m in misreads) Console.Error.WriteLine($"{m.File,-22} {m.Expected,-10} {m.Got,-10} {m.Confidence:F2}");
        await JsonOutput.WriteAsync(summary, args.Get("json"), ct);
        if (args.Get("json") is not null) Console.WriteLine(System.Text.Json.JsonSerializer.Serialize(summary, JsonOutput.Options));
        return 0;
    }

    private static IEnumerable<Labelled> Load(string dir)
    {
        string csv = System.IO.Path.Combine(dir, "groundtruth.csv");
        if (File.Exists(csv))
        {
            foreach (var line in File.ReadLines(csv).Skip(1))
            {
                var f = line.Split(',');
                if (f.Length >= 3) yield return new Labelled(System.IO.Path.Combine(dir, f[0].Trim()), f[2].Trim(), f[1].Trim());
            }
            yield break;
        }
        foreach (var txt in Directory.EnumerateFiles(dir, "*.txt").Order(StringComparer.Ordinal))
        {
            var f = File.ReadAllText(txt).Trim().Split('\t');
            string image = System.IO.Path.Combine(dir, f[0].Trim());
            if (File.Exists(image)) yield return new Labelled(image, f[^1].Trim(), null);
        }
    }
}
