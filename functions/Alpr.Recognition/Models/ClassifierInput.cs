using Google.Protobuf;
using Onnx;

namespace Alpr.Recognition.Models;

/// <summary>
/// Makes the recogniser's per-step feature vectors (the input of its final classifier, MatMul → Add → Softmax) a
/// second graph output, so the plate-glyph memory can compare characters in the recogniser's own feature space.
/// The first output and everything computed for it stay as they are.
/// </summary>
public static class ClassifierInput
{
    /// <returns>The model with the extra output, and that output's name; the model unchanged and null when its graph
    /// does not end in that classifier.</returns>
    public static (byte[] Model, string? Output) Expose(byte[] model)
    {
        var proto = ModelProto.Parser.ParseFrom(model);
        var graph = proto.Graph;
        if (graph.Output.Count == 0) return (model, null);
        var producers = new Dictionary<string, NodeProto>();
        foreach (var n in graph.Node) foreach (var o in n.Output) producers[o] = n;
        var softmax = producers.GetValueOrDefault(graph.Output[0].Name);
        var add = softmax is { OpType: "Softmax" } ? producers.GetValueOrDefault(softmax.Input[0]) : null;
        var matMul = add is { OpType: "Add" } ? producers.GetValueOrDefault(add.Input[0]) : null;
        if (matMul is not { OpType: "MatMul" }) return (model, null);
        string features = matMul.Input[0];
        if (graph.Output.All(o => o.Name != features)) graph.Output.Add(new ValueInfoProto { Name = features });
        return (proto.ToByteArray(), features);
    }
}
