using Alpr.Core.Hotlists;
using Alpr.Core.Reads;

namespace Alpr.Hotlists;

/// <summary>
/// When an entry is added, which earlier reads would have hit it (same matching rules as live reads: exact,
/// OCR-confusable, partial, alternatives). The host runs this over the last N days as an audited action.
/// </summary>
public static class RetroHits
{
    public static IReadOnlyList<(PlateRead Read, HotlistMatch Match)> Find(Hotlist list, HotlistEntry entry, IEnumerable<PlateRead> reads, DateTimeOffset now)
    {
        var index = new HotlistIndex([list], [entry with { ListId = list.Id }]);
        var hits = new List<(PlateRead, HotlistMatch)>();
        foreach (var read in reads)
        {
            string plate = read.CorrectedPlate ?? read.Plate;
            if (plate.Length == 0) continue;
            // Judge against the entry as it stands now (not expired now), whenever the read happened.
            foreach (var m in index.Match(plate, read.Region, read.Candidates, now)) hits.Add((read, m));
        }
        return hits;
    }
}
