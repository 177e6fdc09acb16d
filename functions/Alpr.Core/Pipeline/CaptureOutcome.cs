using Alpr.Core.Alerts;
using Alpr.Core.Reads;

namespace Alpr.Core.Pipeline;

public enum CaptureOutcomeKind { Processed, Quarantined, Missing }

/// <summary>What happened to one capture blob.</summary>
public sealed record CaptureOutcome(CaptureOutcomeKind Kind, IReadOnlyList<PlateRead> Reads, IReadOnlyList<HitAlert> Alerts, string? QuarantineReason = null)
{
    public static CaptureOutcome Missing { get; } = new(CaptureOutcomeKind.Missing, [], []);
    public static CaptureOutcome Quarantined(string reason) => new(CaptureOutcomeKind.Quarantined, [], [], reason);
}
