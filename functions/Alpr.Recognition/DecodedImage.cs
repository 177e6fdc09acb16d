using Alpr.Core.Recognition;
using SkiaSharp;

namespace Alpr.Recognition;

/// <summary>Decodes JPEG/PNG with SkiaSharp, applies the EXIF orientation, and refuses corrupt or absurd images.</summary>
public static class DecodedImage
{
    public static SKBitmap Decode(ReadOnlySpan<byte> data, long maxBytes, long maxPixels)
    {
        ImageGuard.Check(data, maxBytes);
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData) ?? throw new ImageRejectedException(ImageRejectReason.Corrupt, "the image cannot be decoded");
        var info = codec.Info;
        if (info.Width < 16 || info.Height < 16 || (long)info.Width * info.Height > maxPixels)
            throw new ImageRejectedException(ImageRejectReason.DimensionsOutOfRange, $"image is {info.Width}x{info.Height}; allowed 16x16 up to {maxPixels} pixels");
        var bitmap = new SKBitmap(new SKImageInfo(info.Width, info.Height, SKColorType.Bgra8888, SKAlphaType.Premul));
        var result = codec.GetPixels(bitmap.Info, bitmap.GetPixels());
        if (result is not (SKCodecResult.Success))
        {
            bitmap.Dispose();
            throw new ImageRejectedException(ImageRejectReason.Corrupt, $"the image is damaged or truncated ({result})");
        }
        return Orient(bitmap, codec.EncodedOrigin);
    }

    private static SKBitmap Orient(SKBitmap src, SKEncodedOrigin origin)
    {
        if (origin == SKEncodedOrigin.TopLeft) return src;
        bool swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var dst = new SKBitmap(swap ? src.Height : src.Width, swap ? src.Width : src.Height, src.ColorType, src.AlphaType);
        using (var canvas = new SKCanvas(dst))
        {
            canvas.SetMatrix(OriginMatrix(origin, src.Width, src.Height));
            canvas.DrawBitmap(src, 0, 0);
        }
        src.Dispose();
        return dst;
    }

    private static SKMatrix OriginMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, w, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, w, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, h, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, h, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, h, -1, 0, w, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, w, 0, 0, 1),
        _ => SKMatrix.Identity,
    };
}
