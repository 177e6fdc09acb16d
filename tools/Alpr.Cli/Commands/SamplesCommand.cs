using System.Globalization;
using Alpr.Cli.Demo;

namespace Alpr.Cli.Commands;

/// <summary>Writes synthetic demo captures in the openalpr layout (NAME.jpg + NAME.txt), for looking at or benchmarking.</summary>
public sealed class SamplesCommand : ICommand
{
    public string Path => "samples";
    public string Summary => "write synthetic plate images with labels --out DIR [--count N] [--seed S]";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        string? outDir = args.Get("out");
        if (outDir is null) { Console.Error.WriteLine("--out DIR is required"); return 2; }
        Directory.CreateDirectory(outDir);
        var rng = new Random(args.GetInt("seed", 2026));
        int count = args.GetInt("count", 12);
        for (int i = 0; i < count; i++)
        {
            string plate = SamplePlateImages.RandomPlate(rng);
            string name = $"synthetic{i + 1:000}";
            await File.WriteAllBytesAsync(System.IO.Path.Combine(outDir, name + ".jpg"), SamplePlateImages.Render(plate, rng), ct);
            await File.WriteAllTextAsync(System.IO.Path.Combine(outDir, name + ".txt"), string.Create(CultureInfo.InvariantCulture, $"{name}.jpg\t0\t0\t0\t0\t{plate}\n"), ct);
        }
        Console.WriteLine($"wrote {count} images to {outDir}");
        return 0;
    }
}
