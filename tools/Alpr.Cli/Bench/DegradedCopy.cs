using System.Globalization;
using SkiaSharp;

namespace Alpr.Cli.Bench;

/// <summary>
/// A benchmark image as a poorer camera would deliver it: scaled down, turned (a camera mounted with a roll, a plate
/// on a tilted mount), sheared (a camera beside the lane, seeing plates from the side: their verticals stay upright
/// while their rows slope), and/or re-encoded as a JPEG of lower quality. It
/// estimates how the reading degrades on frames unlike the development sets' (those are mostly clean 1280 x 720
/// JPEGs) without new images; the copy is made before the clock starts.
/// </summary>
public sealed record DegradedCopy(double Scale, int JpegQuality, double RotateDegrees = 0, double ShearDegrees = 0)
{
    /// <summary>The most a copy may be turned: past it a plate is more upright the other way.</summary>
    public const double MaxRotation = 45;

    /// <summary>The most a copy may be sheared: a plate seen that far from the side is past reading.</summary>
    public const double MaxShear = 30;

    public bool Changes => Scale != 1 || JpegQuality > 0 || RotateDegrees != 0 || ShearDegrees != 0;

    /// <summary>Why these settings cannot be applied (null: they can). Only shrinking is offered: enlarging adds no detail.</summary>
    public string? Problem => Scale is not (> 0 and <= 1) ? $"--scale must be above 0 and at most 1 (got {Scale})"
        : JpegQuality is < 0 or > 100 ? $"--jpeg-quality must be 1..100 (got {JpegQuality})"
        : !(Math.Abs(RotateDegrees) <= MaxRotation) ? string.Create(CultureInfo.InvariantCulture, $"--rotate must be within ±{MaxRotation} degrees (got {RotateDegrees})")
        : !(Math.Abs(ShearDegrees) <= MaxShear) ? string.Create(CultureInfo.InvariantCulture, $"--shear must be within ±{MaxShear} degrees (got {ShearDegrees})") : null;

    public override string ToString() =>
        string.Join(", ", new[] { Scale != 1 ? string.Create(CultureInfo.InvariantCulture, $"scaled {Scale:0.##}") : null,
            RotateDegrees != 0 ? string.Create(CultureInfo.InvariantCulture, $"turned {RotateDegrees:0.#} degrees") : null,
            ShearDegrees != 0 ? string.Create(CultureInfo.InvariantCulture, $"sheared {ShearDegrees:0.#} degrees") : null,
            JpegQuality > 0 ? $"JPEG quality {JpegQuality}" : null }.OfType<string>());

    /// <summary>The image scaled by <see cref="Scale"/> (Mitchell cubic resampling), turned by
    /// <see cref="RotateDegrees"/> about its centre (clockwise; the frame's size kept, and the corners it brings in
    /// black, where a turned camera would have shown more of the scene), sheared by <see cref="ShearDegrees"/> about its
    /// centre (each column moved down by tan(angle) times its distance right of the centre, so rows slope and columns stay
    /// upright; the corners it brings in black likewise), encoded as JPEG at <see cref="JpegQuality"/> (or 95 when only scaled, turned or sheared, so that
    /// is what is measured); the bytes as given when nothing changes.</summary>
    public byte[] Apply(byte[] image)
    {
        if (!Changes) return image;
        if (Problem is { } problem) throw new InvalidOperationException(problem);
        using var original = SKBitmap.Decode(image) ?? throw new InvalidDataException("the benchmark image cannot be decoded");
        int w = Math.Max(1, (int)Math.Round(original.Width * Scale)), h = Math.Max(1, (int)Math.Round(original.Height * Scale));
        using var scaled = Scale == 1 ? original.Copy() : original.Resize(new SKImageInfo(w, h), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var moved = RotateDegrees == 0 && ShearDegrees == 0 ? scaled.Copy() : TurnedAndSheared(scaled, (float)RotateDegrees, (float)ShearDegrees);
        using var data = moved.Encode(SKEncodedImageFormat.Jpeg, JpegQuality > 0 ? JpegQuality : 95);
        return data.ToArray();
    }

    private static SKBitmap TurnedAndSheared(SKBitmap source, float degrees, float shearDegrees)
    {
        var turned = new SKBitmap(source.Width, source.Height);
        using var canvas = new SKCanvas(turned);
        canvas.Clear(SKColors.Black);
        float cx = source.Width / 2f, cy = source.Height / 2f;
        canvas.RotateDegrees(degrees, cx, cy);
        canvas.Translate(cx, cy);
        canvas.Skew(0, MathF.Tan(shearDegrees * MathF.PI / 180));
        canvas.Translate(-cx, -cy);
        using var image = SKImage.FromBitmap(source);
        canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKCubicResampler.Mitchell));
        return turned;
    }
}
