using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Alpr.Core.Reports;
using Alpr.Reports;
using Alpr.Reports.Json;
using Alpr.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Options;

namespace Alpr.Reporting;

/// <summary>
/// Report versions in the "reports" container: <c>{quarter}/v{n}/{file}</c>. Every blob is written with
/// <c>If-None-Match: *</c>, so nothing written is ever overwritten; a regeneration is version n+1. Two writers racing
/// for the same n: the loser's first write fails and it takes the next number. manifest.json goes last and marks
/// the version complete. Reviewer findings are further create-only blobs under <c>{quarter}/v{n}/findings/</c>.
/// </summary>
public sealed class ReportArchive(StorageClients storage, IOptions<ReportOptions> options)
{
    public const string ManifestName = "manifest.json";
    private BlobContainerClient Container => storage.Container(options.Value.Container);

    public static string Prefix(string quarter, int version) => $"{quarter}/v{version}/";

    public Task EnsureCreatedAsync(CancellationToken ct) => Container.CreateIfNotExistsAsync(PublicAccessType.None, cancellationToken: ct);

    /// <summary>Every version of every quarter (or of one), complete or not.</summary>
    public async Task<IReadOnlyList<ReportVersion>> VersionsAsync(string? quarter, CancellationToken ct)
    {
        var found = new Dictionary<(string, int), (bool Complete, DateTimeOffset Started)>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = quarter is null ? null : quarter + "/" }, ct))
        {
            var parts = blob.Name.Split('/');
            if (parts.Length < 3 || !Quarter.TryParse(parts[0], out _) || !parts[1].StartsWith('v')
                || !int.TryParse(parts[1][1..], NumberStyles.None, CultureInfo.InvariantCulture, out int v)) continue;
            var key = (parts[0], v);
            var created = blob.Properties.CreatedOn ?? blob.Properties.LastModified ?? DateTimeOffset.MinValue;
            var cur = found.TryGetValue(key, out var c) ? c : (Complete: false, Started: created);
            found[key] = (cur.Complete || (parts.Length == 3 && parts[2] == ManifestName), created < cur.Started ? created : cur.Started);
        }
        return found.Select(kv => new ReportVersion(kv.Key.Item1, kv.Key.Item2, kv.Value.Complete, kv.Value.Started))
            .OrderBy(v => v.Quarter, StringComparer.Ordinal).ThenBy(v => v.Version).ToList();
    }

    public async Task<int?> LatestCompleteAsync(string quarter, CancellationToken ct) =>
        (await VersionsAsync(quarter, ct)).Where(v => v.Complete).Select(v => (int?)v.Version).LastOrDefault();

    /// <summary>
    /// Writes a new version: the next free number (or exactly <paramref name="onlyVersion"/>, returning null if it is
    /// taken). <paramref name="render"/> gets the number, since the PDFs print it. <paramref name="keepUntil"/> is when
    /// the purge may delete it (the end of the immutability policy, where one is applied).
    /// </summary>
    public async Task<ReportManifest?> WriteAsync(QuarterReport report, Func<int, IReadOnlyList<ReportFile>> render, int? onlyVersion, DateTimeOffset keepUntil, CancellationToken ct)
    {
        int version = onlyVersion ?? ((await VersionsAsync(report.Quarter, ct)).Select(v => v.Version).DefaultIfEmpty(0).Max() + 1);
        for (int attempt = 0; attempt < 10; attempt++, version++)
        {
            var files = render(version);
            string prefix = Prefix(report.Quarter, version);
            if (!await CreateAsync(prefix + files[0].Name, files[0].Content, files[0].ContentType, keepUntil, ct))
            {
                if (onlyVersion is not null) return null;
                continue; // another writer took this number first
            }
            foreach (var f in files.Skip(1))
                if (!await CreateAsync(prefix + f.Name, f.Content, f.ContentType, keepUntil, ct))
                    throw new InvalidOperationException($"{prefix}{f.Name} already exists: version {version} is being written twice");
            var manifest = new ReportManifest(report.Quarter, version, report.GeneratedAt, report.Trigger, report.Policy, report.Sample.Seed, report.Findings.Count,
                files.Select(f => new ManifestFile(f.Name, f.ContentType, f.Content.Length, Convert.ToHexStringLower(SHA256.HashData(f.Content)))).ToList());
            await CreateAsync(prefix + ManifestName, JsonSerializer.SerializeToUtf8Bytes(manifest, ReportJson.Options), "application/json", keepUntil, ct);
            return manifest;
        }
        throw new InvalidOperationException($"no free version number for {report.Quarter} after 10 tries");
    }

    public async Task<ReportManifest?> ManifestAsync(string quarter, int version, CancellationToken ct) =>
        await ReadAsync(quarter, version, ManifestName, ct) is { } bytes ? JsonSerializer.Deserialize<ReportManifest>(bytes, ReportJson.Options) : null;

    public async Task<byte[]?> ReadAsync(string quarter, int version, string name, CancellationToken ct)
    {
        try { return (await Container.GetBlobClient(Prefix(quarter, version) + name).DownloadContentAsync(ct)).Value.Content.ToArray(); }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound) { return null; }
    }

    /// <summary>Stores a finding as a new blob (never replacing one): a later finding on the same item supersedes, both stay.</summary>
    public async Task AddFindingAsync(SampleFinding finding, DateTimeOffset keepUntil, CancellationToken ct)
    {
        string name = $"{Prefix(finding.Quarter, finding.Version)}findings/{finding.ItemId}/{finding.At.UtcDateTime:yyyyMMdd'T'HHmmssfffffff'Z'}-{Guid.NewGuid():N}.json";
        if (!await CreateAsync(name, JsonSerializer.SerializeToUtf8Bytes(finding, ReportJson.Options), "application/json", keepUntil, ct))
            throw new InvalidOperationException($"finding blob {name} exists");
    }

    public async Task<IReadOnlyList<SampleFinding>> FindingsAsync(string quarter, int version, CancellationToken ct)
    {
        var list = new List<SampleFinding>();
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = Prefix(quarter, version) + "findings/" }, ct))
        {
            var bytes = (await Container.GetBlobClient(blob.Name).DownloadContentAsync(ct)).Value.Content.ToArray();
            list.Add(JsonSerializer.Deserialize<SampleFinding>(bytes, ReportJson.Options)!);
        }
        return list.OrderBy(f => f.At).ThenBy(f => f.ItemId, StringComparer.Ordinal).ToList();
    }

    /// <summary>Deletes a whole version, manifest first (so it stops being shown at once; a crash leaves an unfinished version the next run removes).</summary>
    public async Task<int> DeleteVersionAsync(string quarter, int version, CancellationToken ct)
    {
        string prefix = Prefix(quarter, version);
        int deleted = (await Container.GetBlobClient(prefix + ManifestName).DeleteIfExistsAsync(cancellationToken: ct)).Value ? 1 : 0;
        await foreach (var blob in Container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct))
            if ((await Container.GetBlobClient(blob.Name).DeleteIfExistsAsync(cancellationToken: ct)).Value) deleted++;
        return deleted;
    }

    /// <summary>False when the blob already exists (If-None-Match: *): written blobs are never replaced.</summary>
    private async Task<bool> CreateAsync(string name, byte[] content, string contentType, DateTimeOffset keepUntil, CancellationToken ct)
    {
        var blob = Container.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            }, ct);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict) { return false; }
        if (options.Value.ApplyImmutabilityPolicy)
            await blob.SetImmutabilityPolicyAsync(new BlobImmutabilityPolicy
            {
                // Until the purge may remove it; unlocked so a wrong period can still be corrected by an administrator.
                ExpiresOn = keepUntil, PolicyMode = BlobImmutabilityPolicyMode.Unlocked,
            }, cancellationToken: ct);
        return true;
    }
}
