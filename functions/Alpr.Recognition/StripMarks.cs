using Alpr.Recognition.Rules;

namespace Alpr.Recognition;

/// <summary>What the marks in one read strip are, per character: a stacked pair, an emblem, or neither.</summary>
public readonly record struct StripMarkings(bool[] Stacked, bool[] Emblem)
{
    public bool Any => Stacked.Contains(true) || Emblem.Contains(true);
}

/// <summary>
/// Finds the characters of a read strip that are marks rather than characters of the number.
/// <para><b>Stacked pairs</b>: two small glyphs one above the other ("R" over "T" before "72LY", "H" over "H" after
/// "2678"), the vertical category marks many US plates carry beside the serial, which a line recogniser reads as one
/// character. Every plate character's ink crosses the middle of the text height (a stem, a bowl, a bar or a diagonal);
/// a stacked pair leaves clean rows there, with like amounts of ink above and below, and no piece of ink joining them.</para>
/// <para><b>Emblems</b>: a state's emblem between the groups (Georgia's peach read as "C" or "O") is coloured where the
/// characters are one plain colour: an inner character whose ink is far more saturated than the line's typical
/// character is an emblem.</para>
/// </summary>
public static class StripMarks
{
    /// <summary>Lines lower than this (image pixels) are not examined: each glyph of a mark would be a few pixels high,
    /// and binarising a blurred small character opens gaps in it.</summary>
    public const float MinLineHeight = 28;
    /// <summary>Least share of the text height inked above the gap, and below it.</summary>
    private const double MinPart = 0.15;
    /// <summary>The smaller of the two parts is at least this share of the larger (two letters of one size).</summary>
    private const double MinBalance = 0.6;
    /// <summary>One piece of ink holding at least this share of the ink above the gap and of the ink below it joins
    /// them: one character. A frame edge or a border line beside a stacked pair holds less (it is thin).</summary>
    private const double JoiningShare = 1.0 / 3;
    /// <summary>A character whose centre is closer than this many pitches to the strip's end is cut by the box: not judged.</summary>
    private const double MinEdgeDistance = 0.4;
    /// <summary>How many times the line's median ink saturation (each plus 0.05, for plain black on white) makes an
    /// inner character an emblem. Measured on the crops: emblems 2.4–3.5, characters beside an emblem at most 1.45.</summary>
    private const double EmblemSaturation = 2.0;
    /// <summary>Ink saturation from which a line's characters are coloured (blue, red, green), not black.</summary>
    private const double ColouredCharacters = 0.5;

    /// <param name="strip">Three planes (B, G, R) normalised to [-1, 1], <paramref name="stride"/> wide, <paramref name="height"/> high.</param>
    /// <param name="width">Columns of the strip that hold the image (the rest is padding).</param>
    /// <param name="pixelsPerStep">Strip columns per time step of the recogniser's output.</param>
    public static StripMarkings Find(ReadOnlySpan<float> strip, int stride, int height, int width, double pixelsPerStep, CtcRead read)
    {
        int n = read.Slots.Count;
        var none = new StripMarkings(new bool[n], new bool[n]);
        if (read.Spans.Count != n || n < 3 || width < 8) return none;
        var ink = Binarise(strip, stride, height, width);
        var centres = read.Spans.Select(s => (s.First + s.Last + 1) / 2.0 * pixelsPerStep).ToArray();
        double pitch = (centres[^1] - centres[0]) / (n - 1);
        return new StripMarkings(FindStacked(ink, width, height, centres, pitch), FindEmblems(strip, stride, height, width, ink, centres, pitch));
    }

