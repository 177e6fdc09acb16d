using System.Buffers;

namespace Alpr.Recognition;

/// <summary>A text box as a quadrilateral: top-left, top-right, bottom-right, bottom-left.</summary>
public readonly record struct Quad(float X0, float Y0, float X1, float Y1, float X2, float Y2, float X3, float Y3, float Score)
{
    public float Width => MathF.Sqrt((X1 - X0) * (X1 - X0) + (Y1 - Y0) * (Y1 - Y0));
    public float Height => MathF.Sqrt((X3 - X0) * (X3 - X0) + (Y3 - Y0) * (Y3 - Y0));
    public float CenterX => (X0 + X1 + X2 + X3) / 4;
    public float CenterY => (Y0 + Y1 + Y2 + Y3) / 4;
    public Quad Scale(float s, float dx = 0, float dy = 0) =>
        new(X0 * s + dx, Y0 * s + dy, X1 * s + dx, Y1 * s + dy, X2 * s + dx, Y2 * s + dy, X3 * s + dx, Y3 * s + dy, Score);
    /// <summary>The box from the left edge of <paramref name="left"/> to the right edge of <paramref name="right"/>.</summary>
    public static Quad Span(Quad left, Quad right) =>
        new(left.X0, left.Y0, right.X1, right.Y1, right.X2, right.Y2, left.X3, left.Y3, Math.Min(left.Score, right.Score));

    /// <summary>The point at (<paramref name="s"/>, <paramref name="t"/>) of the box, each from 0 to 1: s along its rows
    /// (left to right), t across them (top to bottom); the corners bilinearly interpolated.</summary>
    public (float X, float Y) PointAt(float s, float t)
    {
        float lx = X0 + (X3 - X0) * t, ly = Y0 + (Y3 - Y0) * t;
        float rx = X1 + (X2 - X1) * t, ry = Y1 + (Y2 - Y1) * t;
        return (lx + (rx - lx) * s, ly + (ry - ly) * s);
    }

    /// <summary>Rows per column along the box's long sides (both averaged; 0 for an upright box, or one whose top does not
    /// run left to right): how its text's rows slope.</summary>
    public double RowSlope
    {
        get
        {
            double dx = (X1 - X0) + (X2 - X3), dy = (Y1 - Y0) + (Y2 - Y3);
            return dx <= 0 ? 0 : dy / dx;
        }
    }

    /// <summary>An axis-aligned box.</summary>
    public static Quad Rect(float x0, float y0, float x1, float y1, float score = 1f) => new(x0, y0, x1, y0, x1, y1, x0, y1, score);

    public (float MinX, float MinY, float MaxX, float MaxY) Bounds =>
        (Math.Min(Math.Min(X0, X1), Math.Min(X2, X3)), Math.Min(Math.Min(Y0, Y1), Math.Min(Y2, Y3)),
         Math.Max(Math.Max(X0, X1), Math.Max(X2, X3)), Math.Max(Math.Max(Y0, Y1), Math.Max(Y2, Y3)));
}

/// <summary>DB (differentiable binarisation) post-processing: threshold, connected components, min-area rectangle, unclip.</summary>
public static class DbPostProcess
{
    public static List<Quad> Boxes(ReadOnlySpan<float> prob, int w, int h, float threshold, float boxThreshold, double unclipRatio, int maxBoxes)
    {
        // pooled: a fresh 1280 × 736 label map is a 3.7 MB large-object allocation per detection
        var label = ArrayPool<int>.Shared.Rent(w * h);
        Array.Clear(label, 0, w * h);
        try { return Components(prob, w, h, threshold, boxThreshold, unclipRatio, maxBoxes, label); }
        finally { ArrayPool<int>.Shared.Return(label); }
    }

    private static List<Quad> Components(ReadOnlySpan<float> prob, int w, int h, float threshold, float boxThreshold, double unclipRatio, int maxBoxes, int[] label)
    {
        var boxes = new List<Quad>();
        var stack = new Stack<int>();
        var pts = new List<(int X, int Y)>();
        int next = 0;
        for (int i = 0; i < w * h; i++)
        {
            if (prob[i] <= threshold || label[i] != 0) continue;
            next++;
            pts.Clear();
            double sum = 0;
            stack.Push(i); label[i] = next;
            while (stack.Count > 0)
            {
                int p = stack.Pop();
                int px = p % w, py = p / w;
                pts.Add((px, py)); sum += prob[p];
                if (px > 0) Visit(p - 1, prob); if (px < w - 1) Visit(p + 1, prob);
                if (py > 0) Visit(p - w, prob); if (py < h - 1) Visit(p + w, prob);
            }
            if (pts.Count < 6) continue;
            float score = (float)(sum / pts.Count);
            if (score < boxThreshold) continue;
            if (MinAreaRect(pts, unclipRatio, score) is { } q) boxes.Add(q);

            void Visit(int q, ReadOnlySpan<float> pr)
            {
                if (label[q] == 0 && pr[q] > threshold) { label[q] = next; stack.Push(q); }
            }
        }
        return boxes.OrderByDescending(b => b.Score * MathF.Sqrt(b.Width * b.Height)).Take(maxBoxes).ToList();
    }

