using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Reports;
using Alpr.Core.Retention;
using Alpr.Core.Retention.Holds;

namespace Alpr.Core.Tests.Reports;

/// <summary>
/// A hand-made 2026Q4 (with the fall-back day) for Palm Springs: every record is written out here and the expected
/// figures are counted by hand in the comments, so the tests compare the report with the seed, not with itself.
/// </summary>
public static class SeededQuarter
{
    public static readonly TimeZoneInfo Pacific = TimeZoneInfo.FindSystemTimeZoneById(RetentionPresets.PacificTime);
    public static readonly Quarter Q = new(2026, 4);
    public static readonly DateTimeOffset GeneratedAt = new(2027, 1, 1, 9, 0, 0, TimeSpan.Zero); // 01:00 PST on 01-01
    public const ulong Seed = 0x5eed_0f_2026_04UL;

    /// <summary>Local wall-clock time in the agency as an instant.</summary>
    public static DateTimeOffset Local(int y, int m, int d, int h, int min = 0)
    {
        var local = new DateTime(y, m, d, h, min, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Pacific.GetUtcOffset(local)).ToUniversalTime();
    }

    public static QuarterRecords Records()
    {
        var tally = new DetectionTally(Q, Pacific);
        // Stored reads: cam-a fixed 3 on 10-01 (from the quarter's first instant), 2 on 11-01 (the 25-hour day, one in each 01:30);
        // cam-b mobile 4 on 12-31 at 23:30 PST (07:30 UTC on 01-01, still Q4).
        tally.Add("cam-a", CameraKind.Fixed, Local(2026, 10, 1, 0, 0));
        tally.Add("cam-a", CameraKind.Fixed, Local(2026, 10, 1, 0, 30));
        tally.Add("cam-a", CameraKind.Fixed, Local(2026, 10, 1, 23, 59));
        tally.Add("cam-a", CameraKind.Fixed, new DateTimeOffset(2026, 11, 1, 8, 30, 0, TimeSpan.Zero));  // 01:30 PDT
        tally.Add("cam-a", CameraKind.Fixed, new DateTimeOffset(2026, 11, 1, 9, 30, 0, TimeSpan.Zero));  // 01:30 PST
        for (int i = 0; i < 4; i++) tally.Add("cam-b", CameraKind.Mobile, Local(2026, 12, 31, 23, 30));
        // Outside: one second before the quarter, exactly at its end.
        tally.Add("cam-a", CameraKind.Fixed, Local(2026, 10, 1, 0, 0).AddSeconds(-1));
        tally.Add("cam-b", CameraKind.Mobile, new DateTimeOffset(2027, 1, 1, 8, 0, 0, TimeSpan.Zero));

        return new QuarterRecords
        {
            Quarter = Q, Policy = RetentionPresets.PalmSprings, GeneratedAt = GeneratedAt, Trigger = "test", Detection = tally,
            PurgeRuns = PurgeRuns, Hits = Hits, Audit = Audit, Releases = Releases, Holds = Holds, OverRetained = OverRetained, Users = Users,
            Chain = new ChainCheck(true, 93, Audit.Count, null),
        };
    }

    // Purged: fixed 6 on 10-02, mobile 1 on 12-30 (10 on 09-30 belong to Q3 and are not counted). One run had errors.
    public static readonly IReadOnlyList<PurgeRecord> PurgeRuns =
    [
        Purge("purge-1", Local(2026, 10, 20, 2, 15), PurgeRunStatus.Completed, deleted: 16, failed: 0,
            new() { ["fixed/2026-10-02"] = 6, ["fixed/2026-09-30"] = 10 }),
        Purge("purge-2", Local(2026, 12, 31, 2, 15), PurgeRunStatus.CompletedWithErrors, deleted: 1, failed: 2, new() { ["mobile/2026-12-30"] = 1 }),
        Purge("purge-old", Local(2026, 9, 30, 2, 15), PurgeRunStatus.Completed, deleted: 3, failed: 0, new() { ["fixed/2026-09-01"] = 3 }),
    ];

