using Alpr.Core.Plates;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition.Glyphs;

/// <summary>Which characters of an image's reads can be labelled from its plate's text, for the glyph memory.</summary>
public static class GlyphLabelling
{
    /// <summary>
    /// The characters of every read of the labelled plate: reads with as many characters as the label that differ from it
    /// in at most <paramref name="maxDifferences"/> places (O and 0 as one), each character labelled with the plate's
    /// character at its place. Misread characters are the ones worth learning, so they are kept; reads of other text
    /// (state names, stickers) differ in more places or in length and give none.
    /// </summary>
    public static List<GlyphSample> Samples(string label, IEnumerable<CtcRead> reads, int maxDifferences = 2)
    {
        string plate = Folded(PlateText.Normalize(label));
        var samples = new List<GlyphSample>();
        if (plate.Length < 3) return samples;
        uint group = GlyphMemory.GroupOf(plate);
        foreach (var read in reads)
        {
            if (read.Features.Count != read.Slots.Count || read.Slots.Count != plate.Length) continue;
            string text = Folded(string.Concat(read.Slots.Select(s => s.Best.Char)));
            if (text.Zip(plate).Count(p => p.First != p.Second) > maxDifferences) continue;
            for (int i = 0; i < plate.Length; i++) samples.Add(new GlyphSample(plate[i], group, read.Features[i]));
        }
        return samples;
    }

    private static string Folded(string s) => string.Concat(s.Select(GlyphMemory.Fold));
}
