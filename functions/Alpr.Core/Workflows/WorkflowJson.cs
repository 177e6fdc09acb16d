using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Alpr.Core.Workflows;

/// <summary>How a workflow's own records (input, custom status, step payloads) are written into its instance: camelCase, enums as strings.</summary>
public static class WorkflowJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);
    public static T? From<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(Options);
}
