using Alpr.Core.Cameras;
using Alpr.Core.Retention;
using Alpr.Core.Retention.Holds;
using Alpr.Cosmos;
using Microsoft.Azure.Cosmos;

namespace Alpr.Retention;

/// <summary>One read kept past the longest retention period, with the holds that explain it (or none: a finding).</summary>
public sealed record OverRetainedRead(string ReadId, string CameraKind, DateTimeOffset CapturedAt, int AgeDays,
    IReadOnlyList<OverRetentionHold> Holds, string Reason);

public sealed record OverRetentionHold(string HoldId, string CaseNumber, LegalBasis LegalBasis, HoldState State, DateTimeOffset? NextReviewAt);

/// <summary>
/// For the quarterly audit (Palm Springs 430.9(e)): every read older than the policy's longest period (two
/// years) and the hold keeping it. No plate text: the auditor follows the read id if they need more.
/// </summary>
public sealed class OverRetentionReport(CosmosDatabase db, CosmosHoldStore holds, CosmosHoldIndex index)
{
    private readonly DocumentStore _reads = new(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);

    public async Task<IReadOnlyList<OverRetainedRead>> RunAsync(RetentionPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        var cutoff = RetentionClock.CutoffForDays(policy.LongestDays, now, policy.TimeZone);
        var q = new QueryDefinition("SELECT c.id, c.pk, c.cameraKind, c.capturedAt, c.imageBlob, c.cropBlob, c.holds FROM c WHERE c.docType = @t AND c.capturedAt < @bound")
            .WithParameter("@t", CosmosReadStore.DocType).WithParameter("@bound", PurgePlanner.PrefilterBound(cutoff));
        var holdsById = (await holds.AllAsync(ct)).ToDictionary(h => h.HoldId);
        var heldBy = new Dictionary<string, List<string>>();
        foreach (var h in holdsById.Values.Where(h => h.State != HoldState.Released))
            foreach (var r in await index.ForHoldAsync(h.HoldId, ct))
                (heldBy.TryGetValue(r.ReadId, out var l) ? l : heldBy[r.ReadId] = []).Add(h.HoldId);

        var report = new List<OverRetainedRead>();
        await foreach (var doc in _reads.QueryDocumentsAsync(q, ct: ct))
        {
            var c = PurgeCandidateSource.ToCandidate(doc);
            var kind = c.CameraKind;
            if (c.CapturedAt >= cutoff) continue;
            var ids = c.Holds.Concat(heldBy.GetValueOrDefault(c.ReadId) ?? []).Distinct().ToList();
            var explained = ids.Where(holdsById.ContainsKey).Select(id => holdsById[id])
                .Select(h => new OverRetentionHold(h.HoldId, h.CaseNumber, h.LegalBasis, h.State, h.NextReviewAt)).ToList();
            string reason = explained.Count > 0
                ? "evidence hold: " + string.Join("; ", explained.Select(h => $"{h.CaseNumber} ({h.LegalBasis})"))
                : "NO HOLD: should have been purged — check purge records";
            report.Add(new OverRetainedRead(c.ReadId, kind.ToWire(), c.CapturedAt, RetentionClock.AgeInDays(c.CapturedAt, now, policy.TimeZone), explained, reason));
        }
        return report.OrderBy(r => r.CapturedAt).ToList();
    }
}
