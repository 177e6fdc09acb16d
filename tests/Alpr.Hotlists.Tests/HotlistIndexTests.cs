using Alpr.Core.Hotlists;
using Alpr.Core.Reads;
using static Alpr.Hotlists.Tests.Entries;

namespace Alpr.Hotlists.Tests;

public class HotlistIndexTests
{
    private static IReadOnlyList<HotlistMatch> Match(HotlistIndex index, string plate, string? region = null, params PlateCandidate[] alternatives) =>
        index.Match(plate, region, alternatives, Now);

    [Fact]
    public void Exact_match_returns_the_whole_entry_and_its_list()
    {
        var index = new HotlistIndex([Svs], [Entry("7ABC123", state: "CA", priority: 1), Entry("8XYZ999")]);
        var m = Assert.Single(Match(index, "7ABC123"));
        Assert.Equal(MatchKind.Exact, m.Kind);
        Assert.Equal(1.0, m.Confidence);
        Assert.Equal("svs:7ABC123", m.Entry.Id);
        Assert.Equal("CA", m.Entry.State);
        Assert.Equal("V7ABC123", m.Entry.ReferenceNumber);
        Assert.Equal("clerk-1", m.Entry.EnteredBy);
        Assert.Equal(1, m.Entry.Priority);
        Assert.Equal(Now.AddDays(-1), m.Entry.EnteredAt);
        Assert.Same(Svs, m.List);
        Assert.Empty(Match(index, "7ABC124"));
    }

    [Theory]
    [InlineData("8ABC123", "BABC123", 1)]   // 8 read as B
    [InlineData("7ABC123", "7A8C123", 1)]   // B read as 8
    [InlineData("5LOD951", "5L0D951", 1)]   // O read as 0
    [InlineData("CK0A1F", "CKOAIF", 2)]     // 0→O and 1→I
    [InlineData("2DZ5S6", "ZDZSS6", 2)]     // 2→Z, 5→S
    public void Confusable_characters_give_a_fuzzy_hit_with_lower_confidence(string entry, string read, int differences)
    {
        var index = new HotlistIndex([Svs], [Entry(entry)]);
        var m = Assert.Single(Match(index, read));
        Assert.Equal(MatchKind.Fuzzy, m.Kind);
        Assert.Equal(Math.Round(Math.Pow(0.85, differences), 4), m.Confidence);
    }

    [Theory]
    [InlineData("1SG719", "ISC719")]   // G/C is not a confusion pair
    [InlineData("7ABC123", "7ABC12")]  // a character missing is not a confusion
    [InlineData("7ABC123", "7XBC123")] // A/X is not a confusion pair
    public void Other_differences_are_not_fuzzy_hits(string entry, string read) =>
        Assert.Empty(Match(new HotlistIndex([Svs], [Entry(entry)]), read));

    [Fact]
    public void Alternative_readings_of_the_recogniser_are_tried()
    {
        var index = new HotlistIndex([Svs], [Entry("6MMD595")]);
        var m = Assert.Single(Match(index, "6MHD595", null, new PlateCandidate("6MHD595", 0.87), new PlateCandidate("6MMD595", 0.5)));
        Assert.Equal(MatchKind.Fuzzy, m.Kind);
        Assert.Equal("6MMD595", m.MatchedText);
        Assert.Equal(0.4, m.Confidence);
    }

    [Fact]
    public void Alternatives_that_are_other_text_of_the_image_are_ignored()
    {
        var index = new HotlistIndex([Svs], [Entry("5UVR090")]);
        // A badge read as a "plate" whose alternative list names another line of the image.
        Assert.Empty(Match(index, "RAV4", null, new PlateCandidate("RAV4", 0.9), new PlateCandidate("5UVR090", 0.5)));
        Assert.Empty(Match(index, "5UVR09", null, new PlateCandidate("5UVR090", 0.5)));
    }

    [Theory]
    [InlineData("7AB?1*", "7ABX123", true)]
    [InlineData("7AB?1*", "7AB1", false)]
    [InlineData("7AB?1*", "7ABX1", true)]
    [InlineData("*C123", "7ABC123", true)]
    [InlineData("*C123", "7ABC124", false)]
    [InlineData("*BC1*", "7ABC123", true)]
    [InlineData("?BX9??", "ABX9CD", true)]
    [InlineData("?BX9??", "ABX9CDE", false)]
    public void Partial_plates_match_on_known_characters_only(string pattern, string read, bool expected)
    {
        var index = new HotlistIndex([Local], [Entry(pattern, list: "local")]);
        var matches = Match(index, read);
        Assert.Equal(expected, matches.Count == 1);
        if (expected) Assert.Equal(MatchKind.Partial, matches[0].Kind);
    }

    [Fact]
    public void State_mismatch_lowers_confidence_but_does_not_drop_the_hit()
    {
        var index = new HotlistIndex([Svs], [Entry("7ABC123", state: "CA")]);
        Assert.Equal(1.0, Assert.Single(Match(index, "7ABC123", "CA")).Confidence);
        Assert.Equal(1.0, Assert.Single(Match(index, "7ABC123", null)).Confidence);
        Assert.Equal(0.6, Assert.Single(Match(index, "7ABC123", "NV")).Confidence);
    }

    [Fact]
    public void Expired_entries_never_match()
    {
        var index = new HotlistIndex([Svs], [Entry("7ABC123", expires: Now.AddMinutes(-1)), Entry("8ABC123", expires: Now.AddDays(1))]);
        Assert.Empty(Match(index, "7ABC123"));
        Assert.Single(Match(index, "8ABC123"));
    }

    [Fact]
    public void Entries_of_unknown_lists_and_bad_plates_are_left_out()
    {
        var index = new HotlistIndex([Svs], [Entry("7ABC123", list: "gone"), Entry("TOO-LONG-PLATE-1234"), Entry("AB?")]);
        Assert.Equal(0, index.EntryCount);
    }

    [Fact]
    public void The_same_plate_on_two_lists_hits_both_highest_priority_first_among_equals()
    {
        var index = new HotlistIndex([Svs, Local], [Entry("7ABC123", priority: 3), Entry("7ABC123", list: "local", priority: 1)]);
        var matches = Match(index, "7ABC123");
        Assert.Equal(["local", "svs"], matches.Select(m => m.List.Id));
    }

    [Fact]
    public void Bytes_per_entry_stay_small()
    {
        var rng = new Random(1);
        var entries = Enumerable.Range(0, 50_000).Select(i => Entry($"{rng.Next(10)}{(char)('A' + rng.Next(26))}{(char)('A' + rng.Next(26))}{(char)('A' + rng.Next(26))}{rng.Next(1000):000}", id: $"e{i}"));
        var index = new HotlistIndex([Svs], entries);
        Assert.InRange(index.ApproximateBytes / (double)index.EntryCount, 20, 150);
    }
}
