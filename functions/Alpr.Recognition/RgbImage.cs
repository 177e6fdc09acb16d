using Alpr.Core.Recognition;
using SkiaSharp;

namespace Alpr.Recognition;

/// <summary>A decoded, upright image as tightly packed RGBA bytes.</summary>
public sealed class RgbImage
{
    public int Width { get; }
    public int Height { get; }
    public byte[] Rgba { get; }
    /// <summary>Pixels of the uploaded image per pixel here: 1, or 2, 4, 8 when it was decoded reduced.</summary>
    public int SourceScale { get; private init; } = 1;
    /// <summary>The uploaded image's upright size (what polygons are reported in).</summary>
    public int SourceWidth => Width * SourceScale;
    public int SourceHeight => Height * SourceScale;

    public RgbImage(int width, int height, byte[] rgba) { Width = width; Height = height; Rgba = rgba; }

    /// <summary>Decodes JPEG/PNG with SkiaSharp, applying the EXIF orientation. Throws <see cref="ImageRejectedException"/>.</summary>
    /// <param name="reduceTo">When positive, an image whose longest side is at least twice this is decoded at the
    /// coarsest reduction its codec offers (1/2, 1/4, 1/8: JPEG scales in the DCT, at a fraction of the cost) that
    /// keeps the longest side at least this long. Codecs that cannot scale (PNG) decode whole.</param>
    public static RgbImage Decode(ReadOnlySpan<byte> data, long maxPixels, int reduceTo = 0)
    {
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData) ?? throw new ImageRejectedException(ImageRejectReason.Corrupt, "the image header cannot be decoded");
        var info = codec.Info;
        if (info.Width < 8 || info.Height < 8 || info.Width > 20000 || info.Height > 20000 || (long)info.Width * info.Height > maxPixels)
            throw new ImageRejectedException(ImageRejectReason.DimensionsOutOfRange, $"image is {info.Width}x{info.Height}; accepted sides are 8..20000 and at most {maxPixels} pixels");
        int scale = Reduction(codec, info, reduceTo);
        var decodeInfo = new SKImageInfo(info.Width / scale, info.Height / scale, SKColorType.Rgba8888, SKAlphaType.Premul);
        var origin = codec.EncodedOrigin;
        if (origin == SKEncodedOrigin.TopLeft)
        {
            // the common case decodes straight into the array the models read from: no bitmap, no copy
            // every byte is written by a successful decode, and a failed one throws: no need to zero 4 bytes a pixel first
            var pixels = GC.AllocateUninitializedArray<byte>(decodeInfo.Width * decodeInfo.Height * 4);
            var handle = System.Runtime.InteropServices.GCHandle.Alloc(pixels, System.Runtime.InteropServices.GCHandleType.Pinned);
            try
            {
                var direct = codec.GetPixels(decodeInfo, handle.AddrOfPinnedObject());
                if (direct is not SKCodecResult.Success)
                    throw new ImageRejectedException(ImageRejectReason.Corrupt, $"the image data is damaged or truncated ({direct})");
            }
            finally { handle.Free(); }
            return new RgbImage(decodeInfo.Width, decodeInfo.Height, pixels) { SourceScale = scale };
        }
        using var raw = new SKBitmap(decodeInfo);
        var result = codec.GetPixels(decodeInfo, raw.GetPixels());
        if (result is not (SKCodecResult.Success))
            throw new ImageRejectedException(ImageRejectReason.Corrupt, $"the image data is damaged or truncated ({result})");
        bool swap = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        int w = swap ? decodeInfo.Height : decodeInfo.Width, h = swap ? decodeInfo.Width : decodeInfo.Height;
        using var upright = new SKBitmap(new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(upright))
        {
            canvas.SetMatrix(OrientationMatrix(origin, decodeInfo.Width, decodeInfo.Height));
            canvas.DrawBitmap(raw, 0, 0);
        }
        return FromBitmap(upright, scale);
    }

    /// <summary>The coarsest whole reduction the codec decodes exactly that keeps the longest side at least <paramref name="reduceTo"/>.</summary>
    private static int Reduction(SKCodec codec, SKImageInfo info, int reduceTo)
    {
        if (reduceTo <= 0) return 1;
        int longest = Math.Max(info.Width, info.Height);
        for (int scale = 8; scale >= 2; scale /= 2)
        {
            if (longest / scale < reduceTo || info.Width % scale != 0 || info.Height % scale != 0) continue;
            var size = codec.GetScaledDimensions(1f / scale);
            if (size.Width == info.Width / scale && size.Height == info.Height / scale) return scale;
        }
        return 1;
    }

    private static SKMatrix OrientationMatrix(SKEncodedOrigin origin, int w, int h) => origin switch
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

    private static RgbImage FromBitmap(SKBitmap bmp, int sourceScale)
    {
        var bytes = new byte[bmp.Width * bmp.Height * 4];
        var span = bmp.GetPixelSpan();
        int row = bmp.Width * 4;
        if (bmp.RowBytes == row) span[..bytes.Length].CopyTo(bytes);
        else for (int y = 0; y < bmp.Height; y++) span.Slice(y * bmp.RowBytes, row).CopyTo(bytes.AsSpan(y * row));
        return new RgbImage(bmp.Width, bmp.Height, bytes) { SourceScale = sourceScale };
    }

    /// <summary>Bilinear sample of channel c at (x, y).</summary>
    public float Sample(float x, float y, int c)
    {
        if (x < 0) x = 0; if (y < 0) y = 0;
        if (x > Width - 1) x = Width - 1; if (y > Height - 1) y = Height - 1;
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
        float fx = x - x0, fy = y - y0;
        var p = Rgba;
        float a = p[(y0 * Width + x0) * 4 + c], b = p[(y0 * Width + x1) * 4 + c];
        float d = p[(y1 * Width + x0) * 4 + c], e = p[(y1 * Width + x1) * 4 + c];
        return (a + (b - a) * fx) * (1 - fy) + (d + (e - d) * fx) * fy;
    }

    /// <summary>Bilinear sample of R, G and B at (x, y) in one pass.</summary>
    public (float R, float G, float B) SampleRgb(float x, float y)
    {
        if (!(x >= 0)) x = 0; if (!(y >= 0)) y = 0;
        if (x > Width - 1) x = Width - 1; if (y > Height - 1) y = Height - 1;
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, Width - 1), y1 = Math.Min(y0 + 1, Height - 1);
        float fx = x - x0, fy = y - y0;
        float w00 = (1 - fx) * (1 - fy), w01 = fx * (1 - fy), w10 = (1 - fx) * fy, w11 = fx * fy;
        var p = Rgba;
        int a = (y0 * Width + x0) * 4, b = (y0 * Width + x1) * 4, c = (y1 * Width + x0) * 4, d = (y1 * Width + x1) * 4;
        return (p[a] * w00 + p[b] * w01 + p[c] * w10 + p[d] * w11,
                p[a + 1] * w00 + p[b + 1] * w01 + p[c + 1] * w10 + p[d + 1] * w11,
                p[a + 2] * w00 + p[b + 2] * w01 + p[c + 2] * w10 + p[d + 2] * w11);
    }

    /// <summary>JPEG of the axis-aligned rectangle (clamped to the image), or null when empty.</summary>
    public byte[]? EncodeCrop(int x0, int y0, int x1, int y1, int quality = 85)
    {
        x0 = Math.Clamp(x0, 0, Width); x1 = Math.Clamp(x1, 0, Width);
        y0 = Math.Clamp(y0, 0, Height); y1 = Math.Clamp(y1, 0, Height);
        int w = x1 - x0, h = y1 - y0;
        if (w <= 1 || h <= 1) return null;
        var info = new SKImageInfo(w, h, SKColorType.Rgba8888, SKAlphaType.Premul);
        var buf = new byte[w * h * 4];
        for (int y = 0; y < h; y++) Buffer.BlockCopy(Rgba, ((y0 + y) * Width + x0) * 4, buf, y * w * 4, w * 4);
        using var img = SKImage.FromPixelCopy(info, buf);
        using var data = img.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data?.ToArray();
    }
}
