using System.Text.Json.Nodes;
using Alpr.Core.Workflows;

namespace Alpr.Functions.Workflows;

/// <summary>The status body of Durable Functions' HTTP API, field for field.</summary>
public sealed record WorkflowStatus(string Name, string InstanceId, string RuntimeStatus, JsonNode? Input, JsonNode? CustomStatus,
    JsonNode? Output, DateTimeOffset CreatedTime, DateTimeOffset LastUpdatedTime, DateTimeOffset? DueTime, IReadOnlyList<WorkflowHistoryEvent>? HistoryEvents)
{
    public static WorkflowStatus From(WorkflowInstance i, bool showHistory) =>
        new(i.Name, i.Id, i.RuntimeStatus.ToString(), i.Input?.DeepClone(), i.CustomStatus?.DeepClone(), i.Output?.DeepClone(),
            i.CreatedAt, i.LastUpdatedAt, i.DueAt, showHistory ? i.History : null);

    public static string StatusPath(string id) => $"/api/workflows/{Uri.EscapeDataString(id)}";

    /// <summary>202 with Location (and Retry-After) while running, 200 once it ended — as Durable answers.</summary>
    public static IResult Result(HttpContext ctx, WorkflowInstance i, bool showHistory)
    {
        var body = From(i, showHistory);
        if (i.IsTerminal) return Results.Ok(body);
        ctx.Response.Headers.Location = StatusPath(i.Id);
        ctx.Response.Headers.RetryAfter = "10";
        return Results.Json(body, statusCode: StatusCodes.Status202Accepted);
    }
}
