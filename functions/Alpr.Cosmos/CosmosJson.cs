using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>
/// System.Text.Json for every document: camelCase, enums as strings. Domain records are stored as they are,
/// with the partition key ("pk") and a document type ("docType") added beside their fields.
/// </summary>
public sealed class CosmosJson : CosmosSerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <remarks>The document "id" replaces a property of the same name on the record, so records stored this way
    /// either have Id == id or keep their own identity under another name.</remarks>
    public static JsonObject ToDocument<T>(T value, string id, string pk, string docType)
    {
        var node = JsonSerializer.SerializeToNode(value, Options) as JsonObject ?? throw new InvalidOperationException("documents must be objects");
        node["id"] = id;
        node["pk"] = pk;
        node["docType"] = docType;
        return node;
    }

    public static T FromDocument<T>(JsonObject doc) => doc.Deserialize<T>(Options) ?? throw new InvalidOperationException("empty document");

    public override T FromStream<T>(Stream stream)
    {
        using (stream)
        {
            if (typeof(Stream).IsAssignableFrom(typeof(T))) return (T)(object)stream;
            return JsonSerializer.Deserialize<T>(stream, Options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var ms = new MemoryStream();
        JsonSerializer.Serialize(ms, input, Options);
        ms.Position = 0;
        return ms;
    }
}
