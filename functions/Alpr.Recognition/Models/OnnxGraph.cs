using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace Alpr.Recognition.Models;

/// <summary>
/// A mutable view of an ONNX graph for rewriting: constants (Constant nodes and initialisers) as float arrays, the
/// producer and users of every tensor. Rebuilt after each rewrite pass; the graph itself is the source of truth.
/// </summary>
internal sealed class OnnxGraph
{
    private const int FloatType = (int)TensorProto.Types.DataType.Float;
    private readonly GraphProto _graph;
    private readonly Dictionary<string, TensorProto> _constants = [];
    private readonly Dictionary<string, NodeProto> _producers = [];
    private readonly Dictionary<string, List<NodeProto>> _users = [];
    private readonly HashSet<string> _outputs;

    public OnnxGraph(GraphProto graph)
    {
        _graph = graph;
        _outputs = graph.Output.Select(o => o.Name).ToHashSet();
        Reindex();
    }

    public IEnumerable<NodeProto> Nodes(string opType) => _graph.Node.Where(n => n.OpType == opType).ToList();

    private void Reindex()
    {
        _constants.Clear(); _producers.Clear(); _users.Clear();
        foreach (var t in _graph.Initializer) _constants[t.Name] = t;
        foreach (var n in _graph.Node)
        {
            if (n.OpType == "Constant" && n.Attribute.FirstOrDefault(a => a.Name == "value")?.T is { } t) _constants[n.Output[0]] = t;
            foreach (var o in n.Output) _producers[o] = n;
            foreach (var i in n.Input) (_users.TryGetValue(i, out var l) ? l : _users[i] = []).Add(n);
        }
    }

    public NodeProto? Producer(string tensor) => _producers.GetValueOrDefault(tensor);

    /// <summary>The one node that reads <paramref name="tensor"/>, when exactly one does and it is not a graph output.</summary>
    public NodeProto? SoleUser(string tensor) =>
        !_outputs.Contains(tensor) && _users.TryGetValue(tensor, out var l) && l.Count == 1 ? l[0] : null;

    public IReadOnlyList<NodeProto> Users(string tensor) => _users.TryGetValue(tensor, out var l) ? l : [];

    public bool IsGraphOutput(string tensor) => _outputs.Contains(tensor);

    public bool IsConstant(string tensor) => _constants.ContainsKey(tensor);

    public float[]? Floats(string tensor)
    {
        if (!_constants.TryGetValue(tensor, out var t) || t.DataType != FloatType) return null;
        if (!t.RawData.IsEmpty) return MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
        return t.FloatData.ToArray();
    }

    public long[] Dims(string tensor) => _constants.TryGetValue(tensor, out var t) ? t.Dims.ToArray() : [];

    /// <summary>The value of a one-element float constant.</summary>
    public float? Scalar(string tensor) => Floats(tensor) is [var v] ? v : null;

    /// <summary>The scalar constant operand of a binary node whose other operand is <paramref name="tensor"/>.</summary>
    public float? ScalarOperand(NodeProto node, string tensor)
    {
        if (node.Input.Count != 2) return null;
        if (node.Input[0] == tensor) return Scalar(node.Input[1]);
        if (node.Input[1] == tensor) return Scalar(node.Input[0]);
        return null;
    }

    private int _fresh;

    /// <summary>A tensor name not in the exported graph (numbered, so a fold is deterministic).</summary>
    public string FreshName(string stem) => $"alpr_{stem}_{++_fresh}";

    /// <summary>Adds a float initialiser and returns its name.</summary>
    public string AddConstant(string name, float[] values, params long[] dims) =>
        AddConstant(name, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    /// <summary>Adds an initialiser of any element type from its little-endian bytes and returns its name.</summary>
    public string AddConstant(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> raw, params long[] dims)
    {
        var t = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        t.Dims.AddRange(dims);
        _graph.Initializer.Add(t);
        _constants[name] = t;
        return name;
    }

    /// <summary>An empty replacement map for <see cref="Rewrite"/>, keyed by node identity (nodes are mutable messages).</summary>
    public static Dictionary<NodeProto, NodeProto[]> Replacements() => new(ReferenceEqualityComparer.Instance);

    /// <summary>Rewrites the node list: <paramref name="replace"/> maps a node to what stands in its place (empty: removed).</summary>
    public void Rewrite(Dictionary<NodeProto, NodeProto[]> replace)
    {
        var nodes = _graph.Node.SelectMany(n => replace.TryGetValue(n, out var r) ? r : [n]).ToList();
        _graph.Node.Clear();
        _graph.Node.AddRange(nodes);
        Reindex();
    }

    /// <summary>Drops Constant nodes and initialisers nothing reads any more.</summary>
    public void DropUnusedConstants()
    {
        var read = _graph.Node.SelectMany(n => n.Input).ToHashSet();
        var nodes = _graph.Node.Where(n => n.OpType != "Constant" || read.Contains(n.Output[0]) || _outputs.Contains(n.Output[0])).ToList();
        _graph.Node.Clear(); _graph.Node.AddRange(nodes);
        var inits = _graph.Initializer.Where(t => read.Contains(t.Name) || _outputs.Contains(t.Name)).ToList();
        _graph.Initializer.Clear(); _graph.Initializer.AddRange(inits);
        Reindex();
    }
}
