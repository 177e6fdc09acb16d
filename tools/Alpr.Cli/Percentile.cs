namespace Alpr.Cli;

public static class Percentile
{
    /// <summary>The q-quantile (nearest rank) of the values, rounded to <paramref name="digits"/>.</summary>
    public static double Of(IEnumerable<double> values, double q, int digits = 1)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return 0;
        return Math.Round(sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)], digits);
    }
}
