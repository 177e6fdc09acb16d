using Alpr.Core.Recognition;

namespace Alpr.Cli.Bench;

/// <summary>The training commands' input: one or more openalpr-layout folders, every labelled image read once.</summary>
public static class LabelledFolders
{
    /// <summary>The folders of <c>--data DIR[,DIR...]</c>; null (and a message) when none is given or one is missing.</summary>
    public static string[]? FromArgs(CommandArgs args)
    {
        var dirs = (args.Get("data") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (dirs.Length > 0 && dirs.All(Directory.Exists)) return dirs;
        Console.Error.WriteLine("--data DIR[,DIR...] is required (openalpr layout)");
        return null;
    }

    /// <summary>Reads every labelled image of the folders and yields each one read (rejected images are reported and skipped).</summary>
    public static async IAsyncEnumerable<LabelledImage> ReadAllAsync(IPlateRecognizer recognizer, IEnumerable<string> dirs,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var dir in dirs)
            foreach (var image in LabelledImages.Load(dir))
            {
                ct.ThrowIfCancellationRequested();
                try { await recognizer.RecognizeAsync(await File.ReadAllBytesAsync(Path.Combine(dir, image.File), ct), ct); }
                catch (ImageRejectedException e) { Console.Error.WriteLine($"{image.File}: rejected {e.Reason}"); continue; }
                yield return image;
            }
    }
}
