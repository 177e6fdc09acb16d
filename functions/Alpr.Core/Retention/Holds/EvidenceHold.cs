namespace Alpr.Core.Retention.Holds;

public enum LegalBasis { CriminalCase, CivilAction, DiscoveryRequest, CourtOrder }

public enum HoldState { Placing, Active, Releasing, Released }

/// <summary>
/// The hold workflow's steps (<see cref="EvidenceHoldWorkflow"/>). Placing protects first (MarkHeld), then copies,
/// schedules the review and notifies; an active hold re-notifies at each review (NotifyReview); releasing unmarks,
/// purges what is already past retention and notifies (NotifyReleased).
/// </summary>
public enum HoldStep { MarkHeld, CopyEvidence, ScheduleReview, NotifyOwner, Unmark, PurgeExpired, Done, NotifyReview, NotifyReleased }

public sealed record HeldReadRef(string ReadId, string Partition);

public sealed record HoldHistoryEntry(DateTimeOffset At, string Event, string? Detail = null);

/// <summary>
/// One hold as the API, the over-retention report and the quarterly reports see it: read from its workflow
/// instance (<see cref="EvidenceHoldView"/>), which is the record. History holds the hold's own events
/// (placed, each step, review-due, release-requested, step-failed), not the runtime's bookkeeping.
/// </summary>
public sealed record EvidenceHold
{
    public required string HoldId { get; init; }
    public required string CaseNumber { get; init; }
    public required LegalBasis LegalBasis { get; init; }
    public required IReadOnlyList<HeldReadRef> Reads { get; init; }
    public required string PlacedBy { get; init; }
    public required string CaseOwner { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public HoldState State { get; init; } = HoldState.Placing;
    /// <summary>The step the workflow waits on; Done when none is pending.</summary>
    public HoldStep NextStep { get; init; } = HoldStep.MarkHeld;
    public DateTimeOffset? NextReviewAt { get; init; }
    /// <summary>Blob name of the evidence package's manifest and the manifest's own SHA-256.</summary>
    public string? ManifestBlob { get; init; }
    public string? ManifestSha256 { get; init; }
    /// <summary>Files the package should hold but could not (their source was already gone), with the reason.</summary>
    public IReadOnlyList<MissingEvidence> MissingEvidence { get; init; } = [];
    public string? ReleasedBy { get; init; }
    public string? ReleaseReason { get; init; }
    /// <summary>The workflow's Durable-style runtime status (Running while placing, active or releasing; Completed once released; Failed).</summary>
    public string RuntimeStatus { get; init; } = "Running";
    public List<HoldHistoryEntry> History { get; init; } = [];
}
