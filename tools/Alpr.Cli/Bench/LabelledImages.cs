namespace Alpr.Cli.Bench;

/// <summary>One labelled image of a benchmark folder: file name, plate text, and the state when the folder gives it.</summary>
public sealed record LabelledImage(string File, string Plate, string? State);

/// <summary>Reads the openalpr layouts: <c>groundtruth.csv</c> (file,state,plate) for crops, else one <c>*.txt</c> per image
/// (tab-separated: file x y w h plate).</summary>
public static class LabelledImages
{
    public static IEnumerable<LabelledImage> Load(string dir)
    {
        string csv = Path.Combine(dir, "groundtruth.csv");
        if (File.Exists(csv))
        {
            foreach (var line in File.ReadLines(csv))
            {
                var p = line.Split(',');
                if (p.Length < 3 || !File.Exists(Path.Combine(dir, p[0]))) continue;
                yield return new LabelledImage(p[0], p[2].Trim(), p[1].Trim().ToUpperInvariant());
            }
            yield break;
        }
        foreach (var txt in Directory.EnumerateFiles(dir, "*.txt").OrderBy(f => f, StringComparer.Ordinal))
        {
            var first = File.ReadLines(txt).FirstOrDefault(l => l.Trim().Length > 0);
            if (first is null) continue;
            var p = first.Split('\t');
            if (p.Length < 6 || !File.Exists(Path.Combine(dir, p[0]))) continue;
            yield return new LabelledImage(p[0], p[5].Trim(), null);
        }
    }
}
