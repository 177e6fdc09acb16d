using Alpr.Core.Audit;

namespace Alpr.Core.Reports;

/// <summary>How often one user did one thing for one reason and case in the quarter.</summary>
public sealed record AccessGroup(string Action, string? Reason, string? CaseNumber, long Allowed, long Refused);

/// <summary>One user's recorded actions in the quarter (Civil Code 1798.90.52: who, what, why, which case).</summary>
public sealed record UserAccess(string UserId, string? Role, long Entries, long Allowed, long Refused, long Failed, long Flagged, IReadOnlyList<AccessGroup> Groups);

/// <summary>An access the prohibited-use guards flagged (not blocked) for this review.</summary>
public sealed record FlaggedAccess(string EntryId, DateTimeOffset At, string UserId, string? Role, string Action, string? Reason, string? CaseNumber,
    string? Query, int? ResultCount, IReadOnlyList<string> Flags);

public static class AccessFigures
{
    /// <summary>Entries by people (not cameras or the system), grouped by user, then by action, reason and case number.</summary>
    public static IReadOnlyList<UserAccess> ByUser(IEnumerable<AuditEntry> entries) =>
        entries.Where(e => e.ActorType == "user").GroupBy(e => e.ActorId, StringComparer.Ordinal)
            .Select(u => new UserAccess(u.Key, u.OrderBy(e => e.At).LastOrDefault(e => e.ActorRole is not null)?.ActorRole, u.Count(),
                u.Count(e => e.Outcome == AuditOutcome.Allowed), u.Count(e => e.Outcome == AuditOutcome.Refused), u.Count(e => e.Outcome == AuditOutcome.Failed),
                u.Count(e => e.Flags is { Count: > 0 }),
                u.GroupBy(e => (e.Action, e.Reason, e.CaseNumber))
                    .Select(g => new AccessGroup(g.Key.Action, g.Key.Reason, g.Key.CaseNumber, g.Count(e => e.Outcome == AuditOutcome.Allowed), g.Count(e => e.Outcome != AuditOutcome.Allowed)))
                    .OrderBy(g => g.Action, StringComparer.Ordinal).ThenBy(g => g.CaseNumber, StringComparer.Ordinal).ThenBy(g => g.Reason, StringComparer.Ordinal).ToList()))
            .OrderByDescending(u => u.Entries).ThenBy(u => u.UserId, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<FlaggedAccess> Flagged(IEnumerable<AuditEntry> entries) =>
        entries.Where(e => e.Flags is { Count: > 0 }).OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)
            .Select(e => new FlaggedAccess(e.Id, e.At, e.ActorId, e.ActorRole, e.Action, e.Reason, e.CaseNumber, e.Query, e.ResultCount, e.Flags!)).ToList();
}
