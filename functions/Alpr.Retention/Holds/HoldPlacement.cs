using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Retention.Holds;

/// <summary>
/// Places a hold: starts its workflow, then writes the hold index entries at once, before the request is
/// answered, so the reads are out of the purge's reach from the moment the supervisor is told the hold exists
/// (the mark-held step writes them again, idempotently, and adds the read markers; if this request dies after the
/// start, that step still protects them).
/// </summary>
public sealed class HoldPlacement(WorkflowEngine engine, CosmosHoldIndex index)
{
    public static string NewHoldId() => "hold-" + Guid.CreateVersion7().ToString("N");

    public async Task<WorkflowInstance> PlaceAsync(string holdId, HoldFile file, CancellationToken ct)
    {
        var (_, instance) = await engine.StartAsync(EvidenceHoldWorkflow.WorkflowName, holdId, WorkflowJson.ToNode(file), ct);
        await HoldIndexWriter.AddAllAsync(index, holdId, file.Reads, ct);
        return instance;
    }
}
