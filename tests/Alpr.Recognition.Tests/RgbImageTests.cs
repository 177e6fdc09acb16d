using SkiaSharp;

namespace Alpr.Recognition.Tests;

/// <summary>
/// Decoding applies the EXIF orientation: phones and some cameras store the sensor's pixels as they came and say in the
/// header how to turn them. Each JPEG here stores an upright picture turned the way its orientation tag undoes.
/// </summary>
public class RgbImageTests
{
    // upright picture: four quadrants of different colours, wider than high so a missed quarter turn shows in the size
    private const int Width = 96, Height = 48;
    private static readonly SKColor[] Quadrants = [SKColors.Red, SKColors.Lime, SKColors.Blue, SKColors.White]; // TL, TR, BL, BR

    private static SKColor Upright(int x, int y) => Quadrants[(y < Height / 2 ? 0 : 2) + (x < Width / 2 ? 0 : 1)];

    /// <summary>Where the displayed pixel (x, y) lies in the stored pixels, for each EXIF orientation (1–8), and the stored size.</summary>
    private static (int X, int Y) Stored(int orientation, int x, int y) => orientation switch
    {
        1 => (x, y),
        2 => (Width - 1 - x, y),                    // mirrored left to right
        3 => (Width - 1 - x, Height - 1 - y),       // upside down
        4 => (x, Height - 1 - y),                   // mirrored top to bottom
        5 => (y, x),                                // transposed
        6 => (y, Width - 1 - x),                    // stored turned a quarter anticlockwise: shown turned clockwise
        7 => (Height - 1 - y, Width - 1 - x),       // transversed
        8 => (Height - 1 - y, x),                   // stored turned a quarter clockwise
        _ => throw new ArgumentOutOfRangeException(nameof(orientation)),
    };

    private static byte[] JpegWithOrientation(int orientation)
    {
        bool turned = orientation >= 5;
        int sw = turned ? Height : Width, sh = turned ? Width : Height;
        using var bmp = new SKBitmap(new SKImageInfo(sw, sh, SKColorType.Rgba8888, SKAlphaType.Premul));
        for (int y = 0; y < Height; y++)
            for (int x = 0; x < Width; x++)
            {
                var (sx, sy) = Stored(orientation, x, y);
                bmp.SetPixel(sx, sy, Upright(x, y));
            }
        using var img = SKImage.FromBitmap(bmp);
        return WithExifOrientation(img.Encode(SKEncodedImageFormat.Jpeg, 95).ToArray(), orientation);
    }

    /// <summary>Inserts an APP1 Exif segment holding only the Orientation tag (0x0112) after the JPEG's SOI marker.</summary>
    internal static byte[] WithExifOrientation(byte[] jpeg, int orientation)
    {
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,          // big-endian TIFF header, first IFD at offset 8
            0, 1,                                             // one entry
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte)orientation, 0, 0, // Orientation, SHORT, count 1, value
            0, 0, 0, 0,                                       // no next IFD
        ];
        byte[] exif = [.. "Exif\0\0"u8.ToArray(), .. tiff];
        int length = exif.Length + 2;
        byte[] segment = [0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. exif];
        return [.. jpeg.AsSpan(0, 2), .. segment, .. jpeg.AsSpan(2)];
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void Every_exif_orientation_decodes_upright(int orientation)
    {
        var img = RgbImage.Decode(JpegWithOrientation(orientation), 50_000_000);

        Assert.Equal((Width, Height), (img.Width, img.Height));
        foreach (var (x, y) in new[] { (Width / 4, Height / 4), (3 * Width / 4, Height / 4), (Width / 4, 3 * Height / 4), (3 * Width / 4, 3 * Height / 4) })
        {
            var want = Upright(x, y);
            int o = (y * img.Width + x) * 4;
            Assert.True(Math.Abs(img.Rgba[o] - want.Red) < 24 && Math.Abs(img.Rgba[o + 1] - want.Green) < 24 && Math.Abs(img.Rgba[o + 2] - want.Blue) < 24,
                $"orientation {orientation}: ({x},{y}) is {img.Rgba[o]},{img.Rgba[o + 1]},{img.Rgba[o + 2]}, want {want}");
        }
    }
}
