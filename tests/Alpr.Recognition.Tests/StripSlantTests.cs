namespace Alpr.Recognition.Tests;

public class StripSlantTests
{
    private const int W = 400, H = 200;
    private const float Cx = 200, Cy = 100;
    // six characters of two strokes each, 30 px tall, along a line through the centre
    private const float StrokeHeight = 30, LineLeft = 110, Pitch = 30;

    /// <summary>White image whose ink is where <paramref name="ink"/> says, given the point's distance along the
    /// line from its left end and its height above the line's bottom, as the line's geometry measures them.</summary>
    private static RgbImage Draw(Func<float, float, (float Along, float Up)> lineCoordinates)
    {
        var rgba = new byte[W * H * 4];
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++)
            {
                var (along, up) = lineCoordinates(x + 0.5f, y + 0.5f);
                float inPitch = along - MathF.Floor(along / Pitch) * Pitch;
                bool ink = along is >= 0 and < 6 * Pitch && up is >= 0 and < StrokeHeight && (inPitch < 4 || inPitch is >= 14 and < 18);
                byte v = ink ? (byte)20 : (byte)235;
                rgba[(y * W + x) * 4] = rgba[(y * W + x) * 4 + 1] = rgba[(y * W + x) * 4 + 2] = v;
                rgba[(y * W + x) * 4 + 3] = 255;
            }
        return new RgbImage(W, H, rgba);
    }

    /// <summary>The detector's box for the line: a rectangle along rows that fall <paramref name="slope"/> per column,
    /// with a margin around the characters.</summary>
    private static Quad BoxAlong(float slope)
    {
        float n = MathF.Sqrt(1 + slope * slope), ux = 1 / n, uy = slope / n, vx = -slope / n, vy = 1 / n;
        const float halfW = 100, halfH = 22;
        (float, float) P(float a, float b) => (Cx + a * ux + b * vx, Cy + a * uy + b * vy);
        var (x0, y0) = P(-halfW, -halfH); var (x1, y1) = P(halfW, -halfH); var (x2, y2) = P(halfW, halfH); var (x3, y3) = P(-halfW, halfH);
        return new Quad(x0, y0, x1, y1, x2, y2, x3, y3, 1f);
    }

    [Fact]
    public void CharactersUprightInTheImageLeanInABoxAlongSlopingRows()
    {
        // a plate seen from the side: its rows fall 0.3 per column, its strokes stay upright in the image
        const float slope = 0.3f;
        var img = Draw((x, y) => (x - LineLeft, Cy + StrokeHeight / 2 + slope * (x - Cx) - y));
        var box = BoxAlong(slope);

        var (slant, gain) = StripSlant.Measure(img, box, 0.1f);

        // in the box the strokes' tops stand left of their bottoms by about 0.3 of the height
        Assert.InRange(slant, -0.35f, -0.25f);
        Assert.True(gain > 1.5f, $"gain {gain}");
        var upright = StripSlant.ForReading(img, box, new StripSlant.Settings());
        Assert.NotEqual(box, upright);
        // the box it reads through keeps the rows' slope and leans its sides with the strokes: upright in the image
        Assert.InRange((upright.X3 - upright.X0) / (upright.Y3 - upright.Y0), -0.12f, 0.12f);
        Assert.Equal(box.Y1 - box.Y0, upright.Y1 - upright.Y0, 3);
    }

    [Fact]
    public void ATurnedLineHasNoSlant()
    {
        // a camera's roll turns the rows and the strokes together: the strokes stand square to the rows
        const float slope = 0.3f;
        float n = MathF.Sqrt(1 + slope * slope), c = 1 / n, s = slope / n;
        var img = Draw((x, y) =>
        {
            float dx = x - Cx, dy = y - Cy;
            float along = dx * c + dy * s, across = -dx * s + dy * c;
            return (along + Cx - LineLeft, StrokeHeight / 2 - across);
        });
        var box = BoxAlong(slope);

        Assert.Equal(0f, StripSlant.Measure(img, box, 0.1f).Slant);
        Assert.Equal(box, StripSlant.ForReading(img, box, new StripSlant.Settings()));
    }

    [Fact]
    public void AnUprightBoxIsNeverSlanted()
    {
        // strokes leaning in a level box (a graphic plate's artwork, an italic dealer's name): not a side view
        var img = Draw((x, y) => (x - LineLeft + 0.3f * (Cy + StrokeHeight / 2 - y), Cy + StrokeHeight / 2 - y));
        var box = BoxAlong(0);

        Assert.Equal((0f, 1f), StripSlant.Measure(img, box, 0.1f));
        Assert.Equal(box, StripSlant.ForReading(img, box, new StripSlant.Settings()));
    }

    [Fact]
    public void BoxesTooSmallOrMalformedAreUpright()
    {
        var img = Draw((x, y) => (x - LineLeft, Cy + StrokeHeight / 2 + 0.3f * (x - Cx) - y));
        var small = BoxAlong(0.3f).Scale(0.15f, 170, 85);   // about 7 px high
        Assert.Equal((0f, 1f), StripSlant.Measure(img, small, 0.1f));
        var broken = BoxAlong(0.3f) with { X0 = float.NaN };
        Assert.Equal((0f, 1f), StripSlant.Measure(img, broken, 0.1f));
    }

    [Fact]
    public void TheUprightBoxMovesItsTopAndBottomAlongTheRowsByHalfTheSlantsRun()
    {
        var box = Quad.Rect(0, 0, 100, 20);
        var upright = StripSlant.Upright(box, -0.3f);
        // tops 3 px left, bottoms 3 px right: a stroke from (47, 0) to (53, 20) becomes one column of the strip
        Assert.Equal(new Quad(-3, 0, 97, 0, 103, 20, 3, 20, 1f), upright);
        Assert.Equal(box, StripSlant.Upright(box, 0));
    }
}
