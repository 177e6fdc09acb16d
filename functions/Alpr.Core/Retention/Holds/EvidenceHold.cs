namespace Alpr.Core.Retention.Holds;

public enum LegalBasis { CriminalCase, CivilAction, DiscoveryRequest, CourtOrder }

public enum HoldState { Placing, Active, Releasing, Released }

/// <summary>
/// Workflow steps in order. Placing protects first (MarkHeld) so the purge can never race the copy, then
/// copies, schedules the review and notifies. Releasing unmarks, then purges what is already past retention.
/// </summary>
public enum HoldStep { MarkHeld, CopyEvidence, ScheduleReview, NotifyOwner, Unmark, PurgeExpired, Done }

public sealed record HeldReadRef(string ReadId, string Partition);

public sealed record HoldHistoryEntry(DateTimeOffset At, string Event, string? Detail = null);

/// <summary>
/// The instance document of one hold's workflow: state, the next step to run, and its history. Saved with
/// its ETag after every step, so a crash between steps resumes at the recorded next step.
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
    public HoldStep NextStep { get; init; } = HoldStep.MarkHeld;
    public DateTimeOffset? NextReviewAt { get; init; }
    /// <summary>Blob name of the evidence package's manifest and the manifest's own SHA-256.</summary>
    public string? ManifestBlob { get; init; }
    public string? ManifestSha256 { get; init; }
    public string? ReleasedBy { get; init; }
    public string? ReleaseReason { get; init; }
    public List<HoldHistoryEntry> History { get; init; } = [];
}

/// <summary>Pure transitions of the hold workflow.</summary>
public static class HoldWorkflow
{
    public static HoldStep After(HoldStep step) => step switch
    {
        HoldStep.MarkHeld => HoldStep.CopyEvidence,
        HoldStep.CopyEvidence => HoldStep.ScheduleReview,
        HoldStep.ScheduleReview => HoldStep.NotifyOwner,
        HoldStep.NotifyOwner => HoldStep.Done,
        HoldStep.Unmark => HoldStep.PurgeExpired,
        HoldStep.PurgeExpired => HoldStep.Done,
        _ => HoldStep.Done,
    };

    /// <summary>State once <paramref name="step"/> has completed.</summary>
    public static HoldState StateAfter(EvidenceHold hold, HoldStep step) => (hold.State, After(step)) switch
    {
        (HoldState.Placing, HoldStep.Done) => HoldState.Active,
        (HoldState.Releasing, HoldStep.Done) => HoldState.Released,
        (var s, _) => s,
    };

    /// <summary>Release starts the release steps; refused (null) unless the hold is fully placed.</summary>
    public static EvidenceHold? BeginRelease(EvidenceHold hold, string by, string reason, DateTimeOffset at) =>
        hold.State != HoldState.Active ? null : hold with
        {
            State = HoldState.Releasing, NextStep = HoldStep.Unmark, ReleasedBy = by, ReleaseReason = reason,
            History = [.. hold.History, new HoldHistoryEntry(at, "release-requested", $"by {by}: {reason}")],
        };

    public const int MaxReads = 5000;

    /// <summary>Null when acceptable, else the message for a 400.</summary>
    public static string? Validate(string? caseNumber, string? legalBasis, int readCount, out LegalBasis basis)
    {
        basis = default;
        if (string.IsNullOrWhiteSpace(caseNumber) || !Access.QueryReasons.IsValidCaseNumber(caseNumber))
            return "caseNumber is required and must be a valid case number";
        if (!Enum.TryParse(legalBasis?.Replace("-", "").Replace("_", ""), ignoreCase: true, out basis) || !Enum.IsDefined(basis))
            return "legalBasis must be one of: criminal-case, civil-action, discovery-request, court-order";
        if (readCount == 0) return "the hold must cover at least one read (readIds or a search that finds reads)";
        if (readCount > MaxReads) return $"a hold covers at most {MaxReads} reads";
        return null;
    }
}
