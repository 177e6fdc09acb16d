using System.Text.Json.Nodes;

namespace Alpr.Core.Workflows;

public enum RaiseResult { Accepted, NotFound, Gone, Refused }

/// <summary>The answer to a raise: what happened, the refusal reason, and the instance after it.</summary>
public sealed record RaiseOutcome(RaiseResult Result, string? Refusal = null, WorkflowInstance? Instance = null);

/// <summary>
/// Applies definitions' decisions to stored instances: read, decide, ETag-guarded replace (re-read and decide
/// again on conflict), then enqueue the decided steps. Steps are recorded as pending in the same write, so a
/// crash between the write and the enqueue is repaired by <see cref="SweepAsync"/> re-enqueueing them.
/// </summary>
public sealed class WorkflowEngine(IEnumerable<IWorkflowDefinition> definitions, IWorkflowStore store, IWorkflowStepQueue queue, TimeProvider time)
{
    private readonly Dictionary<string, IWorkflowDefinition> _definitions = definitions.ToDictionary(d => d.Name);
    private const int MaxConflicts = 10;

    public IWorkflowDefinition Definition(string name) =>
        _definitions.TryGetValue(name, out var d) ? d : throw new InvalidOperationException($"no workflow named {name}");

    /// <summary>Starts an instance; false (nothing changed) if the id exists already, so a retried start is harmless.</summary>
    public async Task<(bool Created, WorkflowInstance Instance)> StartAsync(string workflow, string id, JsonNode? input, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var decision = Definition(workflow).Start(id, input, now);
        if (decision.Instance is null) throw new InvalidOperationException(decision.Refusal);
        var instance = Pend(decision.Instance with { CreatedAt = now, LastUpdatedAt = now }, decision.Steps);
        if (!await store.CreateAsync(instance, ct))
            return (false, (await store.ReadAsync(id, ct))!.Instance);
        await EnqueueAsync(instance, decision.Steps, ct);
        return (true, instance);
    }

    public async Task<RaiseOutcome> RaiseAsync(string id, WorkflowEvent e, CancellationToken ct = default)
    {
        for (int attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var stored = await store.ReadAsync(id, ct);
            if (stored is null) return new RaiseOutcome(RaiseResult.NotFound);
            var current = stored.Instance;
            string? completedStep = e.Name.StartsWith("step:", StringComparison.Ordinal) ? e.Name[5..] : null;
            if (completedStep is not null && !current.PendingSteps.Contains(completedStep))
                return new RaiseOutcome(RaiseResult.Refused, $"step {completedStep} is not pending (done already)", current);
            // An ended instance may still have its final steps (notifications) pending; their completion only clears them.
            if (current.IsTerminal && completedStep is null) return new RaiseOutcome(RaiseResult.Gone, $"instance is {current.RuntimeStatus}", current);
            var now = time.GetUtcNow();
            var decision = current.IsTerminal ? WorkflowDecision.To(current)
                : _definitions.TryGetValue(current.Name, out var def) ? def.On(current, e, now)
                : WorkflowDecision.Refuse($"no workflow named {current.Name}");
            if (decision.Instance is null) return new RaiseOutcome(RaiseResult.Refused, decision.Refusal, current);

            var decided = decision.Instance.WithHistory(now, completedStep is null ? "EventRaised" : "StepCompleted", $"{e.Name} by {e.Actor}");
            if (completedStep is not null) decided = decided with { PendingSteps = [.. decided.PendingSteps.Where(s => s != completedStep)] };
            var next = Pend(decided, decision.Steps);
            if (!await store.ReplaceAsync(next, stored.Version, ct)) continue; // someone else moved it; decide again
            await EnqueueAsync(next, decision.Steps, ct);
            return new RaiseOutcome(RaiseResult.Accepted, null, next);
        }
        throw new InvalidOperationException($"workflow {id}: too many concurrent changes");
    }

    /// <summary>
    /// Runs one queued step. A step no longer pending (done already, or the instance failed) is skipped: that is
    /// what makes a redelivered message harmless. On success the step's completion is raised as an event.
    /// </summary>
    public async Task<string> RunStepAsync(WorkflowStep step, IWorkflowStepHandler handler, CancellationToken ct = default)
    {
        var stored = await store.ReadAsync(step.InstanceId, ct);
        if (stored is null) return "instance not found";
        if (!stored.Instance.PendingSteps.Contains(step.Step)) return "already done";
        var payload = await handler.RunAsync(stored.Instance, ct);
        var outcome = await RaiseAsync(step.InstanceId, new WorkflowEvent(WorkflowEvent.StepCompleted(step.Step), payload, "step"), ct);
        return outcome.Result == RaiseResult.Accepted ? "completed" : $"completion not applied: {outcome.Result} {outcome.Refusal}";
    }

    /// <summary>A step that failed its last attempt (poison): the instance fails with the error in its history.</summary>
    public async Task FailAsync(string id, string step, string error, CancellationToken ct = default)
    {
        for (int attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var stored = await store.ReadAsync(id, ct);
            if (stored is null || stored.Instance.IsTerminal) return;
            var now = time.GetUtcNow();
            var failed = stored.Instance.WithHistory(now, "StepFailed", $"{step}: {error}") with
            {
                RuntimeStatus = WorkflowRuntimeStatus.Failed, DueAt = null, PendingSteps = [],
                Output = new JsonObject { ["error"] = $"{step}: {error}" },
            };
            if (await store.ReplaceAsync(failed, stored.Version, ct)) return;
        }
    }

    /// <summary>The timer's job: fire due timeouts, and re-enqueue steps a crash may have lost.</summary>
    public async Task<(int Fired, int Requeued)> SweepAsync(TimeSpan stallAfter, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        int fired = 0, requeued = 0;
        foreach (var id in await store.DueAsync(now, 100, ct))
            if ((await RaiseAsync(id, new WorkflowEvent(WorkflowEvent.Timeout, null, "timer"), ct)).Result == RaiseResult.Accepted) fired++;
        foreach (var id in await store.StalledAsync(now - stallAfter, 100, ct))
        {
            var stored = await store.ReadAsync(id, ct);
            if (stored is null || stored.Instance.PendingSteps.Count == 0) continue;
            // Touch it first (ETag-guarded) so two sweepers do not both re-enqueue; duplicates would be harmless anyway.
            var touched = stored.Instance.WithHistory(now, "StepsRequeued", string.Join(",", stored.Instance.PendingSteps));
            if (!await store.ReplaceAsync(touched, stored.Version, ct)) continue;
            await EnqueueAsync(touched, touched.PendingSteps, ct);
            requeued += touched.PendingSteps.Count;
        }
        return (fired, requeued);
    }

    private static WorkflowInstance Pend(WorkflowInstance i, IReadOnlyList<string> steps) =>
        steps.Count == 0 ? i : i with { PendingSteps = [.. i.PendingSteps.Union(steps)] };

    private async Task EnqueueAsync(WorkflowInstance i, IReadOnlyList<string> steps, CancellationToken ct)
    {
        foreach (var s in steps)
            await queue.EnqueueAsync(new WorkflowStep(i.Id, i.Name, s, $"{i.Id}:{s}:{i.History.Count}"), ct);
    }
}
