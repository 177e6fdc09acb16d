using System.Runtime.InteropServices;
using Onnx;
using DataType = Onnx.TensorProto.Types.DataType;

namespace Alpr.Recognition.Models;

/// <summary>What <see cref="PointwiseInt8"/> changed in one model.</summary>
public sealed record Int8Report(int Candidates, int Quantised, string? Refused = null);

/// <summary>
/// Runs the backbone's pointwise convolutions (1 × 1, one group, at least <see cref="MinChannels"/> channels in and
/// out, reading a hard-swish or squeeze-excite product) in int8: their input and output pass through
/// QuantizeLinear → DequantizeLinear with calibrated ranges (<see cref="ActivationRanges"/>; unsigned, asymmetric) and
/// their weights are int8 per output channel (symmetric), which ONNX Runtime fuses into <c>QLinearConv</c>. Those
/// convolutions are most of a recogniser run (the 480 × 480 and 240 × 240 ones on long strips); the depthwise
/// convolutions, squeeze-excite, the SVTR neck and the classifier stay float, so does every tensor between the
/// fused pairs. A convolution without a calibrated range for both its tensors is left as it is.
/// </summary>
public static class PointwiseInt8
{
    public const int MinChannels = 64;
    private const string MsDomain = "com.microsoft";
    // ONNX's QLinearConv needs opset 10; of the ops whose definition changed from 9 to 10, Slice is rewritten to its
    // input form and AveragePool / MaxPool only gained attributes whose defaults keep the old meaning
    private static readonly HashSet<string> ChangedAtOpset10 = ["Dropout", "TopK", "Upsample", "ThresholdedRelu"];

    /// <summary>The convolutions this would quantise.</summary>
    public static IReadOnlyList<NodeProto> Candidates(ModelProto proto)
    {
        var g = new OnnxGraph(proto.Graph);
        return g.Nodes("Conv").Where(c => IsCandidate(g, c)).ToList();
    }

    /// <summary>The tensors whose ranges calibration must measure: each candidate's input and output.</summary>
    public static IReadOnlyList<string> Probes(ModelProto proto) =>
        Candidates(proto).SelectMany(c => new[] { c.Input[0], c.Output[0] }).Distinct().ToList();

