using Alpr.Functions.Standalone;
using Alpr.Storage;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Workflows;

/// <summary>Standalone queue trigger: drains "workflow-steps" and runs each through the same runner as the function.</summary>
public sealed class WorkflowStepLoop(WorkflowStepQueue queue, WorkflowStepRunner runner, IOptions<WorkflowOptions> options,
    IOptions<StandaloneOptions> standalone, ILogger<WorkflowStepLoop> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<WorkflowStepMessage> batch;
            try { batch = await queue.ReceiveAsync(16, options.Value.Lease, stoppingToken); }
            catch (OperationCanceledException) { break; }
            catch (Exception e) { log.LogWarning(e, "workflow step queue unavailable"); await Delay(TimeSpan.FromSeconds(2), stoppingToken); continue; }

            foreach (var m in batch)
            {
                try
                {
                    log.LogInformation("{Result}", await runner.RunAsync(m.Step, m.DequeueCount, stoppingToken));
                    await queue.CompleteAsync(m, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { break; }
                catch (Exception) { /* logged by the runner; the lease lapses and the step comes back */ }
            }
            if (batch.Count == 0) await Delay(standalone.Value.PollInterval, stoppingToken);
        }
    }

    private static async Task Delay(TimeSpan d, CancellationToken ct)
    {
        try { await Task.Delay(d, ct); } catch (OperationCanceledException) { }
    }
}
