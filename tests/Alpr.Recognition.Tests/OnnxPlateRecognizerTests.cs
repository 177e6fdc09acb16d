using Alpr.Core.Plates;
using Alpr.Core.Recognition;
using Alpr.Testing;

namespace Alpr.Recognition.Tests;

/// <summary>Real ONNX inference on real photographs from ../shared (the set the benchmark scores in full).</summary>
public class OnnxPlateRecognizerTests : IClassFixture<OnnxPlateRecognizerTests.Engine>
{
    public sealed class Engine : IDisposable
    {
        public OnnxPlateRecognizer Recognizer { get; } = new(new OnnxRecognizerOptions { IntraOpThreads = 2 });
        public void Dispose() => Recognizer.Dispose();
    }

    private readonly OnnxPlateRecognizer _recognizer;
    public OnnxPlateRecognizerTests(Engine engine) => _recognizer = engine.Recognizer;

    [Fact]
    public async Task Reads_most_of_a_handful_of_us_photographs_with_crops_polygons_and_alternatives()
    {
        // Spread over the set: every 14th labelled image.
        var images = TestData.Labelled(TestData.EndToEndUs).Where((_, i) => i % 14 == 0).Take(8).ToList();
        Assert.Equal(8, images.Count);
        int exact = 0;
        foreach (var img in images)
        {
            var result = await _recognizer.RecognizeAsync(await File.ReadAllBytesAsync(img.Path));
            Assert.True(result.ImageWidth > 100 && result.ImageHeight > 100);
            var best = Assert.IsType<RecognizedPlate>(result.Plates.FirstOrDefault(), exactMatch: false);
            Assert.Equal(OnnxPlateRecognizer.EngineName, best.Engine);
            Assert.InRange(best.Confidence, 0, 1);
            Assert.Equal(4, best.Polygon.Count);
            Assert.True(best.CropJpeg is { Length: > 100 } && ImageGuard.IsJpeg(best.CropJpeg));
            Assert.Equal(best.Text, best.Alternatives[0].Text);
            if (PlateText.Normalize(best.Text) == PlateText.Normalize(img.Plate)) exact++;
        }
        // The first version reads about 58% of the full US set exactly; these eight must not fall below half.
        Assert.True(exact >= 4, $"{exact} of 8 read exactly");
    }

    [Fact]
    public async Task Corrupt_truncated_huge_and_empty_inputs_are_refused_with_a_reason()
    {
        var photo = await File.ReadAllBytesAsync(TestData.Labelled(TestData.EndToEndUs)[0].Path);
        async Task<ImageRejectReason> ReasonFor(byte[] data, OnnxPlateRecognizer? r = null) =>
            (await Assert.ThrowsAsync<ImageRejectedException>(() => (r ?? _recognizer).RecognizeAsync(data))).Reason;

        Assert.Equal(ImageRejectReason.Empty, await ReasonFor([]));
        Assert.Equal(ImageRejectReason.NotAnImage, await ReasonFor("GIF89a......"u8.ToArray()));
        Assert.Equal(ImageRejectReason.Corrupt, await ReasonFor(photo[..(photo.Length / 4)]));
        Assert.Equal(ImageRejectReason.Corrupt, await ReasonFor([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1]));
        using var strict = new OnnxPlateRecognizer(new OnnxRecognizerOptions { MaxImageBytes = 1000, IntraOpThreads = 1 });
        Assert.Equal(ImageRejectReason.TooLarge, await ReasonFor(photo, strict));
        using var small = new OnnxPlateRecognizer(new OnnxRecognizerOptions { MaxPixels = 10_000, IntraOpThreads = 1 });
        Assert.Equal(ImageRejectReason.DimensionsOutOfRange, await ReasonFor(photo, small));
    }
}
