namespace Alpr.Recognition;

/// <summary>The connected pieces of an ink mask, for the pixel-level steps that judge glyphs (lone glyphs, stacked marks).</summary>
internal static class InkPieces
{
    /// <summary>Each ink pixel's piece, 1 to <paramref name="count"/> in the order the pieces are met row by row (0: no
    /// ink). Pixels touch across their sides, and also across their corners when <paramref name="diagonals"/>.</summary>
    public static int[] Label(bool[] ink, int width, int height, bool diagonals, out int count)
    {
        var label = new int[ink.Length];
        var stack = new Stack<int>();
        count = 0;
        for (int start = 0; start < ink.Length; start++)
        {
            if (!ink[start] || label[start] != 0) continue;
            label[start] = ++count;
            stack.Push(start);
            while (stack.Count > 0)
            {
                int p = stack.Pop(), x = p % width, y = p / width;
                for (int qy = Math.Max(0, y - 1); qy <= Math.Min(height - 1, y + 1); qy++)
                    for (int qx = Math.Max(0, x - 1); qx <= Math.Min(width - 1, x + 1); qx++)
                    {
                        if (!diagonals && qx != x && qy != y) continue;
                        int q = qy * width + qx;
                        if (ink[q] && label[q] == 0) { label[q] = count; stack.Push(q); }
                    }
            }
        }
        return label;
    }
}
