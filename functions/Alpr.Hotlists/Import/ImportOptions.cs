using Alpr.Core.Hotlists;

namespace Alpr.Hotlists.Import;

/// <summary>Who imports what list from which source, and how many bad rows make a file unusable.</summary>
public sealed record ImportOptions
{
    public required string ListId { get; init; }
    public required HotlistSource Source { get; init; }
    /// <summary>Recorded as "entered by" where a row does not name someone.</summary>
    public required string ImportedBy { get; init; }
    public required DateTimeOffset ImportedAt { get; init; }
    /// <summary>A file whose share of bad rows exceeds this is refused whole (default: more than half).</summary>
    public double MaxBadFraction { get; init; } = 0.5;
    public int DefaultPriority { get; init; } = 2;
}
