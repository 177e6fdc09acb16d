using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Alpr.Core.Releases;

/// <summary>
/// The request as kept on file (the workflow's input): what was asked, by whom, the policy check, and the
/// approvers in escalation order (eligible ones only, never the requester), all fixed when it was filed.
/// </summary>
public sealed record ReleaseFile(ReleaseRequest Request, string RequesterId, DateTimeOffset FiledAt, PolicyDecision Policy, IReadOnlyList<string> Approvers);

/// <summary>The decision on a request (customStatus.decision).</summary>
public sealed record ReleaseDecision(string Outcome, string By, string? Comment, DateTimeOffset At, string? ClientAddress);

/// <summary>
/// The workflow's visible status (customStatus): where it stands, who is asked now and with which link nonce,
/// and the decision once made.
/// </summary>
public sealed record ReleaseStatus
{
    public required string Phase { get; init; }
    public string? ApproverId { get; init; }
    public int ApproverLevel { get; init; }
    public string? Nonce { get; init; }
    public DateTimeOffset? LinkExpiresAt { get; init; }
    public ReleaseDecision? Decision { get; init; }
}

/// <summary>An approve/deny event's payload, as the approval page raises it.</summary>
public sealed record ApprovalAnswer(string ApproverId, string Nonce, string? Comment, string? ClientAddress);

public static class ReleaseJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, Options);
    public static T? From<T>(JsonNode? node) => node is null ? default : node.Deserialize<T>(Options);
}
