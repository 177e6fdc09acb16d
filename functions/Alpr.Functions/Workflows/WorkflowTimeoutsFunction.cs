using Alpr.Core.Workflows;
using Alpr.Functions.Hosting;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Workflows;

/// <summary>Timer (every minute): fires due workflow timeouts and re-enqueues steps a crash may have lost.</summary>
public sealed class WorkflowTimeoutsFunction(WorkflowEngine engine, IOptions<WorkflowOptions> options) : IFunctionHandler
{
    public string Name => "WorkflowTimeouts";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        var (fired, requeued) = await engine.SweepAsync(options.Value.StallAfter, ct);
        return new InvocationResponse { Logs = [$"{fired} timeout(s) fired, {requeued} step(s) re-enqueued"], ReturnValue = new { fired, requeued } };
    }
}
