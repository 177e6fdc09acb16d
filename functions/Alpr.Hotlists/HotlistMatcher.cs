using Alpr.Core.Hotlists;
using Alpr.Core.Reads;

namespace Alpr.Hotlists;

/// <summary>The live matcher: holds the current <see cref="HotlistIndex"/> and swaps it atomically on refresh.</summary>
public sealed class HotlistMatcher : IHotlistMatcher
{
    private HotlistIndex _current = HotlistIndex.Empty;

    public HotlistIndex Current => Volatile.Read(ref _current);

    public void Replace(HotlistIndex index) => Volatile.Write(ref _current, index);

    public IReadOnlyList<HotlistMatch> Match(string plate, string? region, IReadOnlyList<PlateCandidate> alternatives, DateTimeOffset at) =>
        Current.Match(plate, region, alternatives, at);
}
