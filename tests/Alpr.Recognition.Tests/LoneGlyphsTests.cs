namespace Alpr.Recognition.Tests;

public class LoneGlyphsTests
{
    private const int TextTop = 40, TextHeight = 40;

    /// <summary>White image with black bars standing for characters: (x, width, top, height).</summary>
    private static RgbImage Draw(params (int X, int W, int Top, int H)[] bars)
    {
        const int w = 400, h = 120;
        var rgba = new byte[w * h * 4];
        Array.Fill(rgba, (byte)255);
        foreach (var (bx, bw, top, bh) in bars)
            for (int y = top; y < top + bh; y++)
                for (int x = bx; x < bx + bw; x++)
                    rgba[(y * w + x) * 4] = rgba[(y * w + x) * 4 + 1] = rgba[(y * w + x) * 4 + 2] = 0;
        return new RgbImage(w, h, rgba);
    }

    // four characters 12 px wide at x = 200..293 (ink under half the box, as text is), and the detector's box around them
    private static readonly (int, int, int, int)[] Text =
        [(200, 12, TextTop, TextHeight), (227, 12, TextTop, TextHeight), (254, 12, TextTop, TextHeight), (281, 12, TextTop, TextHeight)];
    private static readonly Quad Box = Quad.Rect(194, 32, 307, 88);

    [Fact]
    public void CharacterAloneBeyondAWideGapIsFound()
    {
        var glyphs = LoneGlyphs.Beside(Draw([.. Text, (150, 8, TextTop, TextHeight)]), Box);
        var g = Assert.Single(glyphs);
        Assert.True(g.Left);
        Assert.Equal((150, TextTop, 158, TextTop + TextHeight), (g.X0, g.Y0, g.X1, g.Y1));
        Assert.Equal(TextTop + TextHeight, Assert.Single(LoneGlyphs.Beside(Draw([.. Text, (340, 12, TextTop, TextHeight)]), Box)).Y1);
    }

    [Fact]
    public void OnATurnedPlateTheGlyphIsOnTheTextsRowsAlongTheBox()
    {
        // the line falls 1 row in 10 columns (a turn of about 6 degrees), and so does its box
        const double slope = 0.1, centre = 250.5;
        int At(double x) => (int)Math.Round(TextTop + slope * (x - centre));
        var turned = Text.Select(t => (t.Item1, t.Item2, At(t.Item1 + 6), TextHeight)).ToArray();
        var box = new Quad(194, (float)(32 + slope * (194 - centre)), 307, (float)(32 + slope * (307 - centre)),
            307, (float)(88 + slope * (307 - centre)), 194, (float)(88 + slope * (194 - centre)), 1f);

        // 10 rows above the middle character's, where the line's rows are there: upright rows would refuse it
        var g = Assert.Single(LoneGlyphs.Beside(Draw([.. turned, (150, 8, At(154), TextHeight)]), box));
        Assert.Equal((150, At(154)), (g.X0, g.Y0));
        // a glyph on the upright rows is off this line's rows
        Assert.Empty(LoneGlyphs.Beside(Draw([.. turned, (150, 8, TextTop, TextHeight)]), box));
    }

    [Fact]
    public void MarksThatAreNotAMissedCharacterAreLeftAlone()
    {
        Assert.Empty(LoneGlyphs.Beside(Draw(Text), Box));
        // the plate's frame edge: taller than the text
        Assert.Empty(LoneGlyphs.Beside(Draw([.. Text, (150, 6, 10, 100)]), Box));
        // a sticker: lower than the text
        Assert.Empty(LoneGlyphs.Beside(Draw([.. Text, (150, 12, TextTop, 20)]), Box));
        // a badge's letters far beside the plate (3 text heights away)
        Assert.Empty(LoneGlyphs.Beside(Draw([.. Text, (60, 12, TextTop, TextHeight)]), Box));
        // two characters on one side are a word, not one the detector missed
        Assert.Empty(LoneGlyphs.Beside(Draw([.. Text, (140, 12, TextTop, TextHeight), (165, 12, TextTop, TextHeight)]), Box));
        // a shape wider than the characters (an emblem)
        Assert.Empty(LoneGlyphs.Beside(Draw([.. Text, (130, 50, TextTop, TextHeight)]), Box));
    }
}
