using static Alpr.Hotlists.Tests.Entries;

namespace Alpr.Hotlists.Tests;

public class HotlistMatcherTests
{
    [Fact]
    public void Replace_swaps_the_whole_list_at_once_for_concurrent_readers()
    {
        // Old list: A-plates; new list: B-plates. A reader must see all of one or all of the other.
        var oldIndex = new HotlistIndex([Svs], Enumerable.Range(0, 200).Select(i => Entry($"AAA{i:000}")));
        var newIndex = new HotlistIndex([Svs], Enumerable.Range(0, 200).Select(i => Entry($"BBB{i:000}")));
        var matcher = new HotlistMatcher();
        matcher.Replace(oldIndex);
        bool mixed = false;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var snapshot = matcher.Current;
                bool a = snapshot.Match("AAA000", null, [], Now).Count == 1 && snapshot.Match("AAA199", null, [], Now).Count == 1;
                bool b = snapshot.Match("BBB000", null, [], Now).Count == 1 && snapshot.Match("BBB199", null, [], Now).Count == 1;
                if (a == b) mixed = true;
            }
        });
        for (int i = 0; i < 2000; i++) matcher.Replace(i % 2 == 0 ? newIndex : oldIndex);
        stop.Cancel();
        reader.Wait();
        Assert.False(mixed);
        matcher.Replace(newIndex);
        Assert.Empty(matcher.Match("AAA000", null, [], Now)); // gone from the new file: no longer matches
    }
}
