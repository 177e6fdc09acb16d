using Alpr.Recognition.Models;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Alpr.Recognition.Tests.Models;

public class PointwiseInt8Tests
{
    private static readonly long[] Shape = [2, 64, 6, 20];

    /// <summary>An opset-9 backbone stretch as the folds leave it: a pointwise conv on the input (not a candidate: it
    /// reads no gate), two gated pointwise convs (candidates), a depthwise conv between them, and an opset-1 Slice.</summary>
    private static byte[] Block()
    {
        var b = new PaddleGraphBuilder();
        string t = b.Gate(b.Conv("x", 64, 64, 1, pad: 0, group: 1));
        t = b.Gate(b.Conv(t, 64, 64, 1, pad: 0, group: 1));
        t = b.Gate(b.Conv(t, 64, 64, 3, pad: 1, group: 64));
        t = b.Conv(t, 64, 64, 1, pad: 0, group: 1);
        return b.Build(b.SliceByAttributes(t, axis: 1, start: 0, end: 48), opset: 9);
    }

    [Fact]
    public void Calibrated_int8_block_computes_close_to_the_float_block_and_runs_as_QLinearConv()
    {
        var model = Block();
        var ranges = Calibrate(model, batches: 6);
        var proto = ModelProto.Parser.ParseFrom(model);

        var report = PointwiseInt8.Apply(proto, ranges);

        Assert.Equal(new Int8Report(2, 2), report);
        Assert.Equal(10, proto.OpsetImport.Single(o => o.Domain == "").Version);
        Assert.Contains(proto.OpsetImport, o => o.Domain == "com.microsoft");
        Assert.Equal(4, proto.Graph.Node.Single(n => n.OpType == "Slice").Input.Count);   // data, starts, ends, axes
        var quantised = proto.ToByteArray();
        var input = ExactGraphFoldsTests.RandomInput((int)Shape.Aggregate((a, c) => a * c), seed: 99);
        var expected = Run(model, input, out _);
        var actual = Run(quantised, input, out var optimised);
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(2 * 48 * 6 * 20, actual.Length);
        double range = expected.Max() - expected.Min();
        double worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max(), mean = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Average();
        Assert.True(range > 1, $"the block must not compute a constant (range {range})");
        Assert.True(worst < 0.08 * range && mean < 0.01 * range, $"worst {worst}, mean {mean}, range {range}");
        Assert.True(worst > 0, "quantised arithmetic cannot be exact: the rewrite did nothing");
        Assert.Equal(2, optimised.Graph.Node.Count(n => n.OpType == "QLinearConv"));
    }

    [Fact]
    public void A_convolution_without_a_calibrated_range_stays_float()
    {
        var model = Block();
        var all = Calibrate(model, batches: 2);
        var proto = ModelProto.Parser.ParseFrom(model);
        var probes = PointwiseInt8.Probes(proto);
        Assert.Equal(4, probes.Count);
        var partial = new ActivationRanges(all.ModelSha256, all.Ranges.Where(r => r.Key != probes[^1]).ToDictionary());

        Assert.Equal(new Int8Report(2, 1), PointwiseInt8.Apply(proto, partial));

        var untouched = ModelProto.Parser.ParseFrom(model);
        Assert.Equal(new Int8Report(2, 0), PointwiseInt8.Apply(untouched, new ActivationRanges(all.ModelSha256, new Dictionary<string, (float, float)>())));
        Assert.Equal(model, untouched.ToByteArray());
    }

    [Fact]
    public void A_graph_with_ops_that_changed_at_opset_10_is_refused()
    {
        var proto = ModelProto.Parser.ParseFrom(Block());
        var ranges = Calibrate(proto.ToByteArray(), batches: 1);
        proto.Graph.Node.Add(new NodeProto { OpType = "Upsample", Input = { "x" }, Output = { "up" } });

        var report = PointwiseInt8.Apply(proto, ranges);

        Assert.Equal(0, report.Quantised);
        Assert.Contains("Upsample", report.Refused);
    }

    [Fact]
    public void Range_files_round_trip_and_reject_what_is_not_one()
    {
        string dir = Directory.CreateTempSubdirectory("alpr-ranges").FullName;
        try
        {
            var ranges = new ActivationRanges("ab12", new Dictionary<string, (float, float)> { ["p2o.Add.43"] = (-15.65f, 23.1f), ["h"] = (-0.375f, 1e-3f) });
            string path = Path.Combine(dir, "r.ranges");
            ranges.Save(path);
            var back = ActivationRanges.Load(path);
            Assert.Equal("ab12", back.ModelSha256);
            Assert.Equal(ranges.Ranges.OrderBy(r => r.Key), back.Ranges.OrderBy(r => r.Key));

            File.WriteAllText(path, "p2o.Add.43 -1 1\n");
            Assert.Throws<InvalidDataException>(() => ActivationRanges.Load(path));
            File.WriteAllText(path, "# alpr activation ranges v1 model-sha256 ab12\np2o.Add.43 2 1\n");
            Assert.Throws<InvalidDataException>(() => ActivationRanges.Load(path));
            File.WriteAllText(path, "# alpr activation ranges v1 model-sha256 ab12\np2o.Add.43 -1\n");
            Assert.Throws<InvalidDataException>(() => ActivationRanges.Load(path));
        }
        finally { Directory.Delete(dir, true); }
    }

    private static ActivationRanges Calibrate(byte[] model, int batches)
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllBytes(path, model);
            using var collector = new ActivationRangeCollector(path, intraOpThreads: 1);
            for (int i = 0; i < batches; i++)
                collector.Observe(ExactGraphFoldsTests.RandomInput((int)Shape.Aggregate((a, c) => a * c), seed: i), Shape);
            Assert.Equal(batches * (int)Shape[0], collector.Strips);
            var ranges = collector.Ranges();
            Assert.Equal(ActivationRanges.Sha256Of(model), ranges.ModelSha256);
            return ranges;
        }
        finally { File.Delete(path); }
    }

    private static float[] Run(byte[] model, float[] input, out ModelProto optimised)
    {
        string path = Path.GetTempFileName();
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL, OptimizedModelFilePath = path };
            using var session = new InferenceSession(model, options);
            optimised = ModelProto.Parser.ParseFrom(File.ReadAllBytes(path));
            using var x = OrtValue.CreateTensorValueFromMemory(input, Shape);
            using var outputs = session.Run(new RunOptions(), ["x"], [x], session.OutputNames);
            return outputs[0].GetTensorDataAsSpan<float>().ToArray();
        }
        finally { File.Delete(path); }
    }
}
