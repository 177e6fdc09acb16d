namespace Alpr.Recognition;

/// <summary>
/// Finds a character standing alone beside a plate's text box, which the detector left out: a Wyoming county number
/// beyond the bucking horse ("1" before 345D), a first or last letter beyond a wide space ("B" before 33333, "Y" after
/// FAMIL). Such a glyph has the text's own rows (its top and bottom within an eighth of the text height of the
/// characters' median top and bottom, the rows running along the box on a turned plate), is at most about a character
/// wide, and stands within two text heights of the box. Signs, stickers and oval country badges beside the plate fail
/// one of these; so does the plate's frame edge, which is taller than the text.
/// </summary>
public static class LoneGlyphs
{
    /// <summary>How far from the box a lone glyph may stand, in text heights (the widest gap measured, past Wyoming's
    /// horse, is 1.3; an oval "CZ" badge left of a Czech plate stands 3.6 away).</summary>
    private const double MaxGap = 2.0;
    /// <summary>Up to this gap (text heights) a glyph that reads poorly alone is read together with the line.</summary>
    public const double CloseGap = 0.5;
    private const double RowTolerance = 0.12;
    private const double MaxWidthInCharacters = 1.3;

    /// <summary>One glyph's bounds (image pixels), whether it is left of the box, and its gap to the box in text heights.</summary>
    public readonly record struct Glyph(int X0, int Y0, int X1, int Y1, bool Left, double Gap);

    /// <summary>The lone glyph on each side of the box, where there is exactly one (two or more are a word, not a
    /// character the detector missed).</summary>
    public static List<Glyph> Beside(RgbImage img, Quad box)
    {
        var (minX, minY, maxX, maxY) = box.Bounds;
        float h = maxY - minY;
        int y0 = (int)Math.Max(0, minY - 0.3f * h), y1 = (int)Math.Min(img.Height, maxY + 0.3f * h);
        int x0 = (int)Math.Max(0, minX - 4 * h), x1 = (int)Math.Min(img.Width, maxX + 4 * h);
        int w = x1 - x0, rows = y1 - y0;
        if (h < 8 || w < 8 || rows < 8) return [];
        var lum = new float[w * rows];
        var inBox = new List<float>();
        for (int y = 0; y < rows; y++)
            for (int x = 0; x < w; x++)
            {
                int o = ((y0 + y) * img.Width + x0 + x) * 4;
                float v = (img.Rgba[o] + img.Rgba[o + 1] + img.Rgba[o + 2]) / 382.5f - 1f;
                lum[y * w + x] = v;
                if (x + x0 >= minX && x + x0 < maxX && y + y0 >= minY && y + y0 < maxY) inBox.Add(v);
            }
        if (inBox.Count < 16) return [];
        // ink as the box's own text and background define it
        float threshold = StripMarks.Otsu([.. inBox]);
        int below = inBox.Count(v => v < threshold);
        bool darkInk = below <= inBox.Count - below;
        var parts = Components(lum.Select(v => (v < threshold) == darkInk).ToArray(), w, rows);

        // the text's rows run along the box: on a turned plate a glyph beyond the box's end stands higher or lower
        // (the slope taken at most as that of a 30° turn)
        double slope = Math.Clamp(box.RowSlope, -0.58, 0.58), centre = box.CenterX - x0;
        double Level(Part c) => slope * ((c.X0 + c.X1) / 2.0 - centre);
        var chars = parts.Where(c => c.X0 + x0 >= minX - 2 && c.X1 + x0 <= maxX + 2 && c.Height >= 0.45 * h && c.Height <= 1.1 * h).ToList();
        if (chars.Count < 2) return [];
        double top = Median(chars.Select(c => c.Y0 - Level(c))), bottom = Median(chars.Select(c => c.Y1 - Level(c)));
        double textHeight = bottom - top + 1;
        int charWidth = (int)Median(chars.Select(c => (double)c.Width));
        var found = new List<Glyph>();
        foreach (var c in parts)
        {
            bool left = c.X1 + x0 < minX, right = c.X0 + x0 > maxX;
            if (!left && !right) continue;
            if (Math.Abs(c.Y0 - Level(c) - top) > RowTolerance * textHeight || Math.Abs(c.Y1 - Level(c) - bottom) > RowTolerance * textHeight) continue;
            // a part cut by the searched region may be anything
            if (c.Width > MaxWidthInCharacters * charWidth || c.X0 == 0 || c.X1 == w - 1) continue;
            double gap = left ? minX - (c.X1 + x0) : c.X0 + x0 - maxX;
            if (gap > MaxGap * textHeight) continue;
            found.Add(new Glyph(c.X0 + x0, c.Y0 + y0, c.X1 + x0 + 1, c.Y1 + y0 + 1, left, gap / textHeight));
        }
        return found.GroupBy(g => g.Left).Where(g => g.Count() == 1).Select(g => g.First()).ToList();
    }

    /// <summary>The quad to read a glyph from: a margin around it like a detector box's.</summary>
    public static Quad ReadingBox(Glyph g)
    {
        float th = g.Y1 - g.Y0;
        return Quad.Rect(g.X0 - 0.25f * th, g.Y0 - 0.12f * th, g.X1 + 0.25f * th, g.Y1 + 0.12f * th);
    }

    private readonly record struct Part(int X0, int Y0, int X1, int Y1)
    {
        public int Width => X1 - X0 + 1;
        public int Height => Y1 - Y0 + 1;
    }

    private static double Median(IEnumerable<double> values) { var s = values.Order().ToList(); return s[s.Count / 2]; }

    /// <summary>Ink pieces' bounds (pixels touching across their sides), in the order they are met row by row.</summary>
    private static List<Part> Components(bool[] ink, int w, int h)
    {
        var label = InkPieces.Label(ink, w, h, diagonals: false, out int count);
        var (x0, y0, x1, y1) = (new int[count], new int[count], new int[count], new int[count]);
        Array.Fill(x0, int.MaxValue); Array.Fill(y0, int.MaxValue); Array.Fill(x1, -1); Array.Fill(y1, -1);
        for (int i = 0; i < label.Length; i++)
        {
            int c = label[i] - 1;
            if (c < 0) continue;
            int x = i % w, y = i / w;
            x0[c] = Math.Min(x0[c], x); x1[c] = Math.Max(x1[c], x); y0[c] = Math.Min(y0[c], y); y1[c] = Math.Max(y1[c], y);
        }
        return Enumerable.Range(0, count).Select(c => new Part(x0[c], y0[c], x1[c], y1[c])).ToList();
    }
}
