using System.Text.Json.Nodes;
using Alpr.Core.Workflows;

namespace Alpr.Functions.Tests.Workflows;

/// <summary>A minimal human-interaction workflow for exercising the runtime: wait for "approve" or time out, then do "work".</summary>
public sealed class TestWorkflow : IWorkflowDefinition
{
    public const string WorkflowName = "test-approval";
    public string Name => WorkflowName;

    public WorkflowDecision Start(string id, JsonNode? input, DateTimeOffset now) =>
        WorkflowDecision.To(new WorkflowInstance { Id = id, Name = Name, State = "waiting", Input = input, RuntimeStatus = WorkflowRuntimeStatus.Running, DueAt = now.AddHours(1) });

    public WorkflowDecision On(WorkflowInstance i, WorkflowEvent e, DateTimeOffset now) => (i.State, e.Name) switch
    {
        ("waiting", "approve") => WorkflowDecision.To(i with { State = "working", DueAt = null, CustomStatus = new JsonObject { ["by"] = e.Actor } }, "work"),
        ("waiting", WorkflowEvent.Timeout) => WorkflowDecision.To(i with { State = "expired", DueAt = null, RuntimeStatus = WorkflowRuntimeStatus.Completed }),
        ("working", "step:work") => WorkflowDecision.To(i with { State = "done", RuntimeStatus = WorkflowRuntimeStatus.Completed, Output = e.Payload?.DeepClone() }),
        _ => WorkflowDecision.Refuse($"{e.Name} does not apply in state {i.State}"),
    };
}

/// <summary>The "work" step: counts its runs; throws while <see cref="FailuresLeft"/> is positive.</summary>
public sealed class TestWorkStep : IWorkflowStepHandler
{
    public string Workflow => TestWorkflow.WorkflowName;
    public string Step => "work";
    public int Runs;
    public int FailuresLeft;

    public Task<JsonNode?> RunAsync(WorkflowInstance instance, CancellationToken ct)
    {
        Interlocked.Increment(ref Runs);
        if (FailuresLeft-- > 0) throw new InvalidOperationException("work failed");
        return Task.FromResult<JsonNode?>(new JsonObject { ["result"] = "ok" });
    }
}
