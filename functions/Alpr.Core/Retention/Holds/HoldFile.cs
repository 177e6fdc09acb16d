namespace Alpr.Core.Retention.Holds;

/// <summary>The hold as placed (the workflow's input): fixed when the supervisor placed it.</summary>
public sealed record HoldFile(string CaseNumber, LegalBasis LegalBasis, IReadOnlyList<HeldReadRef> Reads, string PlacedBy, string CaseOwner, DateTimeOffset PlacedAt);

/// <summary>The hold workflow's visible status (customStatus), filled in as steps complete.</summary>
public sealed record HoldStatus
{
    public DateTimeOffset? NextReviewAt { get; init; }
    public int Reviews { get; init; }
    public string? ManifestBlob { get; init; }
    public string? ManifestSha256 { get; init; }
    public IReadOnlyList<MissingEvidence> Missing { get; init; } = [];
    public string? ReleasedBy { get; init; }
    public string? ReleaseReason { get; init; }
}

/// <summary>The "release" event's payload.</summary>
public sealed record HoldRelease(string? Reason);

/// <summary>What the copy-evidence step reports (its step-completed payload).</summary>
public sealed record EvidenceCopied(string ManifestBlob, string ManifestSha256, int Files, IReadOnlyList<MissingEvidence> Missing);

/// <summary>The events the hold publishes on Event Grid (the case owner's notifications).</summary>
public static class HoldEventTypes
{
    public const string Placed = "Alpr.EvidenceHold.Placed";
    public const string ReviewDue = "Alpr.EvidenceHold.ReviewDue";
    public const string Released = "Alpr.EvidenceHold.Released";
}
