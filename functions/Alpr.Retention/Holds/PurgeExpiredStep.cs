using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Retention;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Retention.Holds;

/// <summary>
/// purge-expired: the released reads already past retention (and under no other hold) are purged now, with a
/// purge record of their own. A run that could not check holds throws (the step is retried); single reads that
/// failed are named in that record and the daily purge retries them, as for any purge.
/// </summary>
public sealed class PurgeExpiredStep(PurgeExecutor purge, IAuditLog audit, TimeProvider time) : HoldStepHandler(audit, time)
{
    protected override HoldStep Kind => HoldStep.PurgeExpired;

    protected override async Task<(string, JsonObject?)> DoAsync(WorkflowInstance instance, HoldFile file, CancellationToken ct)
    {
        var run = await purge.PurgeReadsAsync(instance.Id, file.Reads, ct);
        if (run.Status == PurgeRunStatus.Failed)
            throw new InvalidOperationException($"purge {run.RunId} failed ({string.Join("; ", run.Errors.Take(3))}); the step will be retried");
        string failed = run.Failed > 0 ? $", {run.Failed} failed (left for the daily purge)" : "";
        return ($"purge run {run.RunId}: {run.DeletedReads} reads past retention deleted, {run.SkippedHeld} still held by other holds{failed}",
            new JsonObject { ["runId"] = run.RunId, ["deletedReads"] = run.DeletedReads, ["skippedHeld"] = run.SkippedHeld, ["failed"] = run.Failed });
    }
}
