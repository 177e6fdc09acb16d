using Alpr.Cli.Bench;
using Alpr.Core.Recognition;
using Alpr.Recognition;
using Alpr.Recognition.Glyphs;
using Alpr.Recognition.Rules;

namespace Alpr.Cli.Commands;

/// <summary>./alpr train glyphs --data DIR[,DIR...] [--out FILE]: the plate-glyph memory from labelled plate images.</summary>
public sealed class TrainGlyphsCommand : ICommand
{
    public string Path => "train glyphs";
    public string Summary => "plate-glyph memory (recogniser features of labelled plate characters) from openalpr-layout folders";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        if (LabelledFolders.FromArgs(args) is not { } dirs) return 2;
        string output = args.Get("out") ?? System.IO.Path.Combine(Environment.GetEnvironmentVariable("ALPR_ROOT") ?? ".",
            "functions/Alpr.Recognition/Glyphs", OnnxRecognizerOptions.GlyphMemoryFile);
        var reads = new List<CtcRead>();
        // the recogniser alone: the memory learns from what the models see, not from its own earlier votes
        using var recognizer = new OnnxPlateRecognizer(new OnnxRecognizerOptions
            { IntraOpThreads = args.GetInt("threads", 2), ModelDirectory = args.Get("models"), GlyphMemoryPath = "", ReadObserver = reads.Add, Int8RangesPath = args.Get("int8-ranges") });
        var samples = new List<GlyphSample>();
        int images = 0, used = 0;
        await foreach (var image in LabelledFolders.ReadAllAsync(recognizer, dirs, ct))
        {
            var found = GlyphLabelling.Samples(image.Plate, reads);
            reads.Clear();
            images++;
            if (found.Count > 0) used++;
            samples.AddRange(found);
        }
        if (samples.Count == 0) { Console.Error.WriteLine("no plate characters could be labelled"); return 1; }
        var memory = GlyphMemory.Build(samples);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(output))!);
        await using (var f = File.Create(output)) memory.Write(f);
        Console.Error.WriteLine($"{memory.Count} characters from {used} of {images} images, {memory.Dim} features each -> {output}");
        return 0;
    }
}
