namespace Alpr.Core.Reports;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014; the constants
/// of Vigna's public-domain reference splitmix64.c). Written out here rather than using System.Random(seed), whose
/// sequence .NET does not promise to keep across versions: a recorded seed must redraw the same audit sample in
/// years, on any runtime. Not for secrets; the seed itself comes from a cryptographic generator.
/// </summary>
public sealed class SplitMix64(ulong seed)
{
    public const string Name = "splitmix64";
    private ulong _state = seed;

    public ulong Next()
    {
        unchecked
        {
            ulong z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Uniform in [0, bound): outputs below 2^64 mod bound are rejected, so no value is favoured.</summary>
    public ulong NextBelow(ulong bound)
    {
        ArgumentOutOfRangeException.ThrowIfZero(bound);
        ulong threshold = unchecked(0UL - bound) % bound;
        while (true)
        {
            ulong r = Next();
            if (r >= threshold) return r % bound;
        }
    }
}