    private static PurgeRecord Purge(string id, DateTimeOffset at, PurgeRunStatus status, long deleted, long failed, Dictionary<string, long> byDay) => new()
    {
        RunId = id, Trigger = "timer", Policy = "palm-springs", PolicyCitation = "430.8", Cutoffs = new(), StartedAt = at, FinishedAt = at.AddMinutes(3),
        Status = status, Examined = deleted + failed, DeletedReads = deleted, DeletedBlobs = deleted * 2, SkippedHeld = 1, Failed = failed, DeletedBySourceAndDay = byDay,
    };

    // Hits: ncic 2 confirmed (one on 7ABC123), 1 rejected, 1 unverified; local 1 corrected, 1 confirmed. One in Q3 (ignored).
    public static readonly IReadOnlyList<HitAlert> Hits =
    [
        Hit("h1", "ncic", AlertStatus.Confirmed, Local(2026, 10, 5, 10), "7ABC123", "r-1"),
        Hit("h2", "ncic", AlertStatus.Confirmed, Local(2026, 11, 5, 10), "8XYZ999", "r-held"),
        Hit("h3", "ncic", AlertStatus.Rejected, Local(2026, 11, 6, 10), "7ABC128", "r-3"),
        Hit("h4", "ncic", AlertStatus.Unverified, Local(2026, 12, 6, 10), "5DEF555", "r-4"),
        Hit("h5", "local", AlertStatus.Corrected, Local(2026, 12, 7, 10), "6GHI66", "r-5"),
        Hit("h6", "local", AlertStatus.Confirmed, Local(2026, 12, 8, 10), "9JKL999", "r-6"),
        Hit("h-q3", "ncic", AlertStatus.Confirmed, Local(2026, 9, 30, 23, 59), "7ABC123", "r-7"),
    ];

    private static HitAlert Hit(string id, string list, AlertStatus status, DateTimeOffset at, string plate, string readId) => new()
    {
        Id = id, ReadId = readId, CameraId = "cam-a", CapturedAt = at, Plate = plate, EntryId = "e-" + id, EntryPlate = plate, ListId = list,
        MatchKind = "exact", MatchConfidence = 1, Priority = 1, Status = status, RaisedAt = at,
    };

    public const string Officer = "u-officer", Analyst = "u-analyst", Lapsed = "u-lapsed", Renewed = "u-renewed";

    public static readonly IReadOnlyList<AuditEntry> Audit = BuildAudit();

