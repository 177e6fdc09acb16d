namespace Alpr.Functions.Hotlists;

/// <summary>One entry typed in by a person (e.g. a partial plate from a major crime), with an optional retro search.</summary>
public sealed record AddEntryRequest(
    string Plate, string? State, string Reason, int? Priority, DateTimeOffset? Expires, string? Reference, string? EntryReason,
    int? RetroDays, string? RetroReason, string? CaseNumber);
