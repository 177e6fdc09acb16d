namespace Alpr.Core.Retention;

public enum PurgeRunStatus { Running, Completed, CompletedWithErrors, Failed, Interrupted }

/// <summary>
/// The proof of one purge run. Counts and read ids only — never plate text or images.
/// Counts are keyed "source/local-capture-day".
/// </summary>
public sealed record PurgeRecord
{
    public required string RunId { get; init; }
    public required string Trigger { get; init; }
    public required string Policy { get; init; }
    public required string PolicyCitation { get; init; }
    public required Dictionary<string, DateTimeOffset> Cutoffs { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public long DurationMs { get; init; }
    /// <summary>Of which finding the candidates took (the rest is hold checks and deletes).</summary>
    public long QueryMs { get; init; }
    public PurgeRunStatus Status { get; init; }
    public long Examined { get; init; }
    public long DeletedReads { get; init; }
    public long DeletedBlobs { get; init; }
    public long SkippedHeld { get; init; }
    public long Failed { get; init; }
    public Dictionary<string, long> DeletedBySourceAndDay { get; init; } = new();
    /// <summary>"readId: what failed" — the item stays in place and the next run retries it.</summary>
    public List<string> Errors { get; init; } = [];
    /// <summary>Runs this one found still "Running" (crashed) and marked interrupted; its work resumes here.</summary>
    public List<string> Resumed { get; init; } = [];
}
