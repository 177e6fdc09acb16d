using Alpr.Core.Plates;
namespace Alpr.Recognition.Rules;

/// <summary>One text line found in an image: its read and the geometry of its box (image pixels).</summary>
public sealed record TextLine(string Text, double Confidence, double CenterX, double CenterY, double Width, double Height, IReadOnlyList<(string Text, double Confidence)> Alternatives)
{
    public double Aspect => Height <= 0 ? 0 : Width / Height;
}

/// <summary>A line judged to be a plate, with its combined score.</summary>
public sealed record PlateChoice(TextLine Line, double Score);

/// <summary>
/// Chooses plate numbers among the text lines of an image by text pattern (<see cref="PlateTextRules"/>),
/// read confidence and shape; rejects state names, slogans and dealer-frame text.
/// </summary>
public static class PlateChooser
{
    public static double ScoreLine(TextLine line, IReadOnlyList<TextLine> all)
    {
        double text = PlateTextRules.Score(line.Text);
        if (text < 0) return -1;
        double s = text + 0.8 * line.Confidence;
        // Plate numbers are the tallest characters on a plate: compare with lines nearby.
        double maxH = 0;
        foreach (var o in all)
            if (!ReferenceEquals(o, line) && Math.Abs(o.CenterX - line.CenterX) < 2 * line.Width && Math.Abs(o.CenterY - line.CenterY) < 3 * line.Height)
                maxH = Math.Max(maxH, o.Height);
        if (maxH > 0 && line.Height < 0.7 * maxH) s -= 0.4;
        if (line.Aspect < 1.0) s -= 0.5;
        return s;
    }

    /// <summary>
    /// Adds, for every pair of lines side by side on the same baseline with similar height and a small gap, the joined
    /// line: detectors often split a plate at a logo or a wide space ("DB3" + "043").
    /// </summary>
    public static List<TextLine> WithJoinedNeighbours(IReadOnlyList<TextLine> lines)
    {
        var result = new List<TextLine>(lines);
        for (int i = 0; i < lines.Count; i++)
            for (int j = 0; j < lines.Count; j++)
            {
                var a = lines[i]; var b = lines[j];
                if (i == j || a.Text.Length == 0 || b.Text.Length == 0 || b.CenterX <= a.CenterX) continue;
                double h = Math.Max(a.Height, b.Height);
                if (Math.Min(a.Height, b.Height) < 0.7 * h) continue;
                if (Math.Abs(a.CenterY - b.CenterY) > 0.35 * h) continue;
                double gap = (b.CenterX - b.Width / 2) - (a.CenterX + a.Width / 2);
                if (gap > 1.2 * h || gap < -0.5 * h) continue;
                // Overlapping boxes repeat the character they share ("BA0" + "0523"): keep it once.
                string text = gap < 0.15 * h && a.Text[^1] == b.Text[0] ? a.Text + b.Text[1..] : a.Text + b.Text;
                if (text.Length > 8) continue;
                double left = a.CenterX - a.Width / 2, right = b.CenterX + b.Width / 2;
                result.Add(new TextLine(text, Math.Min(a.Confidence, b.Confidence) * 0.98, (left + right) / 2, (a.CenterY + b.CenterY) / 2,
                    right - left, h, []));
            }
        return result;
    }

    /// <summary>Plates, best first. Lines scoring below <paramref name="minScore"/> are dropped.</summary>
    public static IReadOnlyList<PlateChoice> Choose(IReadOnlyList<TextLine> lines, double minScore = 0.6)
    {
        var scored = lines.Select(l => new PlateChoice(l, ScoreLine(l, lines))).Where(c => c.Score >= minScore)
            .OrderByDescending(c => c.Score).ToList();
        // Drop duplicates of the same text (same plate read twice from overlapping boxes).
        var result = new List<PlateChoice>();
        foreach (var c in scored)
            if (!result.Any(r => r.Line.Text == c.Line.Text)) result.Add(c);
        return result;
    }
}
