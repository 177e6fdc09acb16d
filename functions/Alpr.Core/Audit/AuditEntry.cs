namespace Alpr.Core.Audit;

public enum AuditOutcome { Allowed, Refused, Failed }

/// <summary>
/// One audited action. Query fields (reason, case number, query) are filled for data access
/// (Civil Code 1798.90.52); cameras and the system appear as actors too.
/// </summary>
public sealed record AuditEntry
{
    /// <summary>Assigned by the log when appended (its position in the chain); callers may leave any value.</summary>
    public required string Id { get; init; }
    public required DateTimeOffset At { get; init; }
    /// <summary>"user", "camera" or "system".</summary>
    public required string ActorType { get; init; }
    public required string ActorId { get; init; }
    public string? ActorRole { get; init; }
    public required string Action { get; init; }
    public required AuditOutcome Outcome { get; init; }
    public string? Target { get; init; }
    public string? Reason { get; init; }
    public string? CaseNumber { get; init; }
    public string? Query { get; init; }
    public int? ResultCount { get; init; }
    public string? ClientAddress { get; init; }
    public string? Detail { get; init; }
    /// <summary>Prohibited-use guards that fired (not blocked, flagged for the audit).</summary>
    public IReadOnlyList<string>? Flags { get; init; }

    // Chain fields, set by the log when the entry is appended.
    /// <summary>UTC day of the chain segment this entry belongs to (yyyy-MM-dd).</summary>
    public string? ChainDay { get; init; }
    /// <summary>1-based position in the day's chain: a gap means an entry was deleted.</summary>
    public long Seq { get; init; }
    public string? PrevHash { get; init; }
    public string? Hash { get; init; }
}

/// <summary>Append-only audit log. Callers write the entry before returning any data.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}