    private static List<AuditEntry> BuildAudit()
    {
        var list = new List<AuditEntry>();
        int seq = 0;
        void Add(string user, string role, string action, DateTimeOffset at, AuditOutcome outcome = AuditOutcome.Allowed, string? reason = "criminal-investigation",
            string? caseNumber = null, string? query = null, string? target = null, int? results = null, string[]? flags = null, string? detail = null, string actorType = "user") =>
            list.Add(new AuditEntry
            {
                Id = $"e{++seq:D3}", At = at, ActorType = actorType, ActorId = user, ActorRole = role, Action = action, Outcome = outcome, Reason = reason,
                CaseNumber = caseNumber, Query = query, Target = target, ResultCount = results, Flags = flags, Detail = detail,
            });
        // Officer: 2 searches for 7ABC123 under 26-000100, 4 image views under it, 1 refused search (no case). 7 entries.
        Add(Officer, "Officer", "reads.search", Local(2026, 10, 3, 9), caseNumber: "26-000100", query: "plate=7ABC123; from=2026-09-01T00:00:00.0000000+00:00", results: 3);
        Add(Officer, "Officer", "reads.search", Local(2026, 10, 4, 9), caseNumber: "26-000100", query: "plate=7ABC123; from=2026-09-02T00:00:00.0000000+00:00", results: 3);
        for (int i = 1; i <= 4; i++)
            Add(Officer, "Officer", ReviewSampler.ImageAction, Local(2026, 10, 5, 9, i), caseNumber: "26-000100", query: $"read=2026-10-05/img{i}-0",
                target: $"captures/cam-a/2026/10/05/img{i}.jpg", results: 1);
        Add(Officer, "Officer", "reads.search", Local(2026, 10, 6, 9), AuditOutcome.Refused, reason: null, query: "?plate=7ABC123", detail: "reason and case number required");
        // Analyst: 1 flagged area search under 26-000200, 3 image views (img5..7) and img1 again. 5 entries.
        Add(Analyst, "CrimeAnalyst", "reads.search", Local(2026, 11, 2, 14), caseNumber: "26-000200", query: "from=…; area=33.8,-116.5 r=2km", results: 80,
            flags: ["many-plates:80", "area-only"]);
        for (int i = 5; i <= 7; i++)
            Add(Analyst, "CrimeAnalyst", ReviewSampler.ImageAction, Local(2026, 11, 3, 9, i), caseNumber: "26-000200", query: $"read=2026-11-03/img{i}-0",
                target: $"captures/cam-a/2026/11/03/img{i}.jpg", results: 1);
        Add(Analyst, "CrimeAnalyst", ReviewSampler.ImageAction, Local(2026, 11, 4, 9), caseNumber: "26-000200", query: "read=2026-10-05/img1-0",
            target: "captures/cam-a/2026/10/05/img1.jpg", results: 1);
        // Lapsed (training expired 11-15): an allowed search on 11-10 (before), a refused one on 11-20 (after). 2 entries.
        Add(Lapsed, "Officer", "reads.search", Local(2026, 11, 10, 9), caseNumber: "26-000300", query: "plate=5DEF555; from=…", results: 1);
        Add(Lapsed, "Officer", "GET /api/reads/search", Local(2026, 11, 20, 9), AuditOutcome.Refused, reason: null, detail: "ALPR training expired on 2026-11-15");
        // Renewed since (the directory looks fine now), but refused for lapsed training on 10-10. 1 entry.
        Add(Renewed, "Dispatcher", "GET /api/alerts", Local(2026, 10, 10, 9), AuditOutcome.Refused, reason: null, detail: "ALPR training expired on 2026-10-05");
        // Not people: a camera refusal and a system step. Outside the quarter: one officer search.
        Add("cam-z", "", "captures.issue", Local(2026, 10, 7, 9), AuditOutcome.Refused, reason: null, actorType: "camera");
        Add("system", "", "hold.mark-held", Local(2026, 10, 8, 9), reason: null, actorType: "system");
        Add(Officer, "Officer", "reads.search", Local(2026, 9, 30, 23, 59), caseNumber: "26-000100", query: "plate=7ABC123", results: 1);
        return list;
    }

    // Filed in Q4: approved by a captain, denied by policy, pre-approved (MOU), still pending. One filed in Q3.
    public static readonly IReadOnlyList<ReleaseFact> Releases =
    [
        new("rel-1", Local(2026, 10, 12, 9), Officer, "Riverside SO", "LocalLawEnforcement", "CriminalInvestigation", "26-000100", "NeedsApproval",
            "law-enforcement-request", ReleaseFact.Approved, "u-captain", Local(2026, 10, 13, 9)),
        new("rel-2", Local(2026, 10, 14, 9), Officer, "ICE ERO", "FederalLawEnforcement", "ImmigrationEnforcement", "26-000400", "Denied",
            "immigration-needs-court-order", ReleaseFact.DeniedByPolicy, "policy:immigration-needs-court-order", Local(2026, 10, 14, 9)),
        new("rel-3", Local(2026, 11, 14, 9), Analyst, "Indio PD", "LocalLawEnforcement", "CriminalInvestigation", "26-000200", "PreApproved",
            "mou-partner", ReleaseFact.PreApproved, "policy:mou-partner", Local(2026, 11, 14, 9)),
        new("rel-4", Local(2026, 12, 30, 9), Analyst, "Cathedral City PD", "LocalLawEnforcement", "MissingPerson", "26-000500", "NeedsApproval",
            "law-enforcement-request", ReleaseFact.Pending, null, null),
        new("rel-q3", Local(2026, 9, 14, 9), Analyst, "Indio PD", "LocalLawEnforcement", "CriminalInvestigation", "26-000200", "NeedsApproval",
            "law-enforcement-request", ReleaseFact.Denied, "u-captain", Local(2026, 9, 15, 9)),
    ];

