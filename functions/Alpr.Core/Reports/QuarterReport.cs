namespace Alpr.Core.Reports;

/// <summary>The System Audit Report's figures (Palm Springs 430.4(h), 430.9(e); San Leandro 418.6.1).</summary>
/// <param name="Accesses">Every entry by a person in the quarter, in time order (accesses.csv).</param>
public sealed record AuditFigures(
    long Entries, long UserEntries, long Refused, IReadOnlyList<Audit.AuditEntry> Accesses,
    IReadOnlyList<UserAccess> AccessByUser, IReadOnlyList<FlaggedAccess> Flagged, ReleaseFigures Releases, HoldFigures Holds,
    IReadOnlyList<PurgeRunRow> PurgeRuns, IReadOnlyList<OverRetainedItem> OverRetained, IReadOnlyList<TrainingLapse> TrainingLapses,
    ChainCheck Chain, IReadOnlyList<CaseActivity> Cases);

/// <summary>One quarter's reports, computed: what the PDFs, CSVs and JSON are rendered from.</summary>
public sealed record QuarterReport(
    string Quarter, string Agency, string Policy, string TimeZone, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd,
    DateOnly FirstDay, DateOnly LastDay, DateTimeOffset GeneratedAt, string Trigger,
    DetectionFigures Detection, AuditFigures Audit, ReviewSample Sample, IReadOnlyList<Finding> Findings);
