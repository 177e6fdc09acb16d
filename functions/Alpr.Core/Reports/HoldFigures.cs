using Alpr.Core.Retention.Holds;

namespace Alpr.Core.Reports;

/// <summary>One evidence hold with something done to it in the quarter: placed, reviewed (90-day review due) or released.</summary>
public sealed record HoldRow(string HoldId, string CaseNumber, string LegalBasis, string PlacedBy, DateTimeOffset PlacedAt, int Reads, string State,
    bool PlacedInQuarter, int ReviewsInQuarter, DateTimeOffset? ReleasedAt, string? ReleasedBy, string? ReleaseReason);

public sealed record HoldFigures(long Placed, long Reviewed, long Reviews, long Released, long ActiveAtEnd, IReadOnlyList<HoldRow> Holds)
{
    /// <summary>History event names written by the hold workflow (EvidenceHoldService).</summary>
    public const string ReviewEvent = "review-due", ReleaseEvent = "release-requested";

    public static HoldFigures From(IEnumerable<EvidenceHold> holds, Quarter q, TimeZoneInfo zone)
    {
        var start = q.Start(zone); var end = q.End(zone);
        var rows = new List<HoldRow>();
        long activeAtEnd = 0;
        foreach (var h in holds)
        {
            bool placed = h.CreatedAt >= start && h.CreatedAt < end;
            int reviews = h.History.Count(e => e.Event == ReviewEvent && e.At >= start && e.At < end);
            var release = h.History.FirstOrDefault(e => e.Event == ReleaseEvent);
            bool released = release is not null && release.At >= start && release.At < end;
            if (h.CreatedAt < end && (release is null || release.At >= end)) activeAtEnd++;
            if (!placed && reviews == 0 && !released) continue;
            rows.Add(new HoldRow(h.HoldId, h.CaseNumber, h.LegalBasis.ToString(), h.PlacedBy, h.CreatedAt, h.Reads.Count, h.State.ToString(),
                placed, reviews, released ? release!.At : null, released ? h.ReleasedBy : null, released ? h.ReleaseReason : null));
        }
        rows = rows.OrderBy(r => r.PlacedAt).ThenBy(r => r.HoldId, StringComparer.Ordinal).ToList();
        return new HoldFigures(rows.Count(r => r.PlacedInQuarter), rows.Count(r => r.ReviewsInQuarter > 0), rows.Sum(r => r.ReviewsInQuarter),
            rows.Count(r => r.ReleasedAt is not null), activeAtEnd, rows);
    }
}
