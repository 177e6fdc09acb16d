using Alpr.Recognition.Models;

namespace Alpr.Recognition.Tests.Models;

/// <summary>The int8 pointwise convolutions on the real recogniser: calibrated on the strips of a few photographs, they
/// quantise the backbone and still read those plates; ranges measured on another model file are not used.</summary>
public class PublishedModelsInt8Tests
{
    private static readonly (string Image, string Plate)[] Images =
        [("endtoend/us/wts-lg-000047.jpg", "CLT0108"), ("endtoend/eu/eu10.jpg", "WA56660"), ("plate-crops-us/ca1127.png", "BUBBIE2")];

    [Fact]
    public async Task Calibrated_int8_recogniser_quantises_the_backbone_and_reads_the_plates()
    {
        string dir = Directory.CreateTempSubdirectory("alpr-int8").FullName;
        try
        {
            string ranges = Path.Combine(dir, "r.ranges");
            string model = Path.Combine(ModelLocator.Resolve(null), ModelLocator.RecognizerFile);
            using (var collector = new ActivationRangeCollector(model))
            {
                using var calibrating = new OnnxPlateRecognizer(new OnnxRecognizerOptions { Int8RangesPath = "", StripBatchObserver = collector.Observe });
                foreach (var (image, _) in Images) await calibrating.RecognizeAsync(Bytes(image));
                Assert.Null(calibrating.Int8);
                Assert.True(collector.Strips >= Images.Length, $"{collector.Strips} strips");
                collector.Ranges().Save(ranges);
            }

            using var int8 = new OnnxPlateRecognizer(new OnnxRecognizerOptions { Int8RangesPath = ranges });

            Assert.NotNull(int8.Int8);
            Assert.Null(int8.Int8.Refused);
            Assert.True(int8.Int8.Quantised >= 10 && int8.Int8.Quantised == int8.Int8.Candidates, int8.Int8.ToString());
            foreach (var (image, plate) in Images)
                Assert.Equal(plate, (await int8.RecognizeAsync(Bytes(image))).Plates.FirstOrDefault()?.Text);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Ranges_of_another_model_file_or_for_an_unfolded_graph_are_refused_and_the_recogniser_stays_float()
    {
        string path = Path.GetTempFileName();
        try
        {
            new ActivationRanges(new string('0', 64), new Dictionary<string, (float, float)> { ["hardswish_34.tmp_0"] = (-0.375f, 40f) }).Save(path);

            using var recognizer = new OnnxPlateRecognizer(new OnnxRecognizerOptions { Int8RangesPath = path });

            Assert.NotNull(recognizer.Int8);
            Assert.Equal(0, recognizer.Int8.Quantised);
            Assert.Contains("another model", recognizer.Int8.Refused);
            using var unfolded = new OnnxPlateRecognizer(new OnnxRecognizerOptions { Int8RangesPath = path, FoldModelGraphs = false });
            Assert.Equal(0, unfolded.Int8!.Quantised);
            Assert.Contains("folded graph", unfolded.Int8.Refused);
        }
        finally { File.Delete(path); }
    }

    private static byte[] Bytes(string image) => File.ReadAllBytes(Path.Combine(RecognizerFixture.DatasetRoot(), image));
}
