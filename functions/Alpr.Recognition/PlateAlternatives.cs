using Alpr.Core.Reads;

namespace Alpr.Recognition;

/// <summary>
/// Runner-up readings for fuzzy hotlist matching: the best reading, then variants that swap in the second-best
/// character where the recogniser was least sure.
/// </summary>
public static class PlateAlternatives
{
    public static IReadOnlyList<PlateCandidate> From(TextLine line, double confidence, int max = 4)
    {
        var list = new List<PlateCandidate> { new(line.Text, Math.Round(confidence, 4)) };
        var doubtful = Enumerable.Range(0, line.Text.Length)
            .Where(i => line.RunnerUpProbs[i] > 0.02)
            .OrderByDescending(i => line.RunnerUpProbs[i] / Math.Max(line.CharProbs[i], 1e-6))
            .Take(max - 1);
        foreach (int i in doubtful)
        {
            var chars = line.Text.ToCharArray();
            chars[i] = line.RunnerUps[i];
            double c = confidence * line.RunnerUpProbs[i] / Math.Max(line.CharProbs[i], 1e-6);
            list.Add(new PlateCandidate(new string(chars), Math.Round(Math.Min(c, confidence), 4)));
        }
        return list;
    }
}
