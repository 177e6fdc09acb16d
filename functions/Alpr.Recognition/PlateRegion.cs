namespace Alpr.Recognition;

/// <summary>Geometry of a closer look at a candidate plate: where to cut and how far to zoom.</summary>
public static class PlateRegion
{
    /// <summary>Character height the detector sees best in a closer look (pixels of its input).</summary>
    public const float TargetTextHeight = 40f;

    /// <summary>Boxes shaped like a line of plate characters (or a part of one): wider than high, not a long sentence.</summary>
    public static bool IsPlateShaped(Quad q) => q.Height >= 5 && q.Width > 1.3f * q.Height && q.Width < 12 * q.Height;

    /// <summary>
    /// The crop around a text box that holds the whole plate even when the box is only a fragment of it (a plate is
    /// at most about five character heights wide beyond its text), and the detector side that zooms its text to
    /// <see cref="TargetTextHeight"/>.
    /// </summary>
    public static (int X, int Y, int W, int H, int Side) Around(Quad q, int imageWidth, int imageHeight)
    {
        float h = Math.Max(1, q.Height), w = q.Width;
        var (minX, minY, maxX, maxY) = q.Bounds;
        float cx = (minX + maxX) / 2, cy = (minY + maxY) / 2;
        float rw = Math.Max(w * 1.6f, h * 5), rh = Math.Max(h * 3.2f, rw * 0.5f);
        int x0 = (int)Math.Max(0, cx - rw / 2), y0 = (int)Math.Max(0, cy - rh / 2);
        int x1 = (int)Math.Min(imageWidth, cx + rw / 2), y1 = (int)Math.Min(imageHeight, cy + rh / 2);
        int side = (int)Math.Clamp(Math.Max(x1 - x0, y1 - y0) * TargetTextHeight / h, 128, 640);
        return (x0, y0, x1 - x0, y1 - y0, side);
    }

    /// <summary>Whether a box found in a closer look is tall enough, next to the line looked at, to be worth reading.</summary>
    public static bool IsWorthReading(Quad found, Quad target, float minHeightShare) => found.Height >= minHeightShare * target.Height;

    /// <summary>Whether two boxes cover mostly the same place (intersection over the smaller box's area).</summary>
    public static bool Overlaps(Quad a, Quad b, float share = 0.5f)
    {
        var (ax0, ay0, ax1, ay1) = a.Bounds; var (bx0, by0, bx1, by1) = b.Bounds;
        float iw = Math.Min(ax1, bx1) - Math.Max(ax0, bx0), ih = Math.Min(ay1, by1) - Math.Max(ay0, by0);
        if (iw <= 0 || ih <= 0) return false;
        float small = Math.Min((ax1 - ax0) * (ay1 - ay0), (bx1 - bx0) * (by1 - by0));
        return iw * ih > share * small;
    }
}
