using Onnx;

namespace Alpr.Recognition.Models;

/// <summary>
/// Makes the recogniser's per-step feature vectors (the input of its final classifier, MatMul → Add → Softmax) a
/// second graph output, so the plate-glyph memory can compare characters in the recogniser's own feature space.
/// The first output and everything computed for it stay as they are.
/// </summary>
public static class ClassifierInput
{
    /// <summary>Adds the output to the parsed model in place.</summary>
    /// <returns>That output's name; null, and the model unchanged, when its graph does not end in that classifier.</returns>
    public static string? Expose(ModelProto proto)
    {
        var graph = proto.Graph;
        if (graph.Output.Count == 0) return null;
        var producers = new Dictionary<string, NodeProto>();
        foreach (var n in graph.Node) foreach (var o in n.Output) producers[o] = n;
        var softmax = producers.GetValueOrDefault(graph.Output[0].Name);
        var add = softmax is { OpType: "Softmax" } ? producers.GetValueOrDefault(softmax.Input[0]) : null;
        var matMul = add is { OpType: "Add" } ? producers.GetValueOrDefault(add.Input[0]) : null;
        if (matMul is not { OpType: "MatMul" }) return null;
        string features = matMul.Input[0];
        if (graph.Output.All(o => o.Name != features)) graph.Output.Add(new ValueInfoProto { Name = features });
        return features;
    }
}
