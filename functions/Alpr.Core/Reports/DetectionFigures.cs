using Alpr.Core.Alerts;
using Alpr.Core.Cameras;
using Alpr.Core.Retention;

namespace Alpr.Core.Reports;

public sealed record CameraReads(string CameraId, string Source, long Reads);

/// <summary>Reads per source; <see cref="Purged"/> of them were already deleted by retention when the report was made.</summary>
public sealed record SourceReads(string Source, long Reads, long Purged);

/// <summary>Reads captured on one agency-local day (purged ones included).</summary>
public sealed record DayReads(DateOnly Day, long Fixed, long Mobile, long Purged)
{
    public long Total => Fixed + Mobile;
}

public sealed record ListHits(string ListId, long Hits, long Confirmed, long Rejected, long Corrected, long Unverified);

/// <summary>
/// The Total Detection Report's figures (Palm Springs 430.4(h)). Totals include reads the purge already deleted
/// (from the purge records' per-source, per-local-day counts); per-camera counts cover stored reads only, because
/// purge records do not name cameras — <see cref="PurgedReads"/> says how many that leaves out.
/// </summary>
/// <param name="MisreadRate">(rejected + corrected) / decided hits: how often a hit an operator checked was a misread; null with no verdicts.</param>
public sealed record DetectionFigures(
    long TotalReads, long StoredReads, long PurgedReads,
    IReadOnlyList<SourceReads> PerSource, IReadOnlyList<CameraReads> PerCamera, IReadOnlyList<DayReads> PerDay,
    IReadOnlyList<ListHits> HitsPerList, long Hits, long Confirmed, long Rejected, long Corrected, long Unverified,
    double? MisreadRate)
{
    public long Verdicts => Confirmed + Rejected + Corrected;

    public static DetectionFigures From(DetectionTally tally, IEnumerable<PurgeRecord> purgeRuns, IEnumerable<HitAlert> hits)
    {
        var q = tally.Quarter;
        var purged = PurgedPerDay(q, purgeRuns);
        var perDay = q.Days().Select(d => new DayReads(d,
            tally.PerDay.GetValueOrDefault((d, CameraKind.Fixed)) + purged.GetValueOrDefault((d, CameraKind.Fixed)),
            tally.PerDay.GetValueOrDefault((d, CameraKind.Mobile)) + purged.GetValueOrDefault((d, CameraKind.Mobile)),
            purged.GetValueOrDefault((d, CameraKind.Fixed)) + purged.GetValueOrDefault((d, CameraKind.Mobile)))).ToList();
        var perSource = Enum.GetValues<CameraKind>().Select(k => new SourceReads(k.ToWire(),
            perDay.Sum(d => k == CameraKind.Fixed ? d.Fixed : d.Mobile), purged.Where(p => p.Key.Kind == k).Sum(p => p.Value))).ToList();
        var perCamera = tally.PerCamera.Select(kv => new CameraReads(kv.Key.Camera, kv.Key.Kind.ToWire(), kv.Value))
            .OrderByDescending(c => c.Reads).ThenBy(c => c.CameraId, StringComparer.Ordinal).ToList();
        long stored = tally.PerCamera.Values.Sum(), purgedTotal = purged.Values.Sum();

        var inQuarter = hits.Where(h => q.Contains(h.CapturedAt, tally.Zone)).ToList();
        var perList = inQuarter.GroupBy(h => h.ListId, StringComparer.Ordinal).Select(g => new ListHits(g.Key, g.Count(),
                g.Count(h => h.Status == AlertStatus.Confirmed), g.Count(h => h.Status == AlertStatus.Rejected),
                g.Count(h => h.Status == AlertStatus.Corrected), g.Count(h => h.Status == AlertStatus.Unverified)))
            .OrderByDescending(l => l.Hits).ThenBy(l => l.ListId, StringComparer.Ordinal).ToList();
        long confirmed = perList.Sum(l => l.Confirmed), rejected = perList.Sum(l => l.Rejected), corrected = perList.Sum(l => l.Corrected);
        long decided = confirmed + rejected + corrected;
        return new DetectionFigures(stored + purgedTotal, stored, purgedTotal, perSource, perCamera, perDay, perList, inQuarter.Count,
            confirmed, rejected, corrected, perList.Sum(l => l.Unverified), decided == 0 ? null : (double)(rejected + corrected) / decided);
    }

    /// <summary>Purge records count deletions by "source/local-capture-day"; the quarter's days are added back.</summary>
    private static Dictionary<(DateOnly Day, CameraKind Kind), long> PurgedPerDay(Quarter q, IEnumerable<PurgeRecord> runs)
    {
        var result = new Dictionary<(DateOnly, CameraKind), long>();
        foreach (var run in runs)
            foreach (var (key, count) in run.DeletedBySourceAndDay)
            {
                int slash = key.IndexOf('/');
                if (slash <= 0 || !CameraKindText.TryParse(key[..slash], out var kind)
                    || !DateOnly.TryParseExact(key[(slash + 1)..], "yyyy-MM-dd", out var day) || !q.Contains(day)) continue;
                result[(day, kind)] = result.GetValueOrDefault((day, kind)) + count;
            }
        return result;
    }
}