    /// <summary>Minimum-area rectangle of the pixel set, grown by the DB unclip distance, corners ordered TL,TR,BR,BL.</summary>
    public static Quad? MinAreaRect(List<(int X, int Y)> pts, double unclipRatio, float score)
    {
        var hull = ConvexHull(RowEnds(pts));
        if (hull.Count < 3) return null;
        double bestArea = double.MaxValue, bu = 1, bv = 0, minU = 0, maxU = 0, minV = 0, maxV = 0;
        for (int i = 0; i < hull.Count; i++)
        {
            var a = hull[i]; var b = hull[(i + 1) % hull.Count];
            double ex = b.X - a.X, ey = b.Y - a.Y, len = Math.Sqrt(ex * ex + ey * ey);
            if (len < 1e-9) continue;
            double ux = ex / len, uy = ey / len;
            // normalise so the u axis is the "mostly horizontal" one pointing right
            if (Math.Abs(ux) < Math.Abs(uy)) { (ux, uy) = (-uy, ux); }
            if (ux < 0) { ux = -ux; uy = -uy; }
            double lu = double.MaxValue, hu = double.MinValue, lv = double.MaxValue, hv = double.MinValue;
            foreach (var p in hull)
            {
                double u = p.X * ux + p.Y * uy, v = -p.X * uy + p.Y * ux;
                lu = Math.Min(lu, u); hu = Math.Max(hu, u); lv = Math.Min(lv, v); hv = Math.Max(hv, v);
            }
            double area = (hu - lu + 1) * (hv - lv + 1);
            if (area < bestArea) { bestArea = area; bu = ux; bv = uy; minU = lu; maxU = hu; minV = lv; maxV = hv; }
        }
        double rw = maxU - minU + 1, rh = maxV - minV + 1;
        if (Math.Min(rw, rh) < 2) return null;
        double d = rw * rh * unclipRatio / (2 * (rw + rh));
        minU -= d + 0.5; maxU += d + 0.5; minV -= d + 0.5; maxV += d + 0.5;
        // v axis = (-uy, ux) points "down" when u points right
        (double X, double Y) P(double u, double v) => (u * bu - v * bv + 0.5, u * bv + v * bu + 0.5);
        var tl = P(minU, minV); var tr = P(maxU, minV); var br = P(maxU, maxV); var bl = P(minU, maxV);
        return new Quad((float)tl.X, (float)tl.Y, (float)tr.X, (float)tr.Y, (float)br.X, (float)br.Y, (float)bl.X, (float)bl.Y, score);
    }

    /// <summary>
    /// The leftmost and rightmost pixel of each row: every pixel lies between its row's two, so their hull is the
    /// component's hull, from a few hundred points instead of every pixel of a large line (the detailed pass's
    /// post-processing spent most of its time sorting those).
    /// </summary>
    private static List<(int X, int Y)> RowEnds(List<(int X, int Y)> pts)
    {
        if (pts.Count == 0) return pts;
        int minY = int.MaxValue, maxY = int.MinValue;
        foreach (var p in pts) { if (p.Y < minY) minY = p.Y; if (p.Y > maxY) maxY = p.Y; }
        int rows = maxY - minY + 1;
        var lo = new int[rows]; var hi = new int[rows];
        Array.Fill(lo, int.MaxValue); Array.Fill(hi, int.MinValue);
        foreach (var p in pts)
        {
            int r = p.Y - minY;
            if (p.X < lo[r]) lo[r] = p.X;
            if (p.X > hi[r]) hi[r] = p.X;
        }
        var ends = new List<(int X, int Y)>(2 * rows);
        for (int r = 0; r < rows; r++)
        {
            if (lo[r] == int.MaxValue) continue;
            ends.Add((lo[r], r + minY));
            if (hi[r] != lo[r]) ends.Add((hi[r], r + minY));
        }
        return ends;
    }

    private static List<(int X, int Y)> ConvexHull(List<(int X, int Y)> pts)
    {
        var s = pts.Distinct().OrderBy(p => p.X).ThenBy(p => p.Y).ToList();
        if (s.Count < 3) return s;
        var hull = new List<(int X, int Y)>(2 * s.Count);
        static long Cross((int X, int Y) o, (int X, int Y) a, (int X, int Y) b) => (long)(a.X - o.X) * (b.Y - o.Y) - (long)(a.Y - o.Y) * (b.X - o.X);
        foreach (var p in s) { while (hull.Count >= 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1); hull.Add(p); }
        int lower = hull.Count + 1;
        for (int i = s.Count - 2; i >= 0; i--) { var p = s[i]; while (hull.Count >= lower && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1); hull.Add(p); }
        hull.RemoveAt(hull.Count - 1);
        return hull;
    }
}
