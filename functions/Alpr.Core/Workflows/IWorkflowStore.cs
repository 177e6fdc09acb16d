namespace Alpr.Core.Workflows;

/// <summary>An instance as read, with the version a replace must match (optimistic concurrency).</summary>
public sealed record StoredWorkflow(WorkflowInstance Instance, string Version);

/// <summary>Where instances live (Cosmos in production). Replace fails (false) when the version moved on.</summary>
public interface IWorkflowStore
{
    Task<bool> CreateAsync(WorkflowInstance instance, CancellationToken ct = default);
    Task<StoredWorkflow?> ReadAsync(string id, CancellationToken ct = default);
    Task<bool> ReplaceAsync(WorkflowInstance instance, string version, CancellationToken ct = default);
    /// <summary>Non-terminal instances whose timeout is due.</summary>
    Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int max, CancellationToken ct = default);
    /// <summary>Instances (ended ones too: final notifications) with pending steps not touched since <paramref name="before"/> (lost enqueues).</summary>
    Task<IReadOnlyList<string>> StalledAsync(DateTimeOffset before, int max, CancellationToken ct = default);
}

/// <summary>One unit of queued work. The key is unique per enqueue decision, for logs and de-duplication.</summary>
public sealed record WorkflowStep(string InstanceId, string Workflow, string Step, string IdempotencyKey);

public interface IWorkflowStepQueue
{
    Task EnqueueAsync(WorkflowStep step, CancellationToken ct = default);
}

/// <summary>Does a step's work. Must be idempotent: it may run again after a crash or a lost lease.</summary>
public interface IWorkflowStepHandler
{
    string Workflow { get; }
    string Step { get; }
    /// <summary>Does the work and returns the payload of the step-completed event.</summary>
    Task<System.Text.Json.Nodes.JsonNode?> RunAsync(WorkflowInstance instance, CancellationToken ct);
}
