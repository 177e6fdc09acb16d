namespace Alpr.Recognition;

/// <summary>
/// The slant of a line's characters within its box, and the box that reads them upright. A camera beside the lane
/// sees a plate from the side: its rows slope while its characters stay upright in the image, so the detector's box
/// (a rectangle along the rows) holds them leaning, and the recogniser, trained on upright text, drops or confuses
/// leaning characters (5NWV468 read 5NWVL68). A roll of the camera, or a plate on a tilted mount, turns rows and
/// characters together and leaves no slant. So the slants looked for lie between none and the one that makes the
/// characters upright in the image, and an upright box is never slanted: a graphic plate's diagonal artwork beside
/// upright text is not taken for leaning characters.
/// The slant is where the characters' vertical edges line up best: the column profile of horizontal-gradient
/// magnitude over the box's middle rows, sheared by each candidate slant, is sharpest (largest sum of squared steps
/// between columns) when the strokes' edges fall into the same columns.
/// </summary>
public static class StripSlant
{
    /// <summary>Rows the box is sampled at to measure its slant (the strip's height in the recogniser is 48).</summary>
    private const int SampleHeight = 32;
    private const int MaxSampleWidth = 256;
    /// <summary>Slants tried, as the characters' sideways run per unit of height, in steps of this.</summary>
    private const float Step = 0.05f;
    /// <summary>Slants beyond this (31°) are not looked for: a plate seen so far from the side is past reading.</summary>
    private const float MaxSlant = 0.6f;
    /// <summary>Share of the box's rows left out above and below when measuring: the margins hold the frame and the
    /// plate's small print.</summary>
    private const float Band = 0.2f;

    /// <summary>When a measured slant is taken out.</summary>
    public sealed record Settings
    {
        /// <summary>Smaller slants are left: the recogniser reads them as well as upright text.</summary>
        public float MinSlant { get; init; } = 0.1f;
        /// <summary>How much sharper the best slant's profile must be than the box's own (a ratio).</summary>
        public float MinGain { get; init; } = 1.2f;
    }

    /// <summary>
    /// The slant that would make characters upright in the image upright in the box: how far right a character's
    /// top stands of its bottom, per unit of the box's height, when the box's rows slope and its characters do not.
    /// </summary>
    public static float UprightInImage(Quad q) => (float)-q.RowSlope;

    /// <summary>
    /// The characters' slant in the box (how far right a character's top stands of its bottom, per unit of the box's
    /// height; 0: upright in the box), searched between none and <see cref="UprightInImage"/>, and how much sharper
    /// the column profile is at that slant than at none. Boxes too small to measure, and boxes whose rows hardly
    /// slope, are upright.
    /// </summary>
    public static (float Slant, float Gain) Measure(RgbImage img, Quad q, float minSlant)
    {
        float h = q.Height, w = q.Width;
        float most = Math.Clamp(UprightInImage(q), -MaxSlant, MaxSlant);
        if (h < 8 || w < 2 * h || Math.Abs(most) < minSlant) return (0, 1);
        int sh = SampleHeight, sw = Math.Min(MaxSampleWidth, (int)(sh * w / h));
        var edge = Edges(img, q, sh, sw);

        // a slant in box units (per unit of height) is (sw / w) * (h / sh) sample columns per sample row
        float perRow = sw / w * h / sh;
        // one step past it: the box's slope is measured on a few pixels' worth of detector output
        int steps = Math.Min((int)MathF.Round(MaxSlant / Step), (int)MathF.Round(Math.Abs(most) / Step) + 1);
        var profile = new float[sw + 2 * sh];
        float upright = 0, best = 0, bestSlant = 0;
        for (int k = 0; k <= steps; k++)
        {
            float slant = MathF.CopySign(k * Step, most);
            Array.Clear(profile);
            for (int y = 0; y < sh; y++)
            {
                // the column each sample lands in once the slant is taken out (sheared about the middle row)
                int shift = (int)MathF.Round(slant * perRow * (y - (sh - 1) / 2f)) + sh;
                for (int x = 1; x < sw - 1; x++) profile[x + shift] += edge[y * sw + x];
            }
            // aligned edges make narrow spikes, leaning ones a smear; the profile's broad shape (text, margins, the
            // frame's ends) is much the same at every slant, so its squared steps are measured, not its spread
            float sharp = 0;
            for (int x = 1; x < profile.Length; x++) { float d = profile[x] - profile[x - 1]; sharp += d * d; }
            if (k == 0) upright = sharp;
            if (sharp > best) { best = sharp; bestSlant = slant; }
        }
        return upright <= 0 ? (0, 1) : (bestSlant, best / upright);
    }

    /// <summary>Horizontal-gradient magnitude on a grid along the box (x along its rows, y across them), on its
    /// middle rows only (zero elsewhere).</summary>
    private static float[] Edges(RgbImage img, Quad q, int sh, int sw)
    {
        var lum = new float[sw];
        var edge = new float[sh * sw];
        int top = (int)(sh * Band), bottom = sh - top;
        for (int y = top; y < bottom; y++)
        {
            float t = (y + 0.5f) / sh;
            for (int x = 0; x < sw; x++)
            {
                var (px, py) = q.PointAt((x + 0.5f) / sw, t);
                var (r, g, b) = img.SampleRgb(px - 0.5f, py - 0.5f);
                lum[x] = r + g + b;
            }
            for (int x = 1; x < sw - 1; x++) edge[y * sw + x] = Math.Abs(lum[x + 1] - lum[x - 1]);
        }
        return edge;
    }

    /// <summary>
    /// The parallelogram over the box whose sides follow characters slanted by <paramref name="slant"/>: read through
    /// it, they come out upright. Its top and bottom are the box's, the top moved along the rows by half the slant's
    /// run and the bottom back by as much.
    /// </summary>
    public static Quad Upright(Quad q, float slant)
    {
        if (slant == 0) return q;
        float ux = (q.X1 - q.X0) / Math.Max(1e-6f, q.Width), uy = (q.Y1 - q.Y0) / Math.Max(1e-6f, q.Width);
        float d = slant * q.Height / 2;
        return new Quad(q.X0 + ux * d, q.Y0 + uy * d, q.X1 + ux * d, q.Y1 + uy * d,
            q.X2 - ux * d, q.Y2 - uy * d, q.X3 - ux * d, q.Y3 - uy * d, q.Score);
    }

    /// <summary>The box to read the line through: upright where its characters clearly slant, else the box itself.</summary>
    public static Quad ForReading(RgbImage img, Quad q, Settings settings)
    {
        var (slant, gain) = Measure(img, q, settings.MinSlant);
        return Math.Abs(slant) >= settings.MinSlant && gain >= settings.MinGain ? Upright(q, slant) : q;
    }
}