    private static bool[] FindStacked(bool[] ink, int width, int height, double[] centres, double pitch)
    {
        int n = centres.Length;
        var result = new bool[n];
        // rows inked across most of the width are a frame edge or a border, not text
        var frame = new bool[height];
        for (int y = 0; y < height; y++)
        {
            int count = 0;
            for (int x = 0; x < width; x++) if (ink[y * width + x]) count++;
            frame[y] = count > 0.8 * width;
        }

        var counts = new int[n][];
        var columns = new int[n];
        var starts = new int[n];
        var tops = new List<int>(n); var bottoms = new List<int>(n);
        for (int i = 0; i < n; i++)
        {
            // halfway to the neighbours; the first and last reach the strip's ends (a step can sit off its glyph's centre)
            int x0 = i > 0 ? (int)Math.Round((centres[i - 1] + centres[i]) / 2) : 0;
            int x1 = i + 1 < n ? (int)Math.Round((centres[i] + centres[i + 1]) / 2) : width;
            x0 = Math.Clamp(x0, 0, width - 1); x1 = Math.Clamp(x1, x0 + 1, width);
            columns[i] = x1 - x0;
            starts[i] = x0;
            counts[i] = new int[height];
            for (int y = 0; y < height; y++)
                if (!frame[y])
                    for (int x = x0; x < x1; x++)
                        if (ink[y * width + x]) counts[i][y]++;
            int min = InkedRowMin(columns[i]);
            int top = Array.FindIndex(counts[i], c => c >= min), bottom = Array.FindLastIndex(counts[i], c => c >= min);
            if (top >= 0) { tops.Add(top); bottoms.Add(bottom); }
        }
        if (tops.Count < 3) return result;
        // the text's rows: where most characters start and end (a stacked pair spans the same height)
        int bandTop = Median(tops), bandBottom = Median(bottoms);
        if (bandBottom - bandTop + 1 < height / 3) return result;
        for (int i = 0; i < n; i++)
            result[i] = Math.Min(centres[i], width - centres[i]) >= MinEdgeDistance * pitch
                && IsStacked(counts[i], bandTop, bandBottom, columns[i])
                && !JoinedAcrossTheMiddle(ink, width, starts[i], columns[i], bandTop, bandBottom);
        return result;
    }

    /// <summary>Inner characters whose ink (over the middle of their columns) is far more saturated than the line's median.</summary>
    private static bool[] FindEmblems(ReadOnlySpan<float> strip, int stride, int height, int width, bool[] ink, double[] centres, double pitch)
    {
        int n = centres.Length, plane = stride * height;
        var result = new bool[n];
        if (n < 4) return result;
        var saturation = new double[n];
        for (int i = 0; i < n; i++)
        {
            // the glyph's own columns only: a character beside an emblem must not take in its colour
            int x0 = Math.Clamp((int)Math.Round(centres[i] - 0.3 * pitch), 0, width - 1);
            int x1 = Math.Clamp((int)Math.Round(centres[i] + 0.3 * pitch), x0 + 1, width);
            double sum = 0; int count = 0;
            for (int y = 0; y < height; y++)
                for (int x = x0; x < x1; x++)
                {
                    if (!ink[y * width + x]) continue;
                    int o = y * stride + x;
                    float b = strip[o], g = strip[plane + o], r = strip[2 * plane + o];
                    sum += Math.Max(r, Math.Max(g, b)) - Math.Min(r, Math.Min(g, b));
                    count++;
                }
            saturation[i] = count == 0 ? 0 : sum / count;
        }
        double median = saturation.Order().ElementAt(n / 2);
        for (int i = 1; i < n - 1; i++)
        {
            double ratio = (saturation[i] + 0.05) / (median + 0.05);
            // a plain seal among coloured characters, and only there: on a plain-charactered plate a graded
            // background makes some characters' ink look less coloured than others'
            bool plainAmongColoured = median >= ColouredCharacters && ratio <= 1 / EmblemSaturation
                && saturation[i - 1] >= ColouredCharacters && saturation[i + 1] >= ColouredCharacters;
            result[i] = ratio >= EmblemSaturation || plainAmongColoured;
        }
        return result;
    }

