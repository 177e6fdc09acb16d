using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Alpr.Recognition.Tests.Models;

/// <summary>Writes small graphs the way paddle2onnx does: weights and scalars as Constant nodes, opset 11 unless told.</summary>
internal sealed class PaddleGraphBuilder
{
    private readonly GraphProto _graph = new() { Name = "block" };
    private readonly Random _rnd = new(17);
    private int _n;

    private string Name(string stem) => $"{stem}_{++_n}";

    private string Constant(float[] values, params long[] dims)
    {
        var t = new TensorProto { DataType = (int)TensorProto.Types.DataType.Float, RawData = ByteString.CopyFrom(MemoryMarshal.AsBytes(values.AsSpan())) };
        t.Dims.AddRange(dims);
        string name = Name("const");
        _graph.Node.Add(new NodeProto { OpType = "Constant", Name = name, Output = { name },
            Attribute = { new AttributeProto { Name = "value", Type = AttributeProto.Types.AttributeType.Tensor, T = t } } });
        return name;
    }

    private string Node(string op, params string[] inputs)
    {
        string y = Name(op.ToLowerInvariant());
        _graph.Node.Add(new NodeProto { OpType = op, Name = y, Input = { inputs }, Output = { y } });
        return y;
    }

    public string Conv(string x, int cin, int cout, int k, int pad, int group)
    {
        var w = Enumerable.Range(0, cout * cin / group * k * k).Select(_ => (float)(_rnd.NextDouble() - 0.5)).ToArray();
        var bias = Enumerable.Range(0, cout).Select(_ => (float)(_rnd.NextDouble() - 0.5)).ToArray();
        string y = Node("Conv", x, Constant(w, cout, cin / group, k, k), Constant(bias, cout));
        var node = _graph.Node[^1];
        node.Attribute.Add(new AttributeProto { Name = "kernel_shape", Type = AttributeProto.Types.AttributeType.Ints, Ints = { k, k } });
        node.Attribute.Add(new AttributeProto { Name = "pads", Type = AttributeProto.Types.AttributeType.Ints, Ints = { pad, pad, pad, pad } });
        node.Attribute.Add(new AttributeProto { Name = "group", Type = AttributeProto.Types.AttributeType.Int, I = group });
        return y;
    }

    public string Mul(string x, float s, bool constantFirst) => constantFirst ? Node("Mul", Constant([s], 1), x) : Node("Mul", x, Constant([s], 1));

    public string Add2(string a, string b) => Node("Add", a, b);

    /// <summary>Paddle's learnable affine: Mul(scale, x) then Add(x, bias), scalars as one-element tensors.</summary>
    public string Affine(string x, float s, float b) => Node("Add", Mul(x, s, constantFirst: true), Constant([b], 1));

    /// <summary>Hard-swish as Paddle exports it: Div(Mul(x, Clip(Add(x, 3), 0, 6)), 6).</summary>
    public string HardSwish(string x)
    {
        string plus3 = Node("Add", x, Constant([3f]));
        string clipped = Node("Clip", plus3, Constant([0f]), Constant([6f]));
        return Node("Div", Node("Mul", x, clipped), Constant([6f]));
    }

    /// <summary>Hard-swish as the folds leave it: x · HardSigmoid(x).</summary>
    public string Gate(string x)
    {
        string sigmoid = Node("HardSigmoid", x);
        _graph.Node[^1].Attribute.Add(new AttributeProto { Name = "alpha", Type = AttributeProto.Types.AttributeType.Float, F = 1f / 6 });
        _graph.Node[^1].Attribute.Add(new AttributeProto { Name = "beta", Type = AttributeProto.Types.AttributeType.Float, F = 0.5f });
        return Node("Mul", x, sigmoid);
    }

    /// <summary>Slice in its opset-1 form (starts, ends and axes as attributes), as Paddle's opset-9 exports have it.</summary>
    public string SliceByAttributes(string x, long axis, long start, long end)
    {
        string y = Node("Slice", x);
        foreach (var (name, v) in new[] { ("axes", axis), ("starts", start), ("ends", end) })
            _graph.Node[^1].Attribute.Add(new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints, Ints = { v } });
        return y;
    }

    public byte[] Build(string output, int opset = 11)
    {
        _graph.Input.Add(ValueInfo("x"));
        _graph.Output.Add(ValueInfo(output));
        var model = new ModelProto { IrVersion = 8, Graph = _graph, OpsetImport = { new OperatorSetIdProto { Domain = "", Version = opset } } };
        return model.ToByteArray();
    }

    private ValueInfoProto ValueInfo(string name) => new()
    {
        Name = name,
        Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float,
            Shape = new TensorShapeProto { Dim = { new TensorShapeProto.Types.Dimension { DimParam = "n" },
                new TensorShapeProto.Types.Dimension { DimParam = "c" }, new TensorShapeProto.Types.Dimension { DimParam = "h" },
                new TensorShapeProto.Types.Dimension { DimParam = "w" } } } } },
    };
}
