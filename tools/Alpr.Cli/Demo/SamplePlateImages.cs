using SkiaSharp;

namespace Alpr.Cli.Demo;

/// <summary>
/// Renders demo captures: a plain street scene with a car and a US-style plate (state name above, characters
/// in the middle), slightly rotated, blurred and noisy, saved as JPEG. The project ships no photographs;
/// `--images DIR` takes real ones.
/// </summary>
public static class SamplePlateImages
{
    private static readonly string[] States = ["CALIFORNIA", "NEVADA", "ARIZONA", "OREGON", "TEXAS"];
    private static readonly string[] FontFiles =
    [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ];

    /// <summary>A plate like California's 1ABC234, or 3 letters + 4 digits (ABC1234, as in Brazil and several states).</summary>
    public static string RandomPlate(Random rng)
    {
        const string letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        char L() => letters[rng.Next(letters.Length)];
        char D() => (char)('0' + rng.Next(10));
        return rng.Next(2) == 0 ? $"{D()}{L()}{L()}{L()}{D()}{D()}{D()}" : $"{L()}{L()}{L()}{D()}{D()}{D()}{D()}";
    }

    public static byte[] Render(string plate, Random rng, int width = 1280, int height = 720)
    {
        using var typeface = LoadTypeface();
        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var c = surface.Canvas;

        // Sky, road.
        using (var sky = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height * 0.5f),
                   [new SKColor(150, 180, 210), new SKColor(210, 220, 230)], SKShaderTileMode.Clamp) })
            c.DrawRect(0, 0, width, height * 0.5f, sky);
        using (var road = new SKPaint { Color = new SKColor(80, 80, 85) }) c.DrawRect(0, height * 0.5f, width, height * 0.5f, road);

        // The car's rear, a random colour.
        var body = new SKColor((byte)rng.Next(30, 220), (byte)rng.Next(30, 220), (byte)rng.Next(30, 220));
        float cx = width * (0.4f + (float)rng.NextDouble() * 0.2f), cy = height * 0.55f;
        using (var p = new SKPaint { Color = body, IsAntialias = true })
            c.DrawRoundRect(new SKRect(cx - 330, cy - 230, cx + 330, cy + 170), 40, 40, p);
        using (var glass = new SKPaint { Color = new SKColor(40, 50, 60), IsAntialias = true })
            c.DrawRoundRect(new SKRect(cx - 260, cy - 210, cx + 260, cy - 90), 25, 25, glass);
        using (var tyre = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            c.DrawRect(cx - 320, cy + 170, 110, 60, tyre);
            c.DrawRect(cx + 210, cy + 170, 110, 60, tyre);
        }

        // The plate, slightly rotated.
        c.Save();
        c.RotateDegrees((float)(rng.NextDouble() * 6 - 3), cx, cy + 60);
        var plateRect = new SKRect(cx - 150, cy - 15, cx + 150, cy + 135);
        using (var white = new SKPaint { Color = new SKColor(245, 245, 240), IsAntialias = true }) c.DrawRoundRect(plateRect, 10, 10, white);
        using (var border = new SKPaint { Color = new SKColor(30, 30, 60), IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 4 })
            c.DrawRoundRect(plateRect, 10, 10, border);
        using (var stateFont = new SKFont(typeface, 26))
        using (var red = new SKPaint { Color = new SKColor(170, 30, 30), IsAntialias = true })
            c.DrawText(States[rng.Next(States.Length)], cx, cy + 22, SKTextAlign.Center, stateFont, red);
        using (var plateFont = new SKFont(typeface, 80) { ScaleX = 0.8f })
        using (var ink = new SKPaint { Color = new SKColor(20, 30, 90), IsAntialias = true })
        {
            // Narrow the characters until the plate text fits inside the plate with a margin.
            while (plateFont.MeasureText(plate) > plateRect.Width - 36) plateFont.ScaleX -= 0.03f;
            c.DrawText(plate, cx, cy + 110, SKTextAlign.Center, plateFont, ink);
        }
        c.Restore();

        using var image = surface.Snapshot();
        using var bitmap = SKBitmap.FromImage(image);
        AddNoise(bitmap, rng);
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    private static SKTypeface LoadTypeface()
    {
        foreach (var f in FontFiles)
            if (File.Exists(f) && SKTypeface.FromFile(f) is { } t) return t;
        return SKTypeface.Default;
    }

    private static void AddNoise(SKBitmap bitmap, Random rng)
    {
        var pixels = bitmap.Pixels;
        for (int i = 0; i < pixels.Length; i++)
        {
            int n = rng.Next(-12, 13);
            var p = pixels[i];
            pixels[i] = new SKColor(Clamp(p.Red + n), Clamp(p.Green + n), Clamp(p.Blue + n), p.Alpha);
        }
        bitmap.Pixels = pixels;
    }

    private static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);
}
