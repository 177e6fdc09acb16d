using Alpr.Core.Audit;
using Alpr.Core.Reports;

namespace Alpr.Core.Tests.Reports;

public class ReviewSamplerTests
{
    [Fact]
    public void SplitMix64_matches_the_reference_outputs()
    {
        // Published outputs of Vigna's splitmix64.c for seed 1234567, and the first for seed 0.
        var rng = new SplitMix64(1234567);
        Assert.Equal([6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Enumerable.Range(0, 5).Select(_ => rng.Next()).ToArray());
        Assert.Equal(0xE220A8397B1DCDAFUL, new SplitMix64(0).Next());
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_cover_it()
    {
        var rng = new SplitMix64(42);
        var seen = new int[7];
        for (int i = 0; i < 7000; i++) seen[rng.NextBelow(7)]++;
        Assert.All(seen, n => Assert.InRange(n, 850, 1150));
        Assert.Throws<ArgumentOutOfRangeException>(() => rng.NextBelow(0));
    }

    [Fact]
    public void The_draw_equals_an_independent_implementation()
    {
        // Expected values computed with a separate Python implementation of the same documented algorithm.
        Assert.Equal(["b", "c", "f", "g", "d"], ReviewSampler.Choose([.. "abcdefg".Select(c => c.ToString())], 1234567, 5));
        Assert.Equal(["x", "e", "g", "v", "b"], ReviewSampler.Choose([.. "abcdefghijklmnopqrstuvwxyz".Select(c => c.ToString())], 0xdeadbeefcafef00d, 5));
    }

    private static AuditEntry View(string image, string user, int minute, string? caseNumber = "26-000100", AuditOutcome outcome = AuditOutcome.Allowed, int resultCount = 1) => new()
    {
        Id = $"2026-07-02.{minute:D9}", At = new DateTimeOffset(2026, 7, 2, 12, minute, 0, TimeSpan.Zero), ActorType = "user", ActorId = user, ActorRole = "Officer",
        Action = ReviewSampler.ImageAction, Outcome = outcome, Target = image, Reason = "criminal-investigation", CaseNumber = caseNumber, ResultCount = resultCount,
        Query = $"read=2026-07-02/{image[^5..]}-0",
    };

    [Fact]
    public void Sample_is_reproducible_from_its_seed_and_lists_every_view()
    {
        var entries = Enumerable.Range(1, 9).Select(i => View($"captures/cam/2026/07/02/img{i:D2}", i % 2 == 0 ? "u-a" : "u-b", i)).ToList();
        entries.Add(View("captures/cam/2026/07/02/img03", "u-c", 30, "26-000900"));
        entries.Add(View("captures/cam/2026/07/02/refused", "u-c", 31, outcome: AuditOutcome.Refused));
        entries.Add(View("captures/cam/2026/07/02/missing", "u-c", 32, resultCount: 0));

        var candidates = ReviewSampler.Candidates(entries);
        Assert.Equal(9, candidates.Count); // refused and not-found requests handed out no image
        var sample = ReviewSampler.Draw(candidates, 0x1234_5678_9abc_def0);
        Assert.Equal(5, sample.Items.Count);
        Assert.Equal("123456789abcdef0", sample.Seed);
        Assert.Equal(9, sample.CandidateCount);
        Assert.Equal(sample.Candidates.Order(StringComparer.Ordinal), sample.Candidates);
        Assert.Equal(ReviewSampler.Digest(sample.Candidates), sample.CandidatesSha256);
        Assert.Equal(["1", "2", "3", "4", "5"], sample.Items.Select(i => i.ItemId));
        Assert.Equal(5, sample.Items.Select(i => i.Image).Distinct().Count());

        // Redrawn from what sample.json records (seed + candidates) alone: the same images in the same order.
        var again = ReviewSampler.Choose(sample.Candidates, ReviewSampler.ParseSeed(sample.Seed), sample.Requested);
        Assert.Equal(sample.Items.Select(i => i.Image), again);
        Assert.Equal(sample.Items.Select(i => i.Image), ReviewSampler.Draw(candidates.Reverse().ToList(), 0x1234_5678_9abc_def0).Items.Select(i => i.Image));
        Assert.NotEqual(sample.Items.Select(i => i.Image), ReviewSampler.Draw(candidates, 7).Items.Select(i => i.Image));

        var img03 = ReviewSampler.Draw(candidates, 1, size: 9).Items.Single(i => i.Image.EndsWith("img03"));
        Assert.Equal(["u-b", "u-c"], img03.Views.Select(v => v.UserId));
        Assert.Equal(["26-000100", "26-000900"], img03.Views.Select(v => v.CaseNumber));
        Assert.Equal("2026-07-02/img03-0", img03.Read);
    }

    [Fact]
    public void Fewer_candidates_than_five_are_all_taken_and_the_size_never_drops_below_five()
    {
        var entries = Enumerable.Range(1, 3).Select(i => View($"captures/x/img{i}", "u", i)).ToList();
        var sample = ReviewSampler.Draw(ReviewSampler.Candidates(entries), 99, size: 2);
        Assert.Equal(5, sample.Requested);
        Assert.Equal(3, sample.Items.Count);
    }
}
