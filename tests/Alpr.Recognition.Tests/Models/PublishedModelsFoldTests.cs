using Alpr.Recognition.Models;
using Microsoft.ML.OnnxRuntime;

namespace Alpr.Recognition.Tests.Models;

/// <summary>The folds on the real PP-OCRv4 models: they fire, and detection and reading on real photographs come out
/// as with the models as published.</summary>
public class PublishedModelsFoldTests
{
    private static readonly string ModelDir = ModelLocator.Resolve(null);
    private static readonly TextDetector.DetectorSettings Settings = new(0.3f, 0.5f, 1.6, 24, 320);

    [Theory]
    [InlineData("endtoend/us/wts-lg-000047.jpg")]
    [InlineData("endtoend/eu/eu10.jpg")]
    [InlineData("plate-crops-us/ca1127.png")]
    public void Folded_models_find_and_read_the_same_text(string image)
    {
        using var so = new SessionOptions { IntraOpNumThreads = 2, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        var det = File.ReadAllBytes(Path.Combine(ModelDir, ModelLocator.DetectorFile));
        var rec = File.ReadAllBytes(Path.Combine(ModelDir, ModelLocator.RecognizerFile));
        string keys = Path.Combine(ModelDir, ModelLocator.KeysFile);
        var img = RgbImage.Decode(File.ReadAllBytes(Path.Combine(RecognizerFixture.DatasetRoot(), image)), 50_000_000);

        using var plainDetector = new TextDetector(det, so, Settings);
        using var foldedDetector = new TextDetector(ExactGraphFolds.Fold(det, out var detFolds), so, Settings);
        using var plainReader = new LineRecognizer(rec, keys, so);
        using var foldedReader = new LineRecognizer(ExactGraphFolds.Fold(rec, out var recFolds), keys, so);
        Assert.True(detFolds.ConvAffines > 20 && detFolds.HardSwishes > 20, detFolds.ToString());
        Assert.True(recFolds.ConvAffines > 20 && recFolds.HardSwishes > 20, recFolds.ToString());

        foreach (int side in new[] { 640, 1280 })
        {
            var expected = plainDetector.Detect(img, 0, 0, img.Width, img.Height, side);
            var actual = foldedDetector.Detect(img, 0, 0, img.Width, img.Height, side);
            Assert.NotEmpty(expected);
            Assert.Equal(expected.Count, actual.Count);
            for (int i = 0; i < expected.Count; i++)
            {
                Assert.InRange(Math.Abs(expected[i].X0 - actual[i].X0) + Math.Abs(expected[i].Y2 - actual[i].Y2), 0, 1.0);
                Assert.InRange(Math.Abs(expected[i].Score - actual[i].Score), 0, 1e-3);
            }
            var plainReads = plainReader.Read(img, expected);
            var foldedReads = foldedReader.Read(img, expected);
            Assert.Contains(plainReads, r => r.Text.Length >= 4);
            for (int i = 0; i < plainReads.Length; i++)
            {
                Assert.Equal(plainReads[i].Text, foldedReads[i].Text);
                Assert.InRange(Math.Abs(plainReads[i].Confidence - foldedReads[i].Confidence), 0, 1e-3);
            }
        }
    }
}
