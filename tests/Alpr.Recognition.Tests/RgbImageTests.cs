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

    private static byte[] JpegWithOrientation(int orientation, int zoom = 1, SKEncodedImageFormat format = SKEncodedImageFormat.Jpeg)
    {
        bool turned = orientation >= 5;
        int sw = turned ? Height : Width, sh = turned ? Width : Height;
        using var bmp = new SKBitmap(new SKImageInfo(sw * zoom, sh * zoom, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bmp))
            for (int y = 0; y < Height; y++)
                for (int x = 0; x < Width; x++)
                {
                    var (sx, sy) = Stored(orientation, x, y);
                    using var paint = new SKPaint { Color = Upright(x, y) };
                    canvas.DrawRect(sx * zoom, sy * zoom, zoom, zoom, paint);
                }
        using var img = SKImage.FromBitmap(bmp);
        var encoded = img.Encode(format, 95).ToArray();
        return format == SKEncodedImageFormat.Jpeg ? WithExifOrientation(encoded, orientation) : encoded;
    }

    /// <summary>The decoded image is upright with the quadrants where they belong (colours within JPEG's error).</summary>
    private static void AssertUpright(RgbImage img, string what)
    {
        foreach (var (fx, fy) in new[] { (0.25, 0.25), (0.75, 0.25), (0.25, 0.75), (0.75, 0.75) })
        {
            var want = Upright((int)(fx * Width), (int)(fy * Height));
            int x = (int)(fx * img.Width), y = (int)(fy * img.Height), o = (y * img.Width + x) * 4;
            Assert.True(Math.Abs(img.Rgba[o] - want.Red) < 24 && Math.Abs(img.Rgba[o + 1] - want.Green) < 24 && Math.Abs(img.Rgba[o + 2] - want.Blue) < 24,
                $"{what}: ({x},{y}) is {img.Rgba[o]},{img.Rgba[o + 1]},{img.Rgba[o + 2]}, want {want}");
        }
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
        AssertUpright(img, $"orientation {orientation}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    public void Large_jpeg_decodes_reduced_and_remembers_its_size(int orientation)
    {
        // 40 x the picture: 3840 x 1920 upright; reduced to no less than 900 that is a quarter, 960 x 480
        var jpeg = JpegWithOrientation(orientation, zoom: 40);

        var img = RgbImage.Decode(jpeg, 50_000_000, reduceTo: 900);

        Assert.Equal((960, 480, 4), (img.Width, img.Height, img.SourceScale));
        Assert.Equal((3840, 1920), (img.SourceWidth, img.SourceHeight));
        AssertUpright(img, $"reduced, orientation {orientation}");
    }

    [Fact]
    public void Images_under_twice_the_reduced_size_and_pngs_decode_whole()
    {
        var jpeg = JpegWithOrientation(1, zoom: 40);
        Assert.Equal(1, RgbImage.Decode(jpeg, 50_000_000, reduceTo: 2000).SourceScale);   // 3840 < 2 x 2000
        Assert.Equal(1, RgbImage.Decode(jpeg, 50_000_000).SourceScale);                   // not asked
        var png = RgbImage.Decode(JpegWithOrientation(1, zoom: 40, SKEncodedImageFormat.Png), 50_000_000, reduceTo: 900);
        Assert.Equal((3840, 1), (png.Width, png.SourceScale));
    }
}
