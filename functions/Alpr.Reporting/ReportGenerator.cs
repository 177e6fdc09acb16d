using System.Security.Cryptography;
using Alpr.Core.Reports;
using Alpr.Core.Retention;
using Alpr.Reports;
using Alpr.Retention;
using Microsoft.Extensions.Options;

namespace Alpr.Reporting;

/// <summary>What a generation did: the version written, or why none was.</summary>
public sealed record GenerationResult(ReportManifest? Manifest, string? Skipped);

/// <summary>
/// Gathers → computes (core) → renders → archives one quarter's reports. The sample's seed comes from a
/// cryptographic generator and is recorded, so the draw is unpredictable beforehand and reproducible afterwards.
/// </summary>
public sealed class ReportGenerator(QuarterRecordSource source, ReportArchive archive, IOptions<ReportOptions> options,
    IOptions<RetentionOptions> retention, TimeProvider time)
{
    /// <summary>The retention preset names the agency, its zone and the audit period; without one reports are refused (fail closed).</summary>
    public RetentionPolicy Policy => RetentionPresets.Find(retention.Value.Policy)
        ?? throw new InvalidOperationException($"Retention:Policy must name a preset ({string.Join(", ", RetentionPresets.All.Keys)}) for quarterly reports");

    /// <summary>A new version of a quarter that has ended (the caller checks; on-demand generation for any past quarter).</summary>
    public async Task<ReportManifest> GenerateAsync(Quarter q, string trigger, CancellationToken ct) =>
        (await RunAsync(q, trigger, onlyVersion: null, ct))!;

    /// <summary>
    /// The timer's job: if the last ended quarter has no complete version, write one. A version being written by
    /// someone else (no manifest yet, younger than <see cref="ReportOptions.AbandonedAfter"/>) is left alone; an
    /// abandoned one is superseded by the next number. So a missed or repeated run only ever catches up.
    /// </summary>
    public async Task<GenerationResult> EnsureLastQuarterAsync(CancellationToken ct)
    {
        var policy = Policy;
        var now = time.GetUtcNow();
        var q = Quarter.LastEnded(now, policy.TimeZone);
        var versions = await archive.VersionsAsync(q.ToString(), ct);
        if (versions.Any(v => v.Complete)) return new GenerationResult(null, $"{q} already has version {versions.Last(v => v.Complete).Version}");
        var latest = versions.LastOrDefault();
        if (latest is not null && now - latest.StartedAt < options.Value.AbandonedAfter) return new GenerationResult(null, $"{q} v{latest.Version} is being written");
        var manifest = await RunAsync(q, "timer", onlyVersion: (latest?.Version ?? 0) + 1, ct);
        return manifest is null ? new GenerationResult(null, $"{q}: another instance took the version first") : new GenerationResult(manifest, null);
    }

    private async Task<ReportManifest?> RunAsync(Quarter q, string trigger, int? onlyVersion, CancellationToken ct)
    {
        var policy = Policy;
        var now = time.GetUtcNow();
        var records = await source.GatherAsync(q, policy, now, trigger, ct);
        ulong seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
        var report = QuarterReportBuilder.Build(records, seed, options.Value.SampleSize);
        return await archive.WriteAsync(report, v => ReportRenderer.Render(report, v), onlyVersion, ReportRetentionRule.DeletableFrom(policy, now), ct);
    }
}
