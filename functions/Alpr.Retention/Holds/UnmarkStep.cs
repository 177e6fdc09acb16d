using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Retention.Holds;

/// <summary>unmark: the read markers first, the index entries last, so a read stays held until both are gone.</summary>
public sealed class UnmarkStep(CosmosHoldIndex index, ReadHoldMarkers markers, IAuditLog audit, TimeProvider time) : HoldStepHandler(audit, time)
{
    protected override HoldStep Kind => HoldStep.Unmark;

    protected override async Task<(string, JsonObject?)> DoAsync(WorkflowInstance instance, HoldFile file, CancellationToken ct)
    {
        await HoldIndexWriter.EachAsync(file.Reads, async (r, token) =>
        {
            await markers.SetAsync(r, instance.Id, held: false, token);
            await index.RemoveAsync(new CosmosHoldIndex.HeldRead(instance.Id, r.ReadId, r.Partition), token);
        }, ct);
        return ($"{file.Reads.Count} reads released to normal retention", null);
    }
}
