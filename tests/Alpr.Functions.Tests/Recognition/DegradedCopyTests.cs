extern alias cli;
using Alpr.LocalServers;
using SkiaSharp;
using DegradedCopy = cli::Alpr.Cli.Bench.DegradedCopy;

namespace Alpr.Functions.Tests.Recognition;

/// <summary>The benchmark's poorer-camera copies of a real photograph.</summary>
public sealed class DegradedCopyTests
{
    private static byte[] Photo() => File.ReadAllBytes(Path.Combine(RepoPaths.Datasets, "endtoend", "us", "car16.jpg"));

    [Fact]
    public void Nothing_asked_gives_the_bytes_as_stored()
    {
        var photo = Photo();
        Assert.Same(photo, new DegradedCopy(1, 0).Apply(photo));
    }

    [Fact]
    public void Scaling_shrinks_the_frame_and_lower_quality_gives_fewer_bytes()
    {
        var photo = Photo();
        using var original = SKBitmap.Decode(photo);

        using var half = SKBitmap.Decode(new DegradedCopy(0.5, 0).Apply(photo));
        var q90 = new DegradedCopy(1, 90).Apply(photo);
        var q30 = new DegradedCopy(1, 30).Apply(photo);

        Assert.Equal((original.Width + 1) / 2, half.Width);
        Assert.Equal((original.Height + 1) / 2, half.Height);
        Assert.Equal(SKEncodedImageFormat.Jpeg, SKCodec.Create(new MemoryStream(q30)).EncodedFormat);
        Assert.True(q30.Length < q90.Length, $"{q30.Length} bytes at 30, {q90.Length} at 90");
    }

    [Fact]
    public void Turning_keeps_the_frame_and_blackens_the_corners_it_brings_in()
    {
        var photo = Photo();
        using var original = SKBitmap.Decode(photo);
        using var turned = SKBitmap.Decode(new DegradedCopy(1, 0, 10).Apply(photo));

        Assert.Equal((original.Width, original.Height), (turned.Width, turned.Height));
        // a corner of the frame now shows what lay outside the photograph
        var corner = turned.GetPixel(1, 1);
        Assert.True(corner.Red < 16 && corner.Green < 16 && corner.Blue < 16, $"corner {corner}");
        // the centre stays where it was; a point off the centre moves with the turn
        Assert.True(Distance(original.GetPixel(original.Width / 2, original.Height / 2), turned.GetPixel(turned.Width / 2, turned.Height / 2)) < 40);
        Assert.Equal("turned 10 degrees", new DegradedCopy(1, 0, 10).ToString());
    }

    [Fact]
    public void Shearing_slopes_the_rows_and_keeps_the_columns_upright()
    {
        // a black frame with one white vertical bar right of the centre and one white horizontal bar across it
        using var frame = new SKBitmap(200, 100);
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(SKColors.Black);
            using var white = new SKPaint { Color = SKColors.White };
            canvas.DrawRect(140, 20, 6, 60, white);
            canvas.DrawRect(20, 48, 160, 4, white);
        }
        using var png = frame.Encode(SKEncodedImageFormat.Png, 100);
        using var sheared = SKBitmap.Decode(new DegradedCopy(1, 0, ShearDegrees: 20).Apply(png.ToArray()));

        // the bar 43 px right of the centre moved down by tan(20°) · 43 ≈ 16 px, and stays vertical
        Assert.True(sheared.GetPixel(143, 50 + 16).Red > 200, "the vertical bar's middle");
        Assert.True(sheared.GetPixel(143, 24 + 16).Red > 200 && sheared.GetPixel(143, 76 + 16).Red > 200, "its ends, one above the other");
        // the horizontal bar slopes: at the centre it stays, 60 px left of it it rose by about 22 px
        Assert.True(sheared.GetPixel(100, 50).Red > 200, "the row at the centre");
        Assert.True(sheared.GetPixel(40, 50 - 22).Red > 200 && sheared.GetPixel(40, 50).Red < 60, "the row left of the centre");
        Assert.Equal("sheared 20 degrees", new DegradedCopy(1, 0, ShearDegrees: 20).ToString());
    }

    private static int Distance(SKColor a, SKColor b) => Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue);

    [Theory]
    [InlineData(1.5, 0, 0)]
    [InlineData(-1, 0, 0)]
    [InlineData(1, 200, 0)]
    [InlineData(1, 0, 90)]
    [InlineData(1, 0, double.NaN)]
    [InlineData(1, 0, 0, 40)]
    [InlineData(1, 0, 0, double.NaN)]
    public void Impossible_settings_are_named(double scale, int quality, double degrees, double shear = 0)
    {
        var copy = new DegradedCopy(scale, quality, degrees, shear);
        Assert.NotNull(copy.Problem);
        Assert.Throws<InvalidOperationException>(() => copy.Apply(Photo()));
    }
}
