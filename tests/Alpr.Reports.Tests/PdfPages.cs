using System.Diagnostics;
using SkiaSharp;

namespace Alpr.Reports.Tests;

/// <summary>
/// Renders a PDF with poppler's pdftoppm (as a reader would see it) into PNG pages, and extracts its text with
/// pdftotext. Both come from Debian's poppler-utils, which ./alpr installs; without it these tests fail saying so.
/// </summary>
public sealed class PdfPages
{
    public required IReadOnlyList<SKBitmap> Pages { get; init; }
    public required string Text { get; init; }

    public static PdfPages Render(byte[] pdf, int dpi = 40)
    {
        string dir = Directory.CreateTempSubdirectory("alpr-pdf-").FullName;
        try
        {
            string file = Path.Combine(dir, "report.pdf");
            File.WriteAllBytes(file, pdf);
            Run("pdftoppm", "-png", "-r", dpi.ToString(), file, Path.Combine(dir, "page"));
            Run("pdftotext", "-layout", file, Path.Combine(dir, "report.txt"));
            var pages = Directory.GetFiles(dir, "page-*.png").Order(StringComparer.Ordinal).Select(p => SKBitmap.Decode(p)).ToList();
            return new PdfPages { Pages = pages, Text = File.ReadAllText(Path.Combine(dir, "report.txt")) };
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>Share of pixels that are not near-white.</summary>
    public static double InkRatio(SKBitmap page)
    {
        long ink = 0;
        for (int y = 0; y < page.Height; y++)
            for (int x = 0; x < page.Width; x++)
            {
                var c = page.GetPixel(x, y);
                if (c.Red < 200 || c.Green < 200 || c.Blue < 200) ink++;
            }
        return (double)ink / (page.Width * page.Height);
    }

    /// <summary>Pixels within <paramref name="tolerance"/> of a colour (the charts' bar colours are not used for text).</summary>
    public static long PixelsNear(SKBitmap page, byte r, byte g, byte b, int tolerance = 30)
    {
        long n = 0;
        for (int y = 0; y < page.Height; y++)
            for (int x = 0; x < page.Width; x++)
            {
                var c = page.GetPixel(x, y);
                if (Math.Abs(c.Red - r) <= tolerance && Math.Abs(c.Green - g) <= tolerance && Math.Abs(c.Blue - b) <= tolerance) n++;
            }
        return n;
    }

    private static void Run(string tool, params string[] args)
    {
        ProcessStartInfo psi = new(tool, args) { RedirectStandardError = true, RedirectStandardOutput = true };
        Process p;
        try { p = Process.Start(psi)!; }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException($"{tool} is not installed: install the Debian package poppler-utils (./alpr test does)");
        }
        using (p)
        {
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} failed ({p.ExitCode}): {err}");
        }
    }
}
