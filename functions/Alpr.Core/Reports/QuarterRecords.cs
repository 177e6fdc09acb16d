using Alpr.Core.Access;
using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Core.Cameras;
using Alpr.Core.Retention;
using Alpr.Core.Retention.Holds;

namespace Alpr.Core.Reports;

/// <summary>A hold explaining why a read is kept (for the over-retention table).</summary>
public sealed record HoldRef(string HoldId, string CaseNumber, string LegalBasis, string State);

/// <summary>A read kept past the policy's longest period (two years), as of the quarter's last day, and its holds.</summary>
public sealed record OverRetainedItem(string ReadId, CameraKind Kind, DateTimeOffset CapturedAt, int AgeDays, IReadOnlyList<HoldRef> Holds);

/// <summary>The audit log's hash-chain check over the quarter's UTC days.</summary>
public sealed record ChainCheck(bool Intact, int Days, long Entries, string? FirstBreak);

/// <summary>
/// Everything a quarter's reports are computed from, as plain records the adapters gathered. Reads are not listed
/// one by one (tens of millions a quarter): the adapter streams them into <see cref="Detection"/>.
/// </summary>
public sealed record QuarterRecords
{
    public required Quarter Quarter { get; init; }
    public required RetentionPolicy Policy { get; init; }
    public required DateTimeOffset GeneratedAt { get; init; }
    public required string Trigger { get; init; }
    /// <summary>Stored reads captured in the quarter, counted per camera and per local day.</summary>
    public required DetectionTally Detection { get; init; }
    /// <summary>Purge runs up to generation: what they deleted of the quarter's reads is added back to the totals.</summary>
    public IReadOnlyList<PurgeRecord> PurgeRuns { get; init; } = [];
    /// <summary>Hit alerts on reads captured in the quarter.</summary>
    public IReadOnlyList<HitAlert> Hits { get; init; } = [];
    /// <summary>Audit entries of the quarter (every actor).</summary>
    public IReadOnlyList<AuditEntry> Audit { get; init; } = [];
    public IReadOnlyList<ReleaseFact> Releases { get; init; } = [];
    public IReadOnlyList<EvidenceHold> Holds { get; init; } = [];
    public IReadOnlyList<OverRetainedItem> OverRetained { get; init; } = [];
    public IReadOnlyList<AlprUser> Users { get; init; } = [];
    public required ChainCheck Chain { get; init; }
}
