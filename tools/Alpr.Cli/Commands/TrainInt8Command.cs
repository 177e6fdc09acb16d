using Alpr.Cli.Bench;
using Alpr.Recognition;
using Alpr.Recognition.Models;

namespace Alpr.Cli.Commands;

/// <summary>./alpr train int8 --data DIR[,DIR...] --out FILE: calibrated ranges for the recogniser's int8 convolutions.</summary>
public sealed class TrainInt8Command : ICommand
{
    public string Path => "train int8";
    public string Summary => "activation ranges for the recogniser's int8 pointwise convolutions, from the strips read in image folders";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        if (LabelledFolders.FromArgs(args) is not { } dirs) return 2;
        // no default place: int8 is opt-in, and nothing loads a range file no one named
        if (args.Get("out") is not { Length: > 0 } output) { Console.Error.WriteLine("--out FILE is required"); return 2; }
        int threads = args.GetInt("threads", 2);
        string models = ModelLocator.Resolve(args.Get("models"));
        using var collector = new ActivationRangeCollector(System.IO.Path.Combine(models, ModelLocator.RecognizerFile), threads);
        // the float pipeline as shipped otherwise: calibration sees the strips the int8 recogniser will be given
        using var recognizer = new OnnxPlateRecognizer(new OnnxRecognizerOptions
            { IntraOpThreads = threads, ModelDirectory = models, Int8RangesPath = "", StripBatchObserver = collector.Observe });
        int images = 0;
        await foreach (var _ in LabelledFolders.ReadAllAsync(recognizer, dirs, ct)) images++;
        if (collector.Strips == 0) { Console.Error.WriteLine("no strips were read"); return 1; }
        var ranges = collector.Ranges();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(output))!);
        ranges.Save(output);
        Console.Error.WriteLine($"{ranges.Ranges.Count} tensors from {collector.Strips} strips of {images} images -> {output}");
        return 0;
    }
}