    /// <summary>Quantises the parsed (folded) model in place.</summary>
    public static Int8Report Apply(ModelProto proto, ActivationRanges ranges)
    {
        var g = new OnnxGraph(proto.Graph);
        var candidates = g.Nodes("Conv").Where(c => IsCandidate(g, c)).ToList();
        if (proto.Graph.Node.FirstOrDefault(n => n.Domain is "" or "ai.onnx" && ChangedAtOpset10.Contains(n.OpType)) is { } old
            && DefaultOpset(proto) < 10)
            return new Int8Report(candidates.Count, 0, $"{old.OpType} changed meaning at opset 10");
        var replace = OnnxGraph.Replacements();
        var inputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var conv in candidates)
        {
            if (Quant(ranges, conv.Input[0]) is not var (inScale, inZero) || Quant(ranges, conv.Output[0]) is not var (outScale, outZero)) continue;
            if (ExactGraphFolds.ConvWeights(g, conv) is not var (w, b, dims)) continue;
            var nodes = new List<NodeProto>();
            if (!inputs.TryGetValue(conv.Input[0], out var x))
                inputs[conv.Input[0]] = x = QuantDequant(g, nodes, conv.Input[0], inScale, inZero, null);
            var (wq, ws) = PerChannel(w, (int)dims[0]);
            string wName = Dequant(g, nodes, g.AddConstant(g.FreshName("int8_w"), DataType.Int8, MemoryMarshal.AsBytes(wq.AsSpan()), dims),
                g.AddConstant(g.FreshName("int8_ws"), ws, dims[0]),
                g.AddConstant(g.FreshName("int8_wz"), DataType.Int8, new byte[dims[0]], dims[0]), axis: true);
            var bs = ws.Select(s => s * inScale).ToArray();
            var bq = b.Select((v, i) => (int)Math.Clamp(Math.Round(v / bs[i]), int.MinValue, int.MaxValue)).ToArray();
            string bName = Dequant(g, nodes, g.AddConstant(g.FreshName("int8_b"), DataType.Int32, MemoryMarshal.AsBytes(bq.AsSpan()), dims[0]),
                g.AddConstant(g.FreshName("int8_bs"), bs, dims[0]), null, axis: true);
            string output = conv.Output[0], raw = g.FreshName("int8_conv");
            var quantised = conv.Clone();
            quantised.Input.Clear(); quantised.Input.Add(x); quantised.Input.Add(wName); quantised.Input.Add(bName);
            quantised.Output[0] = raw;
            nodes.Add(quantised);
            QuantDequant(g, nodes, raw, outScale, outZero, output);
            replace[conv] = [.. nodes];
        }
        if (replace.Count == 0) return new Int8Report(candidates.Count, 0);
        g.Rewrite(replace);
        RaiseOpsetTo10(proto, g);
        if (proto.OpsetImport.All(o => o.Domain != MsDomain)) proto.OpsetImport.Add(new OperatorSetIdProto { Domain = MsDomain, Version = 1 });
        g.DropUnusedConstants();
        return new Int8Report(candidates.Count, replace.Count);
    }

    private static bool IsCandidate(OnnxGraph g, NodeProto conv)
    {
        var dims = g.Dims(conv.Input.Count > 1 ? conv.Input[1] : "");
        if (dims is not [var o, var i, 1, 1] || o < MinChannels || i < MinChannels) return false;
        if (conv.Attribute.Any(a => a.Name == "group" && a.I != 1)) return false;
        return g.Producer(conv.Input[0]) is { OpType: "Mul" };
    }

    private static (float Scale, byte Zero)? Quant(ActivationRanges ranges, string tensor)
    {
        if (!ranges.Ranges.TryGetValue(tensor, out var r)) return null;
        float lo = Math.Min(r.Min, 0f), hi = Math.Max(r.Max, 0f);
        if (!(hi - lo > 1e-6f)) return null;
        float scale = (hi - lo) / 255f;
        return (scale, (byte)Math.Clamp(Math.Round(-lo / scale), 0, 255));
    }

    private static (sbyte[] Q, float[] Scale) PerChannel(float[] w, int channels)
    {
        int per = w.Length / channels;
        var q = new sbyte[w.Length];
        var scale = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            float max = 0;
            for (int k = 0; k < per; k++) max = Math.Max(max, Math.Abs(w[c * per + k]));
            scale[c] = max > 0 ? max / 127f : 1f;
            for (int k = 0; k < per; k++) q[c * per + k] = (sbyte)Math.Clamp(Math.Round(w[c * per + k] / scale[c]), -127, 127);
        }
        return (q, scale);
    }

    /// <summary>tensor → QuantizeLinear → DequantizeLinear; returns the dequantised name (<paramref name="output"/> when given).</summary>
    private static string QuantDequant(OnnxGraph g, List<NodeProto> nodes, string tensor, float scale, byte zero, string? output)
    {
        string s = g.AddConstant(g.FreshName("int8_s"), [scale]);
        string z = g.AddConstant(g.FreshName("int8_z"), DataType.Uint8, [zero]);
        string q = g.FreshName("int8_q");
        nodes.Add(Node("QuantizeLinear", [tensor, s, z], q, false));
        output ??= g.FreshName("int8_dq");
        nodes.Add(Node("DequantizeLinear", [q, s, z], output, false));
        return output;
    }

    private static string Dequant(OnnxGraph g, List<NodeProto> nodes, string q, string scale, string? zero, bool axis)
    {
        string output = g.FreshName("int8_dq");
        nodes.Add(Node("DequantizeLinear", zero is null ? [q, scale] : [q, scale, zero], output, axis));
        return output;
    }

    // com.microsoft's Q/DQ take a per-axis scale at any opset (ONNX's need 13, and raising a Paddle export from 9 to
    // 13 changes Softmax and Squeeze); ONNX Runtime fuses them like ONNX's
    private static NodeProto Node(string op, string[] inputs, string output, bool axis)
    {
        var n = new NodeProto { OpType = op, Domain = MsDomain };
        n.Input.AddRange(inputs);
        n.Output.Add(output);
        if (axis) n.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        return n;
    }

    private static long DefaultOpset(ModelProto proto) =>
        proto.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")?.Version ?? 0;

    /// <summary>QLinearConv, which ONNX Runtime fuses the pairs into, is an opset-10 op: older graphs are raised to 10,
    /// their Slices given the input form (the same slice).</summary>
    private static void RaiseOpsetTo10(ModelProto proto, OnnxGraph g)
    {
        var opset = proto.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx");
        if (opset is null || opset.Version >= 10) return;
        opset.Version = 10;
        foreach (var slice in proto.Graph.Node.Where(n => n.OpType == "Slice" && n.Input.Count == 1))
        {
            long[]? Ints(string name) => slice.Attribute.FirstOrDefault(a => a.Name == name)?.Ints.ToArray();
            var (starts, ends, axes) = (Ints("starts")!, Ints("ends")!, Ints("axes"));
            slice.Input.Add(g.AddConstant(g.FreshName("slice_starts"), DataType.Int64, MemoryMarshal.AsBytes(starts.AsSpan()), starts.Length));
            slice.Input.Add(g.AddConstant(g.FreshName("slice_ends"), DataType.Int64, MemoryMarshal.AsBytes(ends.AsSpan()), ends.Length));
            if (axes is not null) slice.Input.Add(g.AddConstant(g.FreshName("slice_axes"), DataType.Int64, MemoryMarshal.AsBytes(axes.AsSpan()), axes.Length));
            slice.Attribute.Clear();
        }
    }
}
