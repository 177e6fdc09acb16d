using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Alpr.Core.Audit;

namespace Alpr.Core.Reports;

/// <summary>
/// Draws the random review of images users viewed or downloaded in a quarter. Deterministic given the seed: the
/// distinct images are sorted ordinally, then a partial Fisher–Yates shuffle driven by <see cref="SplitMix64"/>
/// picks the first k (position i swaps with i + NextBelow(n − i)). Anyone holding sample.json can redraw it.
/// </summary>
public static class ReviewSampler
{
    public const string Algorithm = "splitmix64+partial-fisher-yates over ordinally sorted image names (v1)";
    public const int MinimumSize = 5;
    /// <summary>The audit action of handing a user an image link (GET /api/reads/{day}/{id}/image).</summary>
    public const string ImageAction = "reads.image";

    /// <summary>Images handed to users (allowed, found) in the entries given, with all their views.</summary>
    public static IReadOnlyList<SampleCandidate> Candidates(IEnumerable<AuditEntry> entries) =>
        entries.Where(e => e is { ActorType: "user", Action: ImageAction, Outcome: AuditOutcome.Allowed, ResultCount: 1, Target: not null })
            .GroupBy(e => e.Target!, StringComparer.Ordinal)
            .Select(g => new SampleCandidate(g.Key, g.Select(e => ReadOf(e.Query)).FirstOrDefault(r => r is not null),
                g.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal)
                    .Select(e => new ImageView(e.Id, e.At, e.ActorId, e.ActorRole, e.Reason, e.CaseNumber)).ToList()))
            .OrderBy(c => c.Image, StringComparer.Ordinal).ToList();

    /// <summary>"read=2026-07-01/abc-0;kind=crop" → "2026-07-01/abc-0" (the image endpoint logs which read it served).</summary>
    private static string? ReadOf(string? query) =>
        query is not null && query.StartsWith("read=", StringComparison.Ordinal) ? query[5..].Split(';')[0] : null;

    public static ulong ParseSeed(string seed) => ulong.Parse(seed, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    public static string FormatSeed(ulong seed) => seed.ToString("x16", CultureInfo.InvariantCulture);

    public static ReviewSample Draw(IReadOnlyList<SampleCandidate> candidates, ulong seed, int size = MinimumSize)
    {
        size = Math.Max(size, MinimumSize);
        var byImage = candidates.ToDictionary(c => c.Image, StringComparer.Ordinal);
        var keys = byImage.Keys.Order(StringComparer.Ordinal).ToList();
        var chosen = Choose(keys, seed, size);
        var items = chosen.Select((image, i) => new SampleItem((i + 1).ToString(CultureInfo.InvariantCulture), i + 1, image, byImage[image].Read, byImage[image].Views)).ToList();
        return new ReviewSample(Algorithm, FormatSeed(seed), size, keys.Count, Digest(keys), keys, items);
    }

    /// <summary>The draw itself, on the sorted candidate names: what a reviewer reruns to reproduce a sample.</summary>
    public static IReadOnlyList<string> Choose(IReadOnlyList<string> sortedKeys, ulong seed, int size)
    {
        var pool = sortedKeys.ToArray();
        int k = Math.Min(size, pool.Length);
        var rng = new SplitMix64(seed);
        for (int i = 0; i < k; i++)
        {
            int j = i + (int)rng.NextBelow((ulong)(pool.Length - i));
            (pool[i], pool[j]) = (pool[j], pool[i]);
        }
        return pool[..k];
    }

    /// <summary>SHA-256 of the candidate names joined by '\n' (lowercase hex).</summary>
    public static string Digest(IEnumerable<string> sortedKeys) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sortedKeys))));
}
