namespace Alpr.Core.Search;

/// <summary>
/// Character n-grams of plates, stored on every read so a partial-plate search can ask the index for reads
/// that contain a known run of characters instead of scanning all reads (see docs/architecture.md, "Search").
/// </summary>
public static class PlateGrams
{
    /// <summary>All distinct 2- and 3-grams of the plate (a 7-character plate has 11).</summary>
    public static IReadOnlyList<string> Of(string plate)
    {
        var grams = new HashSet<string>(StringComparer.Ordinal);
        for (int n = 2; n <= 3; n++)
            for (int i = 0; i + n <= plate.Length; i++) grams.Add(plate.Substring(i, n));
        return grams.ToList();
    }

    /// <summary>
    /// The grams every plate matching the pattern must contain: each 3-gram of each known run, or 2-grams where
    /// a run is only two characters. Empty when the pattern states no run of two (then a scan is unavoidable).
    /// </summary>
    public static IReadOnlyList<string> RequiredBy(string pattern)
    {
        var grams = new List<string>();
        foreach (var run in pattern.Split(['?', '*'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (run.Length >= 3) for (int i = 0; i + 3 <= run.Length; i++) grams.Add(run.Substring(i, 3));
            else if (run.Length == 2) grams.Add(run);
        }
        return grams.Distinct().ToList();
    }
}
