using PdfSharp.Fonts;

namespace Alpr.Reports.Pdf;

/// <summary>
/// PDFsharp 6 on Linux has no system font access: every face must come from a resolver. All report text is DejaVu
/// Sans (regular, bold, oblique), read from the first folder that has it: <c>ALPR_FONT_DIR</c>, the app's own
/// <c>fonts/</c> (the build copies the TTFs there when the build machine has them, so a deployment carries them),
/// then Debian's <c>fonts-dejavu-core</c> location. Missing fonts fail with a message naming the package.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private static readonly string[] Faces = ["DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique"];
    private static readonly Lazy<DejaVuFontResolver> Shared = new(() =>
    {
        var resolver = new DejaVuFontResolver(FindDirectory(CandidateDirectories()));
        GlobalFontSettings.FontResolver = resolver;
        return resolver;
    });

    private readonly string _directory;
    private DejaVuFontResolver(string directory) => _directory = directory;

    /// <summary>Installs the resolver once per process (PDFsharp refuses a second one after fonts were used).</summary>
    public static void EnsureInstalled() => _ = Shared.Value;

    public static IEnumerable<string> CandidateDirectories() =>
        new[] { Environment.GetEnvironmentVariable("ALPR_FONT_DIR"), Path.Combine(AppContext.BaseDirectory, "fonts"), "/usr/share/fonts/truetype/dejavu" }
            .Where(d => !string.IsNullOrEmpty(d)).Select(d => d!);

    /// <summary>The first folder holding all four faces; otherwise an error that says what to install.</summary>
    public static string FindDirectory(IEnumerable<string> candidates)
    {
        var list = candidates.ToList();
        return list.FirstOrDefault(d => Faces.All(f => File.Exists(Path.Combine(d, f + ".ttf"))))
            ?? throw new InvalidOperationException(
                "report PDFs need the DejaVu Sans fonts (DejaVuSans.ttf, -Bold, -Oblique, -BoldOblique) in one of: " +
                string.Join(", ", list) + ". Install the Debian package fonts-dejavu-core (./alpr does) or set ALPR_FONT_DIR.");
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new((bold, italic) switch { (true, true) => Faces[3], (true, false) => Faces[1], (false, true) => Faces[2], _ => Faces[0] });

    public byte[]? GetFont(string faceName) =>
        Faces.Contains(faceName) ? File.ReadAllBytes(Path.Combine(_directory, faceName + ".ttf")) : null;
}
