namespace Alpr.Core.Recognition;

/// <summary>Cheap checks before any decoder touches the bytes: size limits and JPEG/PNG signatures.</summary>
public static class ImageGuard
{
    public const long DefaultMaxBytes = 20L * 1024 * 1024;

    public static void Check(ReadOnlySpan<byte> data, long maxBytes = DefaultMaxBytes)
    {
        if (data.IsEmpty) throw new ImageRejectedException(ImageRejectReason.Empty, "the upload is empty (0 bytes)");
        if (data.Length > maxBytes)
            throw new ImageRejectedException(ImageRejectReason.TooLarge, $"the upload is {data.Length} bytes; the limit is {maxBytes}");
        if (!IsJpeg(data) && !IsPng(data))
            throw new ImageRejectedException(ImageRejectReason.NotAnImage, "the upload is neither JPEG nor PNG");
    }

    public static bool IsJpeg(ReadOnlySpan<byte> d) => d.Length >= 3 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;

    public static bool IsPng(ReadOnlySpan<byte> d) =>
        d.Length >= 8 && d[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
}
