using System.Text.Json.Nodes;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;
using Alpr.Core.Workflows;

namespace Alpr.Retention.Holds;

/// <summary>
/// mark-held: the hold index entry of every read (the purge's authority; the placing request wrote them already,
/// this repeats it for a request that died part-way), then the <c>holds</c> marker on each read document.
/// </summary>
public sealed class MarkHeldStep(CosmosHoldIndex index, ReadHoldMarkers markers, IAuditLog audit, TimeProvider time) : HoldStepHandler(audit, time)
{
    protected override HoldStep Kind => HoldStep.MarkHeld;

    protected override async Task<(string, JsonObject?)> DoAsync(WorkflowInstance instance, HoldFile file, CancellationToken ct)
    {
        await HoldIndexWriter.AddAllAsync(index, instance.Id, file.Reads, ct);
        int marked = 0;
        await HoldIndexWriter.EachAsync(file.Reads, async (r, token) => { if (await markers.SetAsync(r, instance.Id, held: true, token)) Interlocked.Increment(ref marked); }, ct);
        string gone = marked < file.Reads.Count ? $"; {file.Reads.Count - marked} read documents no longer exist" : "";
        return ($"{file.Reads.Count} reads indexed, {marked} documents marked{gone}", null);
    }
}

/// <summary>Per-read hold work with bounded concurrency: a hold may cover thousands of reads, and a step should stay short.</summary>
public static class HoldIndexWriter
{
    public const int Concurrency = 16;

    public static Task EachAsync(IEnumerable<HeldReadRef> reads, Func<HeldReadRef, CancellationToken, Task> work, CancellationToken ct) =>
        Parallel.ForEachAsync(reads, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = ct }, async (r, token) => await work(r, token));

    public static Task AddAllAsync(CosmosHoldIndex index, string holdId, IEnumerable<HeldReadRef> reads, CancellationToken ct) =>
        EachAsync(reads, (r, token) => index.AddAsync(new CosmosHoldIndex.HeldRead(holdId, r.ReadId, r.Partition), token), ct);
}
