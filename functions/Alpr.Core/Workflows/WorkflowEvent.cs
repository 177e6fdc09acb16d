using System.Text.Json.Nodes;

namespace Alpr.Core.Workflows;

/// <summary>
/// Something that happened to an instance: a raised event (approval), a fired timeout, or a completed step.
/// <see cref="Actor"/> is who raised it (user id, "timer", "step"), kept in history.
/// </summary>
public sealed record WorkflowEvent(string Name, JsonNode? Payload = null, string Actor = "system")
{
    public const string Timeout = "timeout";
    /// <summary>The event a finished step raises: "step:{name}".</summary>
    public static string StepCompleted(string step) => "step:" + step;
}

/// <summary>
/// What a definition decides for an event: the new instance (its DueAt is the next timeout), the steps to
/// enqueue, or a refusal (the event does not apply now; nothing changes).
/// </summary>
public sealed record WorkflowDecision(WorkflowInstance? Instance, IReadOnlyList<string> Steps, string? Refusal)
{
    public static WorkflowDecision Refuse(string why) => new(null, [], why);
    public static WorkflowDecision To(WorkflowInstance instance, params string[] steps) => new(instance, steps, null);
}

/// <summary>
/// A workflow's rules as a pure transition function. No I/O: steps do the work, the engine does the storing.
/// </summary>
public interface IWorkflowDefinition
{
    string Name { get; }
    /// <summary>The first instance (and first steps) for an input.</summary>
    WorkflowDecision Start(string id, JsonNode? input, DateTimeOffset now);
    WorkflowDecision On(WorkflowInstance instance, WorkflowEvent e, DateTimeOffset now);
}