    /// <summary>
    /// Whether one connected piece of ink (8-neighbours, within the character's columns and the text's rows) holds a
    /// good share of the ink above the middle and of the ink below it. The clean-row test counts pixels per row, so a
    /// character whose stroke thins where it crosses the middle (a "3"'s or a "4"'s thin stem after JPEG's ringing, a
    /// light font) passes it; a stacked pair's two glyphs are separate pieces.
    /// </summary>
    private static bool JoinedAcrossTheMiddle(bool[] ink, int width, int x0, int columns, int top, int bottom)
    {
        int h = bottom - top + 1, from = (int)(0.35 * h), to = (int)Math.Ceiling(0.65 * h);
        var window = new bool[h * columns];
        for (int y = 0; y < h; y++) Array.Copy(ink, (top + y) * width + x0, window, y * columns, columns);
        var label = InkPieces.Label(window, columns, h, diagonals: true, out int pieces);
        var upper = new int[pieces + 1]; var lower = new int[pieces + 1];
        int totalUpper = 0, totalLower = 0;
        for (int p = 0; p < label.Length; p++)
        {
            if (label[p] == 0) continue;
            int y = p / columns;
            if (y < from) { upper[label[p]]++; totalUpper++; }
            else if (y > to) { lower[label[p]]++; totalLower++; }
        }
        if (totalUpper == 0 || totalLower == 0) return false;
        for (int piece = 1; piece <= pieces; piece++)
            if (upper[piece] >= JoiningShare * totalUpper && lower[piece] >= JoiningShare * totalLower) return true;
        return false;
    }

    /// <summary>At least two clean rows about the middle of the band, with ink above and below in like amounts.</summary>
    private static bool IsStacked(int[] counts, int top, int bottom, int columns)
    {
        int h = bottom - top + 1;
        int from = top + (int)(0.35 * h), to = top + (int)Math.Ceiling(0.65 * h);
        int clean = columns / 12, run = 0, longest = 0;
        for (int y = from; y <= to; y++) { run = counts[y] <= clean ? run + 1 : 0; longest = Math.Max(longest, run); }
        int min = InkedRowMin(columns), upper = 0, lower = 0;
        for (int y = top; y < from; y++) if (counts[y] >= min) upper++;
        for (int y = to + 1; y <= bottom; y++) if (counts[y] >= min) lower++;
        return longest >= 2 && upper >= MinPart * h && lower >= MinPart * h && Math.Min(upper, lower) >= MinBalance * Math.Max(upper, lower);
    }

    /// <summary>Ink mask of the strip: Otsu's threshold on luminance, ink being the smaller class (text on a plate).</summary>
    private static bool[] Binarise(ReadOnlySpan<float> strip, int stride, int height, int width)
    {
        int plane = stride * height;
        var lum = new float[height * width];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                int o = y * stride + x;
                lum[y * width + x] = (strip[o] + strip[plane + o] + strip[2 * plane + o]) / 3f;
            }
        float threshold = Otsu(lum);
        int below = 0;
        foreach (float v in lum) if (v < threshold) below++;
        bool darkInk = below <= lum.Length - below;
        var ink = new bool[lum.Length];
        for (int i = 0; i < lum.Length; i++) ink[i] = (lum[i] < threshold) == darkInk;
        return ink;
    }

    /// <summary>Ink pixels that make a row of a character's columns count as inked (an eighth of its width).</summary>
    private static int InkedRowMin(int columns) => Math.Max(1, columns / 8);

    private static int Median(List<int> values) { values.Sort(); return values[values.Count / 2]; }

    /// <summary>Otsu's threshold over values in [-1, 1] (64 bins).</summary>
    internal static float Otsu(float[] values)
    {
        const int bins = 64;
        var hist = new int[bins];
        foreach (float v in values) hist[Math.Clamp((int)((v + 1) / 2 * bins), 0, bins - 1)]++;
        double total = values.Length, sum = 0;
        for (int i = 0; i < bins; i++) sum += i * hist[i];
        double sumB = 0, wB = 0, best = -1; int at = bins / 2;
        for (int i = 0; i < bins; i++)
        {
            wB += hist[i];
            if (wB == 0) continue;
            double wF = total - wB;
            if (wF == 0) break;
            sumB += i * hist[i];
            double between = wB * wF * Math.Pow(sumB / wB - (sum - sumB) / wF, 2);
            if (between > best) { best = between; at = i; }
        }
        return (at + 1) / (float)bins * 2 - 1;
    }
}