    // Holds: A placed in Q4 for 26-000100 (r-held, r-1), reviewed twice; B placed in Q3, released in Q4; C placed in Q3, untouched (active at end).
    public static readonly IReadOnlyList<EvidenceHold> Holds =
    [
        Hold("hold-a", "26-000100", Local(2026, 10, 15, 9), ["r-held", "r-1"], HoldState.Active,
            [new(Local(2026, 11, 15, 9), "review-due"), new(Local(2026, 12, 15, 9), "review-due")]),
        Hold("hold-b", "25-009999", Local(2026, 8, 1, 9), ["r-b"], HoldState.Released,
            [new(Local(2026, 9, 1, 9), "review-due"), new(Local(2026, 11, 20, 9), "release-requested", "case closed")], releasedBy: "u-lieutenant"),
        Hold("hold-c", "25-008888", Local(2026, 7, 1, 9), ["r-c"], HoldState.Active, []),
    ];

    private static EvidenceHold Hold(string id, string caseNumber, DateTimeOffset at, string[] reads, HoldState state, HoldHistoryEntry[] history, string? releasedBy = null) => new()
    {
        HoldId = id, CaseNumber = caseNumber, LegalBasis = LegalBasis.CriminalCase, Reads = reads.Select(r => new HeldReadRef(r, "2026-10-01")).ToList(),
        PlacedBy = "u-sergeant", CaseOwner = "u-sergeant", CreatedAt = at, State = state, NextStep = HoldStep.Done,
        History = [new(at, "placed"), .. history], ReleasedBy = releasedBy, ReleaseReason = releasedBy is null ? null : "case closed",
    };

    // Over two years on 12-31: one held (explained), one not (a finding).
    public static readonly IReadOnlyList<OverRetainedItem> OverRetained =
    [
        new("r-old-held", CameraKind.Fixed, Local(2024, 6, 1, 12), 943, [new("hold-c", "25-008888", "CriminalCase", "Active")]),
        new("r-old-orphan", CameraKind.Mobile, Local(2024, 12, 1, 12), 760, []),
    ];

    public static readonly IReadOnlyList<AlprUser> Users =
    [
        User(Officer, Role.Officer, new DateOnly(2027, 6, 1)),
        User(Analyst, Role.CrimeAnalyst, new DateOnly(2027, 6, 1)),
        User(Lapsed, Role.Officer, new DateOnly(2026, 11, 15)),
        User(Renewed, Role.Dispatcher, new DateOnly(2027, 10, 6)),
        User("u-gone", Role.Officer, new DateOnly(2026, 10, 1)) with { Active = false },           // lapsed, but no access: not a finding
        User("u-pending", Role.Officer, new DateOnly(2026, 10, 1)) with { ApprovedBy = null },     // never approved: no access
        User("u-lastday", Role.Officer, new DateOnly(2026, 12, 31)),                               // valid through the last day
    ];

    private static AlprUser User(string id, Role role, DateOnly expires) => new()
    {
        Id = id, Name = id, Role = role, TrainingCompletedOn = expires.AddYears(-1), TrainingExpiresOn = expires, ApprovedBy = "admin", ApprovedAt = Local(2025, 1, 1, 9),
    };
}
