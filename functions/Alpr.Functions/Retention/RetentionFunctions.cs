using Alpr.Functions.Hosting;
using Alpr.Retention;

namespace Alpr.Functions.Retention;

/// <summary>Timer (daily, shortly after midnight Pacific): the retention purge.</summary>
public sealed class RetentionPurgeFunction(PurgeExecutor purge) : IFunctionHandler
{
    public string Name => "RetentionPurge";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        try
        {
            var run = await purge.RunAsync("timer", ct: ct);
            return new InvocationResponse
            {
                Logs = [$"purge {run.RunId} {run.Status}: {run.DeletedReads} reads, {run.DeletedBlobs} blobs deleted, {run.SkippedHeld} held kept, {run.Failed} failed"],
                ReturnValue = new { run.RunId, status = run.Status.ToString(), run.DeletedReads, run.Failed },
            };
        }
        catch (PurgeExecutor.LeaseHeldException)
        {
            return new InvocationResponse { Logs = ["another purge run is in progress; skipped"] };
        }
    }
}
