using System.Text.Json;
using Alpr.Functions.Hosting;
using Alpr.Storage;

namespace Alpr.Functions.Workflows;

/// <summary>
/// Queue trigger on "workflow-steps". The host passes the message under Data.step and the attempt number as
/// Metadata.DequeueCount; throwing makes the host retry (its own poison limit should match MaxAttempts).
/// </summary>
public sealed class WorkflowStepsFunction(WorkflowStepRunner runner) : IFunctionHandler
{
    public string Name => "WorkflowSteps";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        if (!request.Data.TryGetValue("step", out var raw)) throw new InvalidOperationException("invocation has no Data.step");
        string json = raw.ValueKind == JsonValueKind.String ? raw.GetString()! : raw.GetRawText();
        var step = WorkflowStepQueue.Parse(json) ?? throw new InvalidOperationException("Data.step is not a workflow step");
        long attempt = long.TryParse(request.MetadataString("DequeueCount"), out var n) ? n : 1;
        string result = await runner.RunAsync(step, attempt, ct);
        return new InvocationResponse { Logs = [result], ReturnValue = new { result } };
    }
}
