using Alpr.Core.Workflows;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Workflows;

/// <summary>
/// Runs one delivered step with the retry rule: an exception is rethrown (the queue redelivers) until the
/// attempt count reaches MaxAttempts, then the step is poison: the instance fails with the error in history.
/// Shared by the queue-trigger function and the standalone loop.
/// </summary>
public sealed class WorkflowStepRunner(WorkflowEngine engine, IEnumerable<IWorkflowStepHandler> handlers, IOptions<WorkflowOptions> options,
    ILogger<WorkflowStepRunner> log)
{
    /// <returns>What happened, for logs; throws when the step should be retried.</returns>
    public async Task<string> RunAsync(WorkflowStep step, long attempt, CancellationToken ct)
    {
        var handler = handlers.FirstOrDefault(h => h.Workflow == step.Workflow && h.Step == step.Step);
        if (handler is null)
        {
            await engine.FailAsync(step.InstanceId, step.Step, "no handler for this step", ct);
            return $"{step.IdempotencyKey}: no handler; instance failed";
        }
        try
        {
            return $"{step.IdempotencyKey}: {await engine.RunStepAsync(step, handler, ct)}";
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogError(e, "{Key}: attempt {Attempt} failed", step.IdempotencyKey, attempt);
            if (attempt < options.Value.MaxAttempts) throw;
            await engine.FailAsync(step.InstanceId, step.Step, $"{e.GetType().Name}: {e.Message} (after {attempt} attempts)", ct);
            return $"{step.IdempotencyKey}: poison after {attempt} attempts; instance failed";
        }
    }
}
