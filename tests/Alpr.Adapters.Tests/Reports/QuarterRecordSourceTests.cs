using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Reads;
using Alpr.Core.Releases;
using Alpr.Core.Reports;
using Alpr.Core.Retention;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Alpr.Reporting;
using Alpr.Retention;
using Alpr.Testing;
using Microsoft.Extensions.Options;

namespace Alpr.Adapters.Tests.Reports;

/// <summary>Gathering 2026Q1 (spring-forward inside) from the local Cosmos server, partition by partition.</summary>
public class QuarterRecordSourceTests
{
    private static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);
    private static readonly Quarter Q = new(2026, 1);
    private static readonly DateTimeOffset Now = new(2026, 4, 20, 12, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset Local(int m, int d, int h, int min = 0)
    {
        var local = new DateTime(2026, m, d, h, min, 0);
        return new DateTimeOffset(local, Pacific.GetUtcOffset(local));
    }

    private static async Task<PlateRead> ReadAsync(CosmosDatabase db, string camera, CameraKind kind, DateTimeOffset capturedAt, DateOnly uploadDay)
    {
        string id = Guid.NewGuid().ToString("N");
        var read = new PlateRead
        {
            Id = id + "-0", CaptureId = id, CameraId = camera, CameraKind = kind, CapturedAt = capturedAt, ProcessedAt = capturedAt, Plate = "7ABC123",
            Confidence = 0.9, Engine = "test", ImageBlob = $"captures/{camera}/{uploadDay:yyyy}/{uploadDay:MM}/{uploadDay:dd}/{id}.jpg",
        };
        await new CosmosReadStore(db).UpsertAsync(read);
        return read;
    }

    private static QuarterRecordSource Source(CosmosDatabase db) => new(db, new CosmosAuditLog(db), new CosmosHoldStore(db), new CosmosPurgeRecords(db),
        new OverRetentionReport(db, new CosmosHoldStore(db), new CosmosHoldIndex(db)), Options.Create(new ReportOptions()));

    [Fact]
    public async Task Reads_are_counted_by_capture_time_across_upload_partitions_with_late_backlogs()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        // Stored as written (local offsets kept, as the pipeline does): first instant of the quarter, and a read on the 23-hour day.
        await ReadAsync(db, "cam-f", CameraKind.Fixed, Local(1, 1, 0, 0), new DateOnly(2026, 1, 1));
        await ReadAsync(db, "cam-f", CameraKind.Fixed, Local(3, 8, 3, 30), new DateOnly(2026, 3, 8));
        // A mobile backlog: captured 03-31 23:50 PDT, uploaded ten days after the quarter (partition 04-10): counted.
        await ReadAsync(db, "car-7", CameraKind.Mobile, Local(3, 31, 23, 50), new DateOnly(2026, 4, 10));
        // Not in Q1: captured 12-31 23:59 PST but stored in 01-01's partition; captured 04-01 00:00 PDT.
        await ReadAsync(db, "cam-f", CameraKind.Fixed, new DateTimeOffset(2025, 12, 31, 23, 59, 0, TimeSpan.FromHours(-8)), new DateOnly(2026, 1, 1));
        await ReadAsync(db, "cam-f", CameraKind.Fixed, Local(4, 1, 0, 0), new DateOnly(2026, 4, 1));

        var records = await Source(db).GatherAsync(Q, RetentionPresets.PalmSprings, Now, "test", default);
        var t = records.Detection;
        Assert.Equal(2, t.PerCamera[("cam-f", CameraKind.Fixed)]);
        Assert.Equal(1, t.PerCamera[("car-7", CameraKind.Mobile)]);
        Assert.Equal(3, t.PerDay.Values.Sum());
        Assert.Equal(1, t.PerDay[(new DateOnly(2026, 3, 31), CameraKind.Mobile)]);
        Assert.Equal(1, t.PerDay[(new DateOnly(2026, 3, 8), CameraKind.Fixed)]);
    }

    [Fact]
    public async Task Hits_entries_releases_purges_and_users_come_back_and_an_edited_entry_breaks_the_chain()
    {
        using var db = await LocalCosmos.NewDatabaseAsync();
        var alerts = new CosmosAlertStore(db);
        foreach (var (id, at) in new[] { ("in", Local(2, 1, 9)), ("edge", Local(3, 31, 23, 59)), ("out", Local(4, 1, 0, 1)) })
            await alerts.CreateIfAbsentAsync(new HitAlert
            {
                Id = id, ReadId = "r-" + id, CameraId = "cam", CapturedAt = at, Plate = "7ABC123", EntryId = "e", EntryPlate = "7ABC123", ListId = "ncic",
                MatchKind = "exact", MatchConfidence = 1, Priority = 1, RaisedAt = at, Status = AlertStatus.Confirmed,
            });
        var log = new CosmosAuditLog(db);
        foreach (var at in new[] { Local(2, 3, 9), Local(2, 3, 10), Local(3, 30, 9), Local(4, 1, 1) })
            await log.AppendAsync(new AuditEntry { Id = "x", At = at.ToUniversalTime(), ActorType = "user", ActorId = "u1", ActorRole = "Officer", Action = "reads.search", Outcome = AuditOutcome.Allowed, CaseNumber = "26-1" });
        await new CosmosPurgeRecords(db).SaveAsync(new PurgeRecord
        {
            RunId = "purge-1", Trigger = "timer", Policy = "palm-springs", PolicyCitation = "430.8", Cutoffs = new(), StartedAt = Local(2, 10, 2), Status = PurgeRunStatus.Completed,
            DeletedReads = 4, DeletedBySourceAndDay = new() { ["fixed/2026-02-09"] = 4 },
        }, default);
        var file = new ReleaseFile(new ReleaseRequest
        {
            Agency = new RequestingAgency("Indio PD", AgencyType.LocalLawEnforcement, "CA"), Person = new RequestingPerson("Det. A", "a@x"), Purpose = ReleasePurpose.CriminalInvestigation,
            PurposeDetail = "robbery", CaseNumber = "26-1", Scope = new ReleaseScope(["7ABC123"]), LegalBasis = new LegalBasis(LegalBasisKind.None), DeliveryContact = "a@x",
        }, "u1", Local(2, 5, 9), new PolicyDecision(PolicyOutcome.NeedsApproval, "law-enforcement-request", "..."), ["captain"]);
        await new CosmosWorkflowStore(db).CreateAsync(new WorkflowInstance
        {
            Id = "rel-1", Name = ReleaseWorkflow.WorkflowName, State = "awaiting-approval", Input = ReleaseJson.ToNode(file), RuntimeStatus = WorkflowRuntimeStatus.Running,
        });
        await new CosmosUserDirectory(db).UpsertAsync(new AlprUser { Id = "u1", Name = "U", Role = Role.Officer });

        var records = await Source(db).GatherAsync(Q, RetentionPresets.PalmSprings, Now, "test", default);
        Assert.Equal(["edge", "in"], records.Hits.Select(h => h.Id).Order());
        Assert.Equal(3, records.Audit.Count); // the 04-01 entry is Q2
        Assert.True(records.Chain.Intact);
        Assert.Equal(91, records.Chain.Days); // UTC days 01-01 .. 04-01: the quarter ends 04-01 07:00 UTC
        Assert.Equal(ReleaseFact.Pending, Assert.Single(records.Releases).Outcome);
        Assert.Equal("purge-1", Assert.Single(records.PurgeRuns).RunId);
        Assert.Equal("u1", Assert.Single(records.Users).Id);

        // Someone edits an entry in place: the gathered chain check names it.
        var day = AuditChain.DayOf(Local(2, 3, 9));
        var entry = (await log.ReadDayAsync(day)).OrderBy(e => e.Seq).First();
        await log.Documents.UpsertAsync(entry with { CaseNumber = "26-9" }, entry.Id, day);
        var after = await Source(db).GatherAsync(Q, RetentionPresets.PalmSprings, Now, "test", default);
        Assert.False(after.Chain.Intact);
        Assert.Contains("edited", after.Chain.FirstBreak);
        Assert.Contains(Finding.AuditChainBroken, QuarterReportBuilder.Build(after, 1).Findings.Select(f => f.Kind));
    }
}
