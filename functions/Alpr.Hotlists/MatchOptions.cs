namespace Alpr.Hotlists;

/// <summary>How much each kind of uncertainty lowers a hit's confidence (exact, same state = 1.0).</summary>
public sealed record MatchOptions
{
    /// <summary>Per character that differs only by OCR confusion (0/O, 8/B, ...).</summary>
    public double FuzzyPerCharacter { get; init; } = 0.85;
    /// <summary>Applied to a match found through one of the recogniser's alternative readings.</summary>
    public double AlternativeReading { get; init; } = 0.8;
    /// <summary>A partial-plate entry: scaled by the share of the read's characters the pattern states.</summary>
    public double PartialBase { get; init; } = 0.75;
    /// <summary>Both read and entry name a state and they differ: lowered, not dropped (the state read may be wrong).</summary>
    public double StateMismatch { get; init; } = 0.6;
    /// <summary>Matches below this are not raised.</summary>
    public double MinimumConfidence { get; init; } = 0.3;

    public static MatchOptions Default { get; } = new();
}
