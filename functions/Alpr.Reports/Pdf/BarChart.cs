using System.Globalization;
using PdfSharp.Drawing;

namespace Alpr.Reports.Pdf;

/// <summary>One stacked series of a bar chart.</summary>
public sealed record Series(string Name, XColor Color, IReadOnlyList<double> Values);

/// <summary>
/// A stacked vertical bar chart drawn with XGraphics: y axis with round ticks, one bar per category, category labels
/// thinned to fit (every n-th), and a legend. Used for reads per day and hits per list.
/// </summary>
public static class BarChart
{
    public static readonly XColor Blue = XColor.FromArgb(46, 94, 170), Orange = XColor.FromArgb(230, 140, 40), Green = XColor.FromArgb(60, 150, 80),
        Red = XColor.FromArgb(200, 60, 50), Grey = XColor.FromArgb(150, 150, 150), Purple = XColor.FromArgb(120, 80, 160);

    public static void Draw(XGraphics g, XRect area, string title, IReadOnlyList<string> categories, IReadOnlyList<Series> series, int labelEvery = 1)
    {
        var small = PdfLayout.Small;
        g.DrawString(title, PdfLayout.SmallBold, XBrushes.Black, new XRect(area.X, area.Y, area.Width, 10), XStringFormats.TopLeft);
        double left = area.X + 34, top = area.Y + 16, bottom = area.Bottom - 26, right = area.Right - 4;
        double max = Enumerable.Range(0, categories.Count).Select(i => series.Sum(s => s.Values[i])).DefaultIfEmpty(0).Max();
        double step = NiceStep(max / 4);
        double axisMax = Math.Max(step, Math.Ceiling(max / step) * step);
        var axis = new XPen(XColors.Black, 0.5);
        var gridPen = new XPen(XColor.FromArgb(220, 220, 220), 0.3);
        for (double v = 0; v <= axisMax + step / 2; v += step)
        {
            double y = bottom - v / axisMax * (bottom - top);
            g.DrawLine(gridPen, left, y, right, y);
            g.DrawString(v.ToString("#,0", CultureInfo.InvariantCulture), small, XBrushes.Black, new XRect(area.X, y - 4, 30, 8), XStringFormats.TopRight);
        }
        g.DrawLine(axis, left, top, left, bottom);
        g.DrawLine(axis, left, bottom, right, bottom);

        double slot = (right - left) / Math.Max(1, categories.Count);
        double barW = Math.Max(0.8, slot * 0.75);
        for (int i = 0; i < categories.Count; i++)
        {
            double x = left + i * slot + (slot - barW) / 2, y = bottom;
            foreach (var s in series)
            {
                double h = s.Values[i] / axisMax * (bottom - top);
                if (h > 0) g.DrawRectangle(new XSolidBrush(s.Color), x, y - h, barW, h);
                y -= h;
            }
            if (i % Math.Max(1, labelEvery) == 0)
                g.DrawString(categories[i], small, XBrushes.Black, new XRect(left + i * slot - 20 + slot / 2, bottom + 2, 40, 8), XStringFormats.TopCenter);
        }
        double lx = left;
        foreach (var s in series)
        {
            g.DrawRectangle(new XSolidBrush(s.Color), lx, area.Bottom - 10, 8, 7);
            g.DrawString(s.Name, small, XBrushes.Black, new XRect(lx + 11, area.Bottom - 11, 120, 9), XStringFormats.TopLeft);
            lx += 16 + g.MeasureString(s.Name, small).Width + 10;
        }
    }

    /// <summary>1, 2 or 5 times a power of ten at or above <paramref name="rough"/>.</summary>
    public static double NiceStep(double rough)
    {
        if (rough <= 1) return 1;
        double p = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        return new[] { 1, 2, 5, 10 }.Select(m => m * p).First(s => s >= rough);
    }
}
