using Alpr.Core.Plates;
using Alpr.Core.Reads;
using Alpr.Core.Recognition;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition;

/// <summary>Turns the chosen lines into the plates a read stores: polygon, crop, alternatives and region.</summary>
internal static class PlateResults
{
    private const int MaxAlternatives = 8;

    /// <param name="choices">The plates to report, best first.</param>
    /// <param name="candidates">Every candidate the chooser scored: other plate-format readings become alternatives, so
    /// a hotlist can still match when the choice between two lines went wrong.</param>
    public static List<RecognizedPlate> Build(RgbImage img, IReadOnlyList<TextLine> lines, IReadOnlyList<PlateChoice> choices,
        IReadOnlyList<PlateChoice> candidates, string engine)
    {
        var plates = new List<RecognizedPlate>();
        var accepted = new List<Quad>();
        foreach (var choice in choices)
        {
            var l0 = choice.Line;
            var q = l0.Box ?? Quad.Rect((float)l0.Left, (float)(l0.CenterY - l0.Height / 2), (float)l0.Right, (float)(l0.CenterY + l0.Height / 2));
            // a second reading of a plate already reported (overlapping boxes from two passes) is not a second plate
            if (accepted.Any(a => PlateRegion.Overlaps(a, q))) continue;
            accepted.Add(q);
            var (minX, minY, maxX, maxY) = q.Bounds;
            float padX = (maxX - minX) * 0.08f, padY = (maxY - minY) * 0.25f;
            var region = Region(lines, choice);
            plates.Add(new RecognizedPlate
            {
                Text = choice.Reading.Text,
                Confidence = Math.Round(choice.Reading.Confidence, 4),
                Polygon = Polygon(q, img.SourceScale),
                CropJpeg = img.EncodeCrop((int)(minX - padX), (int)(minY - padY), (int)(maxX + padX), (int)(maxY + padY)),
                Alternatives = Alternatives(choice, candidates),
                Region = region?.Code,
                RegionConfidence = region is { } rg ? Math.Round(rg.Confidence, 3) : null,
                Engine = engine,
            });
        }
        return plates;
    }

    /// <summary>The box's corners in the upload's pixels (the image may have been decoded reduced).</summary>
    private static List<PixelPoint> Polygon(Quad q, int scale) =>
        [new((int)(q.X0 * scale), (int)(q.Y0 * scale)), new((int)(q.X1 * scale), (int)(q.Y1 * scale)),
         new((int)(q.X2 * scale), (int)(q.Y2 * scale)), new((int)(q.X3 * scale), (int)(q.Y3 * scale))];

    /// <summary>The state or country printed near the plate (above or below, within a plate width).</summary>
    private static (string Code, double Confidence)? Region(IReadOnlyList<TextLine> lines, PlateChoice choice)
    {
        var line = choice.Line;
        var nearby = lines.Where(l => !ReferenceEquals(l, line) && !line.Text.Contains(l.Text, StringComparison.Ordinal)
                && Math.Abs(l.CenterX - line.CenterX) < 1.2 * line.Width
                && Math.Abs(l.CenterY - line.CenterY) < 3.5 * line.Height)
            .Select(l => l.Text);
        return UsStates.FromLines(nearby);
    }

    private static List<PlateCandidate> Alternatives(PlateChoice choice, IReadOnlyList<PlateChoice> all)
    {
        var alts = new List<PlateCandidate> { new(choice.Reading.Text, choice.Reading.Confidence) };
        double best = choice.Reading.Score;
        foreach (var r in choice.Readings.Skip(1))
            if (alts.All(a => a.Text != r.Text) && alts.Count < MaxAlternatives)
                alts.Add(new PlateCandidate(r.Text, Math.Round(choice.Reading.Confidence * Math.Exp(Math.Max(-5, r.Score - best)), 4)));
        foreach (var other in all)
            if (!ReferenceEquals(other, choice) && alts.All(a => a.Text != other.Reading.Text) && alts.Count < MaxAlternatives && other.Reading.Format is not null)
                alts.Add(new PlateCandidate(other.Reading.Text, Math.Round(other.Reading.Confidence * 0.5, 4)));
        return alts;
    }
}
