using Google.Protobuf;
using Onnx;

namespace Alpr.Recognition.Models;

/// <summary>What <see cref="ExactGraphFolds"/> changed in one model.</summary>
public sealed record GraphFoldReport(int ConvAffines, int HardSwishes, int InputScales, int NodesBefore, int NodesAfter);

/// <summary>
/// Algebraically exact rewrites of the PP-OCR graphs as Paddle exports them, which ONNX Runtime does not make itself.
/// PP-LCNetV3 wraps every convolution in learnable scalar affines and spells hard-swish as four element-wise ops, so
/// about half of a run went on passes over memory that compute nothing a convolution could not: (1) Conv → Mul(s) →
/// Add(b) becomes one Conv with scaled weights and bias; (2) x · Clip(x + 3, 0, 6) / 6 becomes x · HardSigmoid(x)
/// (α = 1/6, β = 1/2, the same function); (3) Mul(s) [→ Add(b)] feeding only convolutions moves s into their weights
/// (exact with zero padding: s · 0 = 0) and b into their bias when they read no padding (1×1), else leaves Add(b / s).
/// Outputs equal the original's to float rounding.
/// </summary>
public static class ExactGraphFolds
{
    public static byte[] Fold(byte[] model, out GraphFoldReport report)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        report = Fold(proto);
        return proto.ToByteArray();
    }

    /// <summary>Folds the parsed model in place (callers that rewrite it further parse and write it once).</summary>
    public static GraphFoldReport Fold(ModelProto proto)
    {
        var graph = new OnnxGraph(proto.Graph);
        int before = proto.Graph.Node.Count;
        int affines = FoldConvAffines(graph), swishes = FoldHardSwishes(graph), scales = FoldInputScales(graph);
        graph.DropUnusedConstants();
        return new GraphFoldReport(affines, swishes, scales, before, proto.Graph.Node.Count);
    }

    private static int FoldConvAffines(OnnxGraph g)
    {
        var drop = OnnxGraph.Replacements();
        foreach (var conv in g.Nodes("Conv"))
        {
            if (g.SoleUser(conv.Output[0]) is not { OpType: "Mul" } mul || g.ScalarOperand(mul, conv.Output[0]) is not { } s) continue;
            if (ConvWeights(g, conv) is not var (w, b, dims)) continue;
            string output = mul.Output[0];
            drop[mul] = [];
            float shift = 0;
            if (g.SoleUser(output) is { OpType: "Add" } add && g.ScalarOperand(add, output) is { } a)
            {
                shift = a; output = add.Output[0]; drop[add] = [];
            }
            for (int i = 0; i < w.Length; i++) w[i] *= s;
            for (int i = 0; i < b.Length; i++) b[i] = b[i] * s + shift;
            SetWeights(g, conv, w, b, dims);
            conv.Output[0] = output;
        }
        g.Rewrite(drop);
        return drop.Keys.Count(n => n.OpType == "Mul");
    }

    private static int FoldHardSwishes(OnnxGraph g)
    {
        var replace = OnnxGraph.Replacements();
        foreach (var div in g.Nodes("Div"))
        {
            if (g.Scalar(div.Input[1]) != 6f || g.Producer(div.Input[0]) is not { OpType: "Mul", Input.Count: 2 } mul) continue;
            foreach (int c in new[] { 0, 1 })
            {
                string x = mul.Input[1 - c];
                if (g.Producer(mul.Input[c]) is not { OpType: "Clip" } clip || ClipBounds(g, clip) != (0f, 6f)) continue;
                if (g.Producer(clip.Input[0]) is not { OpType: "Add" } add || g.ScalarOperand(add, x) != 3f) continue;
                if (g.SoleUser(add.Output[0]) is null || g.SoleUser(clip.Output[0]) is null || g.SoleUser(mul.Output[0]) is null) continue;
                string y = div.Output[0], gate = y + "_hardsigmoid";
                var sigmoid = new NodeProto { OpType = "HardSigmoid", Name = gate, Input = { x }, Output = { gate },
                    Attribute = { new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 1f / 6 },
                                  new AttributeProto { Name = "beta", Type = AttributeProto.Types.AttributeType.Float, F = 0.5f } } };
                var product = new NodeProto { OpType = "Mul", Name = y + "_hardswish", Input = { x, gate }, Output = { y } };
                replace[add] = []; replace[clip] = []; replace[mul] = []; replace[div] = [sigmoid, product];
                break;
            }
        }
        g.Rewrite(replace);
        return replace.Keys.Count(n => n.OpType == "Div");
    }

    private static int FoldInputScales(OnnxGraph g)
    {
        var replace = OnnxGraph.Replacements();
        int folded = 0;
        foreach (var mul in g.Nodes("Mul"))
        {
            if (mul.Input.Count != 2 || mul.Input.Count(g.IsConstant) != 1) continue;
            string x = g.IsConstant(mul.Input[0]) ? mul.Input[1] : mul.Input[0];
            if (g.ScalarOperand(mul, x) is not { } s || s == 0 || float.IsNaN(s)) continue;
            var add = g.SoleUser(mul.Output[0]) is { OpType: "Add" } a && g.ScalarOperand(a, mul.Output[0]) is not null ? a : null;
            string fed = add?.Output[0] ?? mul.Output[0];
            var convs = g.Users(fed);
            if (convs.Count == 0 || g.IsGraphOutput(fed) || g.IsGraphOutput(mul.Output[0])) continue;
            if (convs.Any(c => c.OpType != "Conv" || c.Input[0] != fed)) continue;
            var weights = convs.Select(c => ConvWeights(g, c)).ToList();
            if (weights.Any(w => w is null)) continue;
            float shift = add is null ? 0 : g.ScalarOperand(add, mul.Output[0])!.Value / s;
            // conv(W, x + c) = conv(W, x) + c·ΣW exactly when no padding is read: then the shift becomes bias
            bool shiftIntoBias = add is null || convs.All(Unpadded);
            for (int k = 0; k < convs.Count; k++)
            {
                var (w, b, dims) = weights[k]!.Value;
                for (int i = 0; i < w.Length; i++) w[i] *= s;
                if (shiftIntoBias && shift != 0) AddInputShiftToBias(w, b, shift);
                SetWeights(g, convs[k], w, b, dims);
                if (shiftIntoBias) convs[k].Input[0] = x;
            }
            if (add is not null && shiftIntoBias) replace[add] = [];
            else if (add is not null)
            {
                string name = g.AddConstant(g.FreshName("folded_shift"), [shift], 1);
                add.Input.Clear(); add.Input.Add(x); add.Input.Add(name);
            }
            replace[mul] = [];
            folded++;
        }
        g.Rewrite(replace);
        return folded;
    }

    /// <summary>A convolution's constant weights and bias (zeros when it has none), copied so they can be changed.</summary>
    internal static (float[] W, float[] B, long[] Dims)? ConvWeights(OnnxGraph g, NodeProto conv)
    {
        if (conv.Input.Count < 2 || g.Floats(conv.Input[1]) is not { } w) return null;
        var dims = g.Dims(conv.Input[1]);
        if (dims.Length < 3) return null;
        int outChannels = (int)dims[0];
        float[] b = conv.Input.Count > 2 && conv.Input[2].Length > 0 ? g.Floats(conv.Input[2]) ?? [] : new float[outChannels];
        return b.Length == outChannels ? (w, b, dims) : null;
    }

    private static void SetWeights(OnnxGraph g, NodeProto conv, float[] w, float[] b, long[] dims)
    {
        string wName = g.AddConstant(g.FreshName("folded_w"), w, dims);
        string bName = g.AddConstant(g.FreshName("folded_b"), b, dims[0]);
        var x = conv.Input[0];
        conv.Input.Clear();
        conv.Input.Add(x); conv.Input.Add(wName); conv.Input.Add(bName);
    }

    private static bool Unpadded(NodeProto conv) =>
        conv.Attribute.All(a => a.Name switch
        {
            "pads" => a.Ints.All(p => p == 0),
            "auto_pad" => a.S.ToStringUtf8() is "" or "NOTSET" or "VALID",
            _ => true,
        });

    /// <summary>b += shift · ΣW per output channel: the bias that reading x + shift through unpadded weights W adds.</summary>
    private static void AddInputShiftToBias(float[] w, float[] b, float shift)
    {
        int per = w.Length / b.Length;
        for (int o = 0; o < b.Length; o++)
        {
            double sum = 0;
            for (int i = 0; i < per; i++) sum += w[o * per + i];
            b[o] += (float)(shift * sum);
        }
    }

    private static (float?, float?) ClipBounds(OnnxGraph g, NodeProto clip)
    {
        if (clip.Input.Count >= 3) return (g.Scalar(clip.Input[1]), g.Scalar(clip.Input[2]));
        float? Attr(string name) => clip.Attribute.FirstOrDefault(a => a.Name == name)?.F;
        return (Attr("min"), Attr("max"));
    }
}
