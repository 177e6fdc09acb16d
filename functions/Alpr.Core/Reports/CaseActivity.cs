using Alpr.Core.Alerts;
using Alpr.Core.Audit;
using Alpr.Core.Retention.Holds;

namespace Alpr.Core.Reports;

/// <summary>
/// One case number's use of the system in the quarter, for the "cases helped" analysis (San Leandro 418.6.1):
/// accesses under it, searches, images viewed, holds and releases, and confirmed hits tied to it — a confirmed hit
/// on a plate searched under the case, or on a read held for it. Whether the case was "helped" stays the auditor's call.
/// </summary>
public sealed record CaseActivity(string CaseNumber, long Accesses, long Users, long Searches, long ImagesViewed, long HoldsPlaced, long ReadsHeld,
    long Releases, long ConfirmedHits);

public static class CaseActivities
{
    private static readonly HashSet<string> SearchActions = ["reads.search", "reads.export"];

    public static IReadOnlyList<CaseActivity> From(IReadOnlyList<AuditEntry> entries, IReadOnlyList<EvidenceHold> holdsPlaced,
        IReadOnlyList<ReleaseFact> releases, IReadOnlyList<HitAlert> hits)
    {
        var allowed = entries.Where(e => e is { ActorType: "user", Outcome: AuditOutcome.Allowed } && !string.IsNullOrEmpty(e.CaseNumber)).ToList();
        var confirmed = hits.Where(h => h.Status == AlertStatus.Confirmed).ToList();
        var cases = allowed.Select(e => e.CaseNumber!).Concat(holdsPlaced.Select(h => h.CaseNumber)).Concat(releases.Select(r => r.CaseNumber))
            .Distinct(StringComparer.Ordinal);
        var rows = new List<CaseActivity>();
        foreach (var c in cases)
        {
            var mine = allowed.Where(e => e.CaseNumber == c).ToList();
            var searchedPlates = mine.Where(e => SearchActions.Contains(e.Action)).Select(e => PlateOf(e.Query)).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var holds = holdsPlaced.Where(h => h.CaseNumber == c).ToList();
            var heldReads = holds.SelectMany(h => h.Reads.Select(r => r.ReadId)).ToHashSet(StringComparer.Ordinal);
            long confirmedHits = confirmed.Count(h => searchedPlates.Contains(h.Plate) || heldReads.Contains(h.ReadId));
            rows.Add(new CaseActivity(c, mine.Count, mine.Select(e => e.ActorId).Distinct().Count(), mine.Count(e => SearchActions.Contains(e.Action)),
                mine.Count(e => e.Action == ReviewSampler.ImageAction), holds.Count, heldReads.Count, releases.Count(r => r.CaseNumber == c), confirmedHits));
        }
        return rows.OrderByDescending(r => r.ConfirmedHits).ThenByDescending(r => r.Accesses).ThenBy(r => r.CaseNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>The exact plate of a logged search ("plate=7ABC123; from=…", ReadQuery.Describe); partial patterns are not matched.</summary>
    private static string? PlateOf(string? query) =>
        query?.Split("; ").FirstOrDefault(p => p.StartsWith("plate=", StringComparison.Ordinal))?["plate=".Length..];
}
