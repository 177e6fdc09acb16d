using Alpr.Core.Plates;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition.Tests;

/// <summary>Strips drawn in the recogniser's input layout (BGR planes, white 1, ink −1), glyphs 24 px apart.</summary>
public class StripMarksTests
{
    private const int H = LineRecognizer.Height, Pitch = 24, PixelsPerStep = 8;

    private enum Glyph { Ring, Stacked, Eight, ThinJoin }

    /// <summary>Ink colours as the model's planes hold them (B, G, R in [-1, 1]).</summary>
    private static readonly float[] Black = [-1f, -1f, -1f], Orange = [-1f, 0f, 1f], Red = [-0.6f, -0.6f, 0.7f],
        Blue = [0.6f, -0.6f, -0.8f], Grey = [-0.3f, -0.3f, -0.3f];

    private static float[] Strip(int width, Glyph[] glyphs, bool frame = false, float[][]? colours = null)
    {
        var buf = new float[3 * H * width];
        Array.Fill(buf, 1f);
        var colour = Black;
        void Ink(int x, int y) { if (x >= 0 && x < width) for (int c = 0; c < 3; c++) buf[c * H * width + y * width + x] = colour[c]; }
        void Box(int x0, int y0, int x1, int y1, int stroke)
        {
            for (int y = y0; y <= y1; y++)
                for (int x = x0; x <= x1; x++)
                    if (y < y0 + stroke || y > y1 - stroke || x < x0 + stroke || x > x1 - stroke) Ink(x, y);
        }
        for (int i = 0; i < glyphs.Length; i++)
        {
            int cx = Pitch / 2 + Pitch * i, x0 = cx - 7, x1 = cx + 7;
            colour = colours?[i] ?? Black;
            switch (glyphs[i])
            {
                case Glyph.Ring: Box(x0, 8, x1, 40, 3); break;                              // "0": strokes cross the middle
                case Glyph.Stacked: Box(x0, 8, x1, 21, 3); Box(x0, 27, x1, 40, 3); break;   // two small letters, clean between
                case Glyph.Eight: Box(x0, 8, x1, 24, 3); Box(x0, 24, x1, 40, 3); break;     // two bowls joined by a bar
                case Glyph.ThinJoin:                                                        // a "3" whose stem thinned to 2 px
                    Box(x0, 8, x1, 21, 3); Box(x0, 27, x1, 40, 3);
                    for (int y = 21; y <= 27; y++) { Ink(x1 - 1, y); Ink(x1, y); }
                    break;
            }
        }
        colour = Black;
        if (frame) for (int y = 0; y < 3; y++) for (int x = 0; x < width; x++) Ink(x, y);
        return buf;
    }

    private static CtcRead Read(int count) => new(new string('0', count), 0.9, Enumerable.Range(0, count).Select(_ => CharSlot.Of('0', 0.9)).ToList())
    {
        // glyph i is centred at 12 + 24 i, which is step 1 + 3 i at 8 columns per step
        Spans = Enumerable.Range(0, count).Select(i => new StepSpan(1 + 3 * i, 1 + 3 * i)).ToList(),
    };

    private static bool[] Find(Glyph[] glyphs, int? width = null, bool frame = false, int edge = 0)
    {
        int w = width ?? Pitch * glyphs.Length;
        var strip = Strip(w, glyphs, frame);
        // a plate's frame edge at the strip's start, the whole height, edge pixels wide
        for (int y = 0; y < H; y++) for (int x = 0; x < edge; x++) for (int c = 0; c < 3; c++) strip[c * H * w + y * w + x] = -1f;
        return StripMarks.Find(strip, w, H, w, PixelsPerStep, Read(glyphs.Length)).Stacked;
    }

    [Fact]
    public void TwoSmallGlyphsOneAboveTheOtherAreAStackedMark()
    {
        Glyph[] glyphs = [Glyph.Stacked, Glyph.Ring, Glyph.Ring, Glyph.Ring, Glyph.Ring];
        Assert.Equal([true, false, false, false, false], Find(glyphs));
        // a frame edge inked across the strip is not taken for text
        Assert.Equal([true, false, false, false, false], Find(glyphs, frame: true));
    }

    [Fact]
    public void CharacterWithInkAcrossItsMiddleIsNotAMark()
    {
        Assert.DoesNotContain(true, Find([Glyph.Eight, Glyph.Ring, Glyph.Ring, Glyph.Ring, Glyph.Eight]));
    }

    [Fact]
    public void CharacterWhoseStrokeThinsAcrossTheMiddleIsNotAMark()
    {
        // two rows of at most 2 ink pixels in 24 columns pass the clean-row test; the thin stem joins the halves
        Assert.DoesNotContain(true, Find([Glyph.ThinJoin, Glyph.Ring, Glyph.Ring, Glyph.Ring, Glyph.ThinJoin]));
    }

    [Fact]
    public void StackedMarkBesideAFrameEdgeIsStillFound()
    {
        // the edge runs through the gap rows too, but it is a thin piece of its own, not a stroke joining the glyphs
        Assert.Equal([true, false, false, false, false], Find([Glyph.Stacked, Glyph.Ring, Glyph.Ring, Glyph.Ring, Glyph.Ring], edge: 2));
    }

    [Fact]
    public void GlyphCutByTheStripsEndIsNotJudged()
    {
        Glyph[] glyphs = [Glyph.Ring, Glyph.Ring, Glyph.Ring, Glyph.Ring, Glyph.Stacked];
        Assert.True(Find(glyphs)[4]);
        // the box ends a few columns past the last glyph's centre
        Assert.False(Find(glyphs, width: Pitch * 4 + Pitch / 2 + 3)[4]);
    }

    [Fact]
    public void ReadWithoutStepsOrTooFewCharactersIsLeftAlone()
    {
        var strip = Strip(72, [Glyph.Stacked, Glyph.Ring, Glyph.Ring]);
        var noSpans = Read(3) with { Spans = [] };
        Assert.DoesNotContain(true, StripMarks.Find(strip, 72, H, 72, PixelsPerStep, noSpans).Stacked);
        var two = Strip(48, [Glyph.Stacked, Glyph.Ring]);
        Assert.DoesNotContain(true, StripMarks.Find(two, 48, H, 48, PixelsPerStep, Read(2)).Stacked);
    }

    private static bool[] Emblems(params float[][] colours)
    {
        int w = Pitch * colours.Length;
        var glyphs = Enumerable.Repeat(Glyph.Ring, colours.Length).ToArray();
        return StripMarks.Find(Strip(w, glyphs, colours: colours), w, H, w, PixelsPerStep, Read(colours.Length)).Emblem;
    }

    [Fact]
    public void ColouredGlyphBetweenPlainCharactersIsAnEmblem()
    {
        Assert.Equal([false, false, false, true, false, false, false], Emblems(Black, Black, Black, Orange, Black, Black, Black));
        // at either end it is a character in another colour, or a sticker: not judged
        Assert.DoesNotContain(true, Emblems(Orange, Black, Black, Black, Black, Black));
        // a plate printed in red has red characters throughout
        Assert.DoesNotContain(true, Emblems(Red, Red, Red, Red, Red, Red));
    }

    [Fact]
    public void PlainSealAmongColouredCharactersIsAnEmblem()
    {
        // Virginia: blue characters, a grey-gold seal between the groups
        Assert.Equal([false, false, false, true, false, false, false], Emblems(Blue, Blue, Blue, Grey, Blue, Blue, Blue));
        // black characters on a graded background: a less coloured one is still a character
        Assert.DoesNotContain(true, Emblems(Orange, Black, Black, Orange, Orange, Orange));
    }
}
