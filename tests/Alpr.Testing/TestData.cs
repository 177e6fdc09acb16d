using Alpr.LocalServers;

namespace Alpr.Testing;

/// <summary>The openalpr benchmark images in ../shared (never copied into the repository).</summary>
public static class TestData
{
    public sealed record LabelledImage(string Path, string Plate);

    public static string EndToEndUs => System.IO.Path.Combine(RepoPaths.Datasets, "endtoend", "us");

    /// <summary>Images with their labelled plate, from an openalpr-layout folder (NAME.jpg + NAME.txt).</summary>
    public static IReadOnlyList<LabelledImage> Labelled(string folder) =>
        Directory.EnumerateFiles(folder, "*.txt").OrderBy(f => f, StringComparer.Ordinal).Select(txt =>
        {
            var fields = File.ReadAllText(txt).Trim().Split('\t');
            return new LabelledImage(System.IO.Path.Combine(folder, fields[0]), fields[^1].Trim());
        }).Where(x => File.Exists(x.Path)).ToList();
}
