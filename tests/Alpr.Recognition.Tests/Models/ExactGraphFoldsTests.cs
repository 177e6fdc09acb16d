using System.Runtime.InteropServices;
using Alpr.Recognition.Models;
using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace Alpr.Recognition.Tests.Models;

public class ExactGraphFoldsTests
{
    private static readonly SessionOptions Options = new() { IntraOpNumThreads = 1, GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };

    [Fact]
    public void Folded_block_computes_what_the_exported_block_computes()
    {
        // Paddle's PP-LCNetV3 block, spelled as exported: conv, scalar affine, four-op hard-swish, scalar affine,
        // into a padded 3×3 conv, a 1×1 conv and a depthwise conv (so every fold and both shift cases are exercised)
        var b = new PaddleGraphBuilder();
        string t = b.Conv("x", 4, 8, 3, pad: 1, group: 1);
        t = b.Affine(t, 1.38f, 0.586f); t = b.HardSwish(t); t = b.Affine(t, 0.168f, 3.5e-3f);
        t = b.Conv(t, 8, 8, 1, pad: 0, group: 1);
        t = b.Affine(t, 2.11f, 1.06f); t = b.HardSwish(t); t = b.Affine(t, 0.183f, -0.201f);
        t = b.Conv(t, 8, 8, 3, pad: 1, group: 8);
        var model = b.Build(t);

        var folded = ExactGraphFolds.Fold(model, out var report);

        Assert.Equal(new GraphFoldReport(2, 2, 2, report.NodesBefore, report.NodesAfter), report);
        Assert.True(report.NodesAfter < report.NodesBefore / 2, $"{report.NodesBefore} -> {report.NodesAfter}");
        var input = RandomInput(1 * 4 * 12 * 12, seed: 5);
        var expected = Run(model, input, [1, 4, 12, 12]);
        var actual = Run(folded, input, [1, 4, 12, 12]);
        Assert.Equal(expected.Length, actual.Length);
        float worst = expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max();
        Assert.True(worst < 1e-4f, $"largest difference {worst}");
        Assert.True(expected.Max() - expected.Min() > 0.1f, "the block must not compute a constant");
    }

    [Fact]
    public void A_scaled_tensor_read_by_anything_but_a_convolution_is_left_as_it_is()
    {
        var b = new PaddleGraphBuilder();
        string gate = b.HardSwish("x");
        string scaled = b.Mul(gate, 0.5f, constantFirst: true);
        string fed = b.Conv(scaled, 4, 4, 1, pad: 0, group: 1);
        string sum = b.Add2(fed, scaled);   // the scaled tensor is also read by an Add: s cannot move into the conv
        var model = b.Build(sum);

        var folded = ExactGraphFolds.Fold(model, out var report);

        Assert.Equal((0, 1, 0), (report.ConvAffines, report.HardSwishes, report.InputScales));
        var input = RandomInput(4 * 5 * 5, seed: 9);
        var expected = Run(model, input, [1, 4, 5, 5]);
        var actual = Run(folded, input, [1, 4, 5, 5]);
        Assert.True(expected.Zip(actual, (e, a) => Math.Abs(e - a)).Max() < 1e-5f);
    }

    [Fact]
    public void Garbage_is_not_a_model()
    {
        Assert.ThrowsAny<InvalidProtocolBufferException>(() => ExactGraphFolds.Fold([0xff, 0xff, 0xff, 0x07, 0x01], out _));
    }

    [Fact]
    public void Folding_is_deterministic()
    {
        var b = new PaddleGraphBuilder();
        string t = b.Affine(b.Conv("x", 2, 2, 3, pad: 1, group: 1), 2f, 1f);
        var model = b.Build(b.HardSwish(t));
        Assert.Equal(ExactGraphFolds.Fold(model, out _), ExactGraphFolds.Fold(model, out _));
    }

    internal static float[] RandomInput(int n, int seed)
    {
        var rnd = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => (float)(rnd.NextDouble() * 4 - 2)).ToArray();
    }

    private static float[] Run(byte[] model, float[] input, long[] shape)
    {
        using var session = new InferenceSession(model, Options);
        using var x = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var outputs = session.Run(new RunOptions(), ["x"], [x], session.OutputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }
}
