namespace Alpr.Recognition.Glyphs;

/// <summary>How much the nearest plate characters (<see cref="GlyphMemory"/>) reweigh a character the recogniser
/// is unsure of. Chosen by leave-one-plate-out over the development sets' plate lines (docs/recognition.md).</summary>
public sealed record GlyphVoteOptions
{
    /// <summary>Neighbours consulted.</summary>
    public int Neighbours { get; init; } = 5;
    /// <summary>Exponent of the neighbours' vote share (0: the memory changes nothing).</summary>
    public double Weight { get; init; } = 2.0;
    /// <summary>Only characters read with a lower probability are reweighed: a sure reading stands, and most
    /// characters cost no lookup.</summary>
    public double ApplyBelow { get; init; } = 0.99;
}

/// <summary>The neighbours' vote as a factor on each character's probability.</summary>
public static class GlyphVotes
{
    /// <summary>Plate symbols the memory tells apart: A–Z and 0–9 with O and 0 as one.</summary>
    private const int Symbols = 35;

    /// <summary>((votes for c) + ½) / (k + ½ · 35), raised to <see cref="GlyphVoteOptions.Weight"/>: a character no
    /// neighbour is loses against one they all are, but a strong recogniser reading can still outweigh the vote.</summary>
    public static double Factor(char c, ReadOnlySpan<char> neighbours, GlyphVoteOptions options)
    {
        char folded = GlyphMemory.Fold(c);
        int votes = 0;
        foreach (char n in neighbours) if (n == folded) votes++;
        return Math.Pow((votes + 0.5) / (neighbours.Length + 0.5 * Symbols), options.Weight);
    }
}
