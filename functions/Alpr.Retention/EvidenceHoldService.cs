using System.Text.Json;
using Alpr.Core.Audit;
using Alpr.Core.Events;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Microsoft.Extensions.Options;

namespace Alpr.Retention;

/// <summary>
/// Runs the evidence-hold workflow. Each step is idempotent, audited, and followed by an ETag-checked save of
/// the instance document; a crash between steps leaves the next step recorded, and <see cref="ResumeAllAsync"/>
/// (timer) or any later call continues from it. A lost ETag race means another worker advanced it: we stop.
/// </summary>
public sealed class EvidenceHoldService(
    CosmosHoldStore store, CosmosHoldIndex index, ReadHoldMarkers markers, EvidenceStore evidence, PurgeExecutor purge,
    IAuditLog audit, IEventPublisher events, IOptions<RetentionOptions> options, TimeProvider time)
{
    public const string PlacedEvent = "Alpr.EvidenceHold.Placed";
    public const string ReviewDueEvent = "Alpr.EvidenceHold.ReviewDue";
    public const string ReleasedEvent = "Alpr.EvidenceHold.Released";

    public async Task<EvidenceHold> CreateAsync(string caseNumber, LegalBasis basis, IReadOnlyList<HeldReadRef> reads, string placedBy, string caseOwner, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hold = new EvidenceHold
        {
            HoldId = "hold-" + Guid.CreateVersion7().ToString("N"), CaseNumber = caseNumber, LegalBasis = basis, Reads = reads,
            PlacedBy = placedBy, CaseOwner = caseOwner, CreatedAt = now, History = [new HoldHistoryEntry(now, "placed", $"{reads.Count} reads by {placedBy}")],
        };
        await store.CreateAsync(hold, ct);
        return hold;
    }

    /// <summary>Runs steps until done, or until <paramref name="stopAfter"/> (tests: simulate a crash between steps).</summary>
    public async Task<EvidenceHold?> AdvanceAsync(string holdId, HoldStep? stopAfter = null, CancellationToken ct = default)
    {
        while (true)
        {
            var current = await store.GetAsync(holdId, ct);
            if (current is null) return null;
            var hold = current.Value;
            if (hold.NextStep == HoldStep.Done) return hold;
            var step = hold.NextStep;
            string detail;
            (hold, detail) = await RunStepAsync(hold, step, ct);
            var now = time.GetUtcNow();
            var next = hold with
            {
                NextStep = HoldWorkflow.After(step), State = HoldWorkflow.StateAfter(hold, step),
                History = [.. hold.History, new HoldHistoryEntry(now, StepName(step), detail)],
            };
            await AuditAsync(next, "hold." + StepName(step), detail, ct);
            if (!await store.ReplaceAsync(next, current.ETag, ct)) return (await store.GetAsync(holdId, ct))?.Value;
            if (step == stopAfter) return next;
        }
    }

    private static string StepName(HoldStep s) => JsonNamingPolicy.KebabCaseLower.ConvertName(s.ToString());

    private async Task<(EvidenceHold, string)> RunStepAsync(EvidenceHold hold, HoldStep step, CancellationToken ct)
    {
        switch (step)
        {
            case HoldStep.MarkHeld:
            {
                int marked = 0;
                foreach (var r in hold.Reads)
                {
                    await index.AddAsync(new CosmosHoldIndex.HeldRead(hold.HoldId, r.ReadId, r.Partition), ct); // index first: the purge's authority
                    if (await markers.SetAsync(r, hold.HoldId, held: true, ct)) marked++;
                }
                return (hold, $"{hold.Reads.Count} reads indexed, {marked} documents marked");
            }
            case HoldStep.CopyEvidence:
            {
                var items = new List<(string, byte[], IReadOnlyList<string>)>();
                foreach (var r in hold.Reads)
                {
                    var doc = await markers.GetAsync(r, ct);
                    if (doc is null) continue;
                    foreach (var system in new[] { "_etag", "_rid", "_self", "_ts", "_attachments" }) doc.Remove(system);
                    var blobs = new[] { (string?)doc["imageBlob"], (string?)doc["cropBlob"] }.OfType<string>().ToList();
                    items.Add((r.ReadId, JsonSerializer.SerializeToUtf8Bytes(doc), blobs));
                }
                var (manifest, sha) = await evidence.WritePackageAsync(hold, items, ct);
                return (hold with { ManifestBlob = manifest, ManifestSha256 = sha }, $"{items.Count} reads copied; manifest sha256 {sha}");
            }
            case HoldStep.ScheduleReview:
            {
                var due = time.GetUtcNow() + options.Value.HoldReviewInterval;
                return (hold with { NextReviewAt = due }, $"review due {due:O}");
            }
            case HoldStep.NotifyOwner:
                await PublishAsync(hold, PlacedEvent, ct);
                return (hold, $"case owner {hold.CaseOwner} notified");
            case HoldStep.Unmark:
            {
                foreach (var r in hold.Reads)
                {
                    await markers.SetAsync(r, hold.HoldId, held: false, ct); // marker first, index last: held until both are gone
                    await index.RemoveAsync(new CosmosHoldIndex.HeldRead(hold.HoldId, r.ReadId, r.Partition), ct);
                }
                return (hold, $"{hold.Reads.Count} reads released to normal retention");
            }
            case HoldStep.PurgeExpired:
            {
                var run = await purge.PurgeReadsAsync("hold-release:" + hold.HoldId, hold.Reads, ct);
                if (run.Status is not (Core.Retention.PurgeRunStatus.Completed))
                    throw new InvalidOperationException($"purge {run.RunId} ended {run.Status}; the release step will be retried");
                await PublishAsync(hold, ReleasedEvent, ct);
                return (hold, $"purge run {run.RunId}: {run.DeletedReads} reads past retention deleted, {run.SkippedHeld} still held by other holds");
            }
            default:
                return (hold, "nothing to do");
        }
    }

    public async Task<EvidenceHold?> ReleaseAsync(string holdId, string by, string reason, CancellationToken ct)
    {
        var current = await store.GetAsync(holdId, ct) ?? throw new KeyNotFoundException(holdId);
        var releasing = HoldWorkflow.BeginRelease(current.Value, by, reason, time.GetUtcNow());
        if (releasing is null || !await store.ReplaceAsync(releasing, current.ETag, ct)) return null;
        return await AdvanceAsync(holdId, ct: ct);
    }

    /// <summary>Timer: continues every workflow left mid-way (crash, restart).</summary>
    public async Task<int> ResumeAllAsync(CancellationToken ct)
    {
        int n = 0;
        foreach (var h in await store.UnfinishedAsync(ct)) { await AdvanceAsync(h.HoldId, ct: ct); n++; }
        return n;
    }

    /// <summary>Timer: the 90-day review — notifies the case owner and schedules the next review.</summary>
    public async Task<int> ReviewDueAsync(CancellationToken ct)
    {
        int n = 0;
        var now = time.GetUtcNow();
        foreach (var h in await store.AllAsync(ct))
        {
            if (h.State != HoldState.Active || h.NextReviewAt is not { } due || due > now) continue;
            var current = await store.GetAsync(h.HoldId, ct);
            if (current is null) continue;
            var next = current.Value with
            {
                NextReviewAt = due + options.Value.HoldReviewInterval,
                History = [.. current.Value.History, new HoldHistoryEntry(now, "review-due", $"case owner {h.CaseOwner} asked to confirm or release")],
            };
            await PublishAsync(next, ReviewDueEvent, ct);
            await AuditAsync(next, "hold.review-due", null, ct);
            if (await store.ReplaceAsync(next, current.ETag, ct)) n++;
        }
        return n;
    }

    private Task PublishAsync(EvidenceHold hold, string type, CancellationToken ct) =>
        events.PublishAsync([new AlprEvent($"{hold.HoldId}-{type}-{hold.History.Count}", type, $"holds/{hold.HoldId}", time.GetUtcNow(),
            new { holdId = hold.HoldId, caseNumber = hold.CaseNumber, caseOwner = hold.CaseOwner, state = hold.State.ToString(), reads = hold.Reads.Count, nextReviewAt = hold.NextReviewAt })], ct);

    private Task AuditAsync(EvidenceHold hold, string action, string? detail, CancellationToken ct) =>
        audit.AppendAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7().ToString("N"), At = time.GetUtcNow(), ActorType = "system", ActorId = "evidence-hold-workflow",
            Action = action, Outcome = AuditOutcome.Allowed, Target = hold.HoldId, CaseNumber = hold.CaseNumber, ResultCount = hold.Reads.Count, Detail = detail,
        }, ct);
}
