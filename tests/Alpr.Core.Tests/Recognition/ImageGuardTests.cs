using Alpr.Core.Recognition;

namespace Alpr.Core.Tests.Recognition;

public class ImageGuardTests
{
    [Fact]
    public void Empty_is_rejected_as_empty() =>
        Assert.Equal(ImageRejectReason.Empty, Assert.Throws<ImageRejectedException>(() => ImageGuard.Check([])).Reason);

    [Fact]
    public void Over_the_limit_is_rejected_as_too_large() =>
        Assert.Equal(ImageRejectReason.TooLarge, Assert.Throws<ImageRejectedException>(() => ImageGuard.Check(new byte[11], maxBytes: 10)).Reason);

    [Theory]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })] // GIF
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 })] // PDF
    [InlineData(new byte[] { 0xFF, 0xD8 })] // too short for a JPEG
    public void Other_formats_are_rejected_as_not_an_image(byte[] data) =>
        Assert.Equal(ImageRejectReason.NotAnImage, Assert.Throws<ImageRejectedException>(() => ImageGuard.Check(data)).Reason);

    [Fact]
    public void Jpeg_and_png_signatures_pass()
    {
        ImageGuard.Check([0xFF, 0xD8, 0xFF, 0xE0]);
        ImageGuard.Check([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]);
    }
}
