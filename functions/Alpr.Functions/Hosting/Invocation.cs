using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alpr.Functions.Hosting;

/// <summary>
/// What the Functions host POSTs to a custom handler for a non-HTTP trigger: binding values under Data,
/// trigger metadata under Metadata (keys ending in "Trigger" are dropped by the host; "sys" is added).
/// </summary>
public sealed record InvocationRequest
{
    [JsonPropertyName("Data")] public Dictionary<string, JsonElement> Data { get; init; } = new(StringComparer.OrdinalIgnoreCase);
    [JsonPropertyName("Metadata")] public Dictionary<string, JsonElement> Metadata { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The host writes "Data"/"Metadata" and binding names as declared; accept any casing.</summary>
    public static readonly JsonSerializerOptions SerializerOptions = new() { PropertyNameCaseInsensitive = true };

    public string? MetadataString(string key) =>
        Metadata.TryGetValue(key, out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText() : null;
}

/// <summary>What the handler answers: output bindings, log lines for the host's log, and a return value.</summary>
public sealed record InvocationResponse
{
    [JsonPropertyName("Outputs")] public Dictionary<string, object?> Outputs { get; init; } = new();
    [JsonPropertyName("Logs")] public List<string> Logs { get; init; } = [];
    [JsonPropertyName("ReturnValue")] public object? ReturnValue { get; init; }
}
