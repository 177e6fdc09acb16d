namespace Alpr.Core.Hotlists;

/// <summary>
/// One plate on a hotlist. <see cref="Plate"/> is normalised; a pattern entry (partial plate from a major
/// crime) keeps '?' for one unknown character and '*' for any run of them.
/// </summary>
public sealed record HotlistEntry
{
    public required string Id { get; init; }
    public required string ListId { get; init; }
    public required string Plate { get; init; }
    public string? State { get; init; }
    /// <summary>Nature of the advisory: informational, stolen vehicle, wanted person, missing person, ...</summary>
    public required string Reason { get; init; }
    /// <summary>1 = highest.</summary>
    public int Priority { get; init; } = 3;
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? ReferenceNumber { get; init; }
    public required string EnteredBy { get; init; }
    public string? EntryReason { get; init; }
    public DateTimeOffset EnteredAt { get; init; }

    public bool IsPattern => Plate.AsSpan().IndexOfAny('?', '*') >= 0;
}
