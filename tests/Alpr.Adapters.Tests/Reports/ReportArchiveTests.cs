using Alpr.Core.Reports;
using Alpr.Core.Retention;
using Alpr.Reporting;
using Alpr.Reports;
using Alpr.Storage;
using Alpr.Testing;
using Microsoft.Extensions.Options;

namespace Alpr.Adapters.Tests.Reports;

/// <summary>Report versions on Azurite: create-only blobs, racing writers, unfinished versions, deletion.</summary>
public class ReportArchiveTests
{
    private static async Task<ReportArchive> ArchiveAsync()
    {
        var servers = await LocalServices.GetAsync();
        var storage = new StorageClients(new StorageOptions { ConnectionString = servers.Azurite.ConnectionString, RequireHttps = false });
        var archive = new ReportArchive(storage, Options.Create(new ReportOptions { Container = "reports-" + Guid.NewGuid().ToString("N")[..12] }));
        await archive.EnsureCreatedAsync(default);
        return archive;
    }

    private static QuarterReport Report(ulong seed) => QuarterReportBuilder.Build(new QuarterRecords
    {
        Quarter = new Quarter(2026, 2), Policy = RetentionPresets.Escondido, GeneratedAt = new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), Trigger = "test",
        Detection = new DetectionTally(new Quarter(2026, 2), RetentionPresets.Escondido.TimeZone), Chain = new ChainCheck(true, 91, 0, null),
    }, seed);

    private static IReadOnlyList<ReportFile> Files(int version) => [new("a.json", "application/json", [(byte)version]), new("b.csv", "text/csv", [1, 2, (byte)version])];

    [Fact]
    public async Task Racing_writers_get_distinct_versions_and_nothing_is_overwritten()
    {
        var archive = await ArchiveAsync();
        var keep = DateTimeOffset.UtcNow.AddYears(2);
        var written = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => archive.WriteAsync(Report((ulong)i), Files, null, keep, default)));
        Assert.Equal([1, 2, 3, 4], written.Select(m => m!.Version).Order());
        var versions = await archive.VersionsAsync("2026Q2", default);
        Assert.All(versions, v => Assert.True(v.Complete));
        foreach (var m in written)
            Assert.Equal(new[] { (byte)m!.Version }, await archive.ReadAsync("2026Q2", m.Version, "a.json", default));
        // Asking for exactly version 2 again: refused, its bytes untouched.
        Assert.Null(await archive.WriteAsync(Report(9), v => [new("a.json", "application/json", [99])], onlyVersion: 2, keep, default));
        Assert.Equal(new byte[] { 2 }, await archive.ReadAsync("2026Q2", 2, "a.json", default));
        Assert.Equal(4, await archive.LatestCompleteAsync("2026Q2", default));
    }

    [Fact]
    public async Task A_version_without_its_manifest_is_unfinished_and_deleting_removes_all_of_it()
    {
        var archive = await ArchiveAsync();
        var keep = DateTimeOffset.UtcNow.AddYears(2);
        var m = (await archive.WriteAsync(Report(1), Files, null, keep, default))!;
        await archive.AddFindingAsync(new SampleFinding("2026Q2", m.Version, "1", "captures/x.jpg", "complies", "ok", "auditor", "Auditor", DateTimeOffset.UtcNow), keep, default);
        Assert.Single(await archive.FindingsAsync("2026Q2", m.Version, default));

        Assert.True(await archive.DeleteVersionAsync("2026Q2", m.Version, default) >= 4); // two files, the manifest, the finding
        Assert.Empty(await archive.VersionsAsync("2026Q2", default));

        // A crash after the first file: the version exists but is not complete, and the next writer takes the next number.
        var partial = await archive.WriteAsync(Report(2), v => v == 1 ? throw new IOException("crash") : Files(v), onlyVersion: null, keep, default)
            .ContinueWith(t => t.Exception is null ? t.Result : null);
        Assert.Null(partial);
        Assert.Null(await archive.LatestCompleteAsync("2026Q2", default));
    }

    [Theory]
    [InlineData(730, false)]
    [InlineData(731, true)]
    public void Reports_are_kept_730_local_days_and_deleted_on_the_731st(int days, bool expired)
    {
        var policy = RetentionPresets.SanLeandro;
        var written = RetentionClock.StartOfDay(new DateOnly(2026, 10, 1), policy.TimeZone).AddMinutes(5);
        var now = RetentionClock.StartOfDay(new DateOnly(2026, 10, 1).AddDays(days), policy.TimeZone).AddMinutes(1);
        Assert.Equal(expired, ReportRetentionRule.IsExpired(policy, written, now));
        Assert.Equal(RetentionClock.StartOfDay(new DateOnly(2026, 10, 1).AddDays(731), policy.TimeZone), ReportRetentionRule.DeletableFrom(policy, written));
    }
}
