using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Reports;
using Alpr.Core.Retention;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Alpr.Retention;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;

namespace Alpr.Reporting;

/// <summary>
/// Gathers a quarter's records from Cosmos, partition by partition where the data is partitioned by day: reads
/// (UTC upload-day partitions from the quarter's first UTC day to <see cref="ReportOptions.LateUploadDays"/> past its
/// end, projected to three fields and streamed into the tally), audit entries (UTC-day partitions, hash chain verified
/// in the same pass). Alerts, workflows, users, holds and purge records are cross-partition scans with a coarse string
/// prefilter where one helps; the exact quarter test is always the core's.
/// </summary>
public sealed class QuarterRecordSource(CosmosDatabase db, CosmosAuditLog auditLog, CosmosHoldStore holds, CosmosPurgeRecords purges,
    OverRetentionReport overRetention, IOptions<ReportOptions> options)
{
    public async Task<QuarterRecords> GatherAsync(Quarter q, RetentionPolicy policy, DateTimeOffset now, string trigger, CancellationToken ct)
    {
        var zone = policy.TimeZone;
        var (start, end) = (q.Start(zone), q.End(zone));
        var tally = await TallyReadsAsync(q, zone, now, ct);
        var (entries, chain) = await AuditAsync(start, end, ct);
        // "Kept past two years" as of the quarter's last day (or now, for a regenerated current view of a past quarter's end).
        var asOf = now < end ? now : end.AddTicks(-1);
        var over = (await overRetention.RunAsync(policy, asOf, ct)).Select(o => new OverRetainedItem(o.ReadId,
            CameraKindText.TryParse(o.CameraKind, out var k) ? k : CameraKind.Fixed, o.CapturedAt, o.AgeDays,
            o.Holds.Select(h => new HoldRef(h.HoldId, h.CaseNumber, h.LegalBasis.ToString(), h.State.ToString())).ToList())).ToList();
        return new QuarterRecords
        {
            Quarter = q, Policy = policy, GeneratedAt = now, Trigger = trigger, Detection = tally,
            PurgeRuns = (await purges.RecentAsync(int.MaxValue, ct)).Where(r => r.StartedAt >= start.AddDays(-1)).ToList(),
            Hits = await HitsAsync(q, zone, ct), Audit = entries, Releases = await ReleasesAsync(ct), Holds = await holds.AllAsync(ct),
            OverRetained = over, Users = await UsersAsync(ct), Chain = chain,
        };
    }

    private async Task<DetectionTally> TallyReadsAsync(Quarter q, TimeZoneInfo zone, DateTimeOffset now, CancellationToken ct)
    {
        var tally = new DetectionTally(q, zone);
        var reads = db.Container(CosmosContainers.Reads);
        var first = DateOnly.FromDateTime(q.Start(zone).UtcDateTime);
        var last = DateOnly.FromDateTime(q.End(zone).UtcDateTime).AddDays(options.Value.LateUploadDays);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        for (var day = first; day <= last && day <= today; day = day.AddDays(1))
        {
            string pk = CosmosReadStore.PartitionFor(day);
            var query = new QueryDefinition("SELECT c.cameraId, c.cameraKind, c.capturedAt FROM c WHERE c.pk = @pk AND c.docType = @t")
                .WithParameter("@pk", pk).WithParameter("@t", CosmosReadStore.DocType);
            await foreach (var doc in QuarterQueries.AllAsync(reads, query, pk, ct))
                tally.Add((string)doc["cameraId"]!, CameraKindText.TryParse((string?)doc["cameraKind"], out var kind) ? kind : CameraKind.Fixed,
                    doc["capturedAt"]!.GetValue<DateTimeOffset>());
        }
        return tally;
    }

    private async Task<(IReadOnlyList<AuditEntry>, ChainCheck)> AuditAsync(DateTimeOffset start, DateTimeOffset end, CancellationToken ct)
    {
        var entries = new List<AuditEntry>();
        ChainBreak? broken = null;
        int days = 0;
        long total = 0;
        for (var d = DateOnly.FromDateTime(start.UtcDateTime); d <= DateOnly.FromDateTime(end.AddTicks(-1).UtcDateTime); d = d.AddDays(1))
        {
            string day = d.ToString("yyyy-MM-dd");
            var list = await auditLog.ReadDayAsync(day, ct);
            days++;
            total += list.Count;
            broken ??= AuditChain.Verify(day, list);
            entries.AddRange(list.Where(e => e.At >= start && e.At < end));
        }
        return (entries, new ChainCheck(broken is null, days, total, broken?.ToString()));
    }

    private async Task<IReadOnlyList<HitAlert>> HitsAsync(Quarter q, TimeZoneInfo zone, CancellationToken ct)
    {
        var (low, high) = q.PrefilterRange(zone);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.docType = @t AND c.capturedAt >= @low AND c.capturedAt < @high")
            .WithParameter("@t", CosmosAlertStore.DocType).WithParameter("@low", low).WithParameter("@high", high);
        var hits = new List<HitAlert>();
        await foreach (var doc in QuarterQueries.AllAsync(db.Container(CosmosContainers.Alerts), query, null, ct))
        {
            var hit = CosmosJson.FromDocument<HitAlert>(doc);
            if (q.Contains(hit.CapturedAt, zone)) hits.Add(hit);
        }
        return hits;
    }

    private async Task<IReadOnlyList<ReleaseFact>> ReleasesAsync(CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.docType = @t AND c.name = @n")
            .WithParameter("@t", CosmosWorkflowStore.DocType).WithParameter("@n", Core.Releases.ReleaseWorkflow.WorkflowName);
        var list = new List<ReleaseFact>();
        await foreach (var doc in QuarterQueries.AllAsync(db.Container(CosmosContainers.Workflows), query, null, ct))
            if (ReleaseFact.From(CosmosJson.FromDocument<WorkflowInstance>(doc)) is { } fact) list.Add(fact);
        return list;
    }

    private async Task<IReadOnlyList<AlprUser>> UsersAsync(CancellationToken ct)
    {
        var query = new QueryDefinition("SELECT * FROM c WHERE c.docType = @t").WithParameter("@t", "user");
        var list = new List<AlprUser>();
        await foreach (var doc in QuarterQueries.AllAsync(db.Container(CosmosContainers.Users), query, null, ct))
            list.Add(CosmosJson.FromDocument<AlprUser>(doc));
        return list;
    }
}
