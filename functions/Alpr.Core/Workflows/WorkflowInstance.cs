using System.Text.Json.Nodes;

namespace Alpr.Core.Workflows;

/// <summary>Durable Functions' runtime statuses (the ones our workflows use), as its status API spells them.</summary>
public enum WorkflowRuntimeStatus { Pending, Running, Completed, Failed, Terminated }

/// <summary>One line of an instance's append-only history.</summary>
public sealed record WorkflowHistoryEvent(DateTimeOffset At, string Type, string? Detail = null);

/// <summary>
/// A persisted state machine: one document per instance. <see cref="State"/> is the workflow's own state name;
/// <see cref="DueAt"/> is the pending timeout (fired as a "timeout" event); <see cref="PendingSteps"/> are steps
/// enqueued but not yet completed (re-enqueued if a crash lost them; completing one that is no longer pending is
/// a no-op, which is what makes steps idempotent at the workflow level).
/// </summary>
public sealed record WorkflowInstance
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public WorkflowRuntimeStatus RuntimeStatus { get; init; } = WorkflowRuntimeStatus.Pending;
    public required string State { get; init; }
    public JsonNode? Input { get; init; }
    public JsonNode? CustomStatus { get; init; }
    public JsonNode? Output { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset LastUpdatedAt { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    public IReadOnlyList<string> PendingSteps { get; init; } = [];
    public IReadOnlyList<WorkflowHistoryEvent> History { get; init; } = [];

    public bool IsTerminal => RuntimeStatus is WorkflowRuntimeStatus.Completed or WorkflowRuntimeStatus.Failed or WorkflowRuntimeStatus.Terminated;

    public WorkflowInstance WithHistory(DateTimeOffset at, string type, string? detail = null) =>
        this with { History = [.. History, new WorkflowHistoryEvent(at, type, detail)], LastUpdatedAt = at };
}
