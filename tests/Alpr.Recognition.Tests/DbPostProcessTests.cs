namespace Alpr.Recognition.Tests;

public class DbPostProcessTests
{
    /// <summary>A probability map with a filled rectangle rotated by <paramref name="degrees"/> about its centre, and a speck.</summary>
    private static float[] Map(int w, int h, float cx, float cy, float rw, float rh, double degrees)
    {
        var map = new float[w * h];
        double a = degrees * Math.PI / 180, c = Math.Cos(a), s = Math.Sin(a);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double u = (x - cx) * c + (y - cy) * s, v = -(x - cx) * s + (y - cy) * c;
                if (Math.Abs(u) <= rw / 2 && Math.Abs(v) <= rh / 2) map[y * w + x] = 0.9f;
            }
        map[5 * w + 5] = map[5 * w + 6] = 0.9f;   // two pixels: too small to be text
        return map;
    }

    [Fact]
    public void A_rotated_line_comes_back_as_its_rotated_rectangle_grown_by_the_unclip_distance()
    {
        const int w = 400, h = 200;
        var map = Map(w, h, 200, 100, 160, 30, 10);

        var boxes = DbPostProcess.Boxes(map, w, h, 0.3f, 0.5f, 1.6, 10);

        var box = Assert.Single(boxes);
        double rw = 161, rh = 31, d = rw * rh * 1.6 / (2 * (rw + rh));   // pixels covered, then the DB unclip
        Assert.InRange(box.Width, rw + 2 * d - 4, rw + 2 * d + 4);
        Assert.InRange(box.Height, rh + 2 * d - 4, rh + 2 * d + 4);
        Assert.InRange(Math.Atan2(box.Y1 - box.Y0, box.X1 - box.X0) * 180 / Math.PI, 9, 11);
        Assert.InRange(box.CenterX, 198, 202);
        Assert.InRange(box.CenterY, 98, 102);
        Assert.InRange(box.Score, 0.89f, 0.91f);
    }

    [Fact]
    public void Each_call_starts_from_a_clean_label_map()
    {
        // the label map is pooled: a map left labelled by one call would hide the same pixels from the next
        const int w = 300, h = 120;
        var map = Map(w, h, 150, 60, 120, 24, -5);
        var first = DbPostProcess.Boxes(map, w, h, 0.3f, 0.5f, 1.6, 10);
        var second = DbPostProcess.Boxes(map, w, h, 0.3f, 0.5f, 1.6, 10);
        Assert.Single(first);
        Assert.Equal(first, second);
    }
}
