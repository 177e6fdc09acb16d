namespace Alpr.Core.Hotlists;

public enum MatchKind { Exact, Fuzzy, Partial }

/// <summary>A read that matched an entry: how, with what confidence, and how old the list is.</summary>
public sealed record HotlistMatch(HotlistEntry Entry, Hotlist List, MatchKind Kind, double Confidence, string MatchedText);

/// <summary>The in-memory matcher the pipeline asks for every read.</summary>
public interface IHotlistMatcher
{
    IReadOnlyList<HotlistMatch> Match(string plate, string? region, IReadOnlyList<Reads.PlateCandidate> alternatives, DateTimeOffset at);
}
