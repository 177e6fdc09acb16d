using System.Net.Http.Headers;
using System.Text.Json;
using Alpr.Core.Reports;
using Alpr.LocalServers;

namespace Alpr.Cli.Commands;

/// <summary>
/// Generates a past quarter's reports on demand through the app (POST /api/reports/{quarter}), so the request is
/// permission-checked and audited like any other, and optionally downloads every file. Unlike `audit verify`, which
/// reads Cosmos directly, this needs the app's URL and a bearer token of an auditor, the ALPR administrator or the chief:
/// --token (or ALPR_TOKEN), or --user ID for a development token signed with the local key (./alpr up).
/// </summary>
public sealed class AuditReportCommand(Func<Uri, HttpClient>? clientFor = null) : ICommand
{
    public string Path => "audit report";
    public string Summary => "generate a quarter's audit reports --quarter 2026Q3 --endpoint APP_URL (--token T | --user dev-auditor) [--out DIR]";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        if (!Quarter.TryParse(args.Get("quarter"), out var quarter)) { Console.Error.WriteLine("--quarter is required, written like 2026Q3"); return 2; }
        string? endpoint = args.Get("endpoint") ?? Environment.GetEnvironmentVariable("ALPR_ENDPOINT");
        if (endpoint is null || !Uri.TryCreate(endpoint, UriKind.Absolute, out var baseUri)) { Console.Error.WriteLine("--endpoint (the app's URL, or ALPR_ENDPOINT) is required"); return 2; }
        string? token = args.Get("token") ?? Environment.GetEnvironmentVariable("ALPR_TOKEN")
            ?? (args.Get("user") is { } user ? DevTokens.Issue(DevTokens.LocalSigningKey(), user, user, TimeSpan.FromMinutes(15)) : null);
        if (token is null) { Console.Error.WriteLine("--token (or ALPR_TOKEN) is required; locally --user dev-auditor signs one"); return 2; }

        using var http = clientFor?.Invoke(baseUri) ?? new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var resp = await http.PostAsync($"/api/reports/{quarter}", null, ct);
        string body = await resp.Content.ReadAsStringAsync(ct);
        if (!resp.IsSuccessStatusCode)
        {
            Console.Error.WriteLine($"{(int)resp.StatusCode} {resp.ReasonPhrase}: {body}");
            return 1;
        }
        using var manifest = JsonDocument.Parse(body);
        var m = manifest.RootElement;
        int version = m.GetProperty("version").GetInt32();
        var files = m.GetProperty("files").EnumerateArray().Select(f => f.GetProperty("name").GetString()!).ToList();
        Console.WriteLine($"{quarter} version {version} written: {files.Count} files, {m.GetProperty("findings").GetInt32()} finding(s), sample seed {m.GetProperty("sampleSeed").GetString()}");
        if (args.Get("out") is { } dir)
        {
            Directory.CreateDirectory(dir);
            foreach (var name in files)
            {
                var file = await http.GetAsync($"/api/reports/{quarter}/files/{name}?version={version}", ct);
                file.EnsureSuccessStatusCode();
                await File.WriteAllBytesAsync(System.IO.Path.Combine(dir, name), await file.Content.ReadAsByteArrayAsync(ct), ct);
            }
            Console.WriteLine($"files in {System.IO.Path.GetFullPath(dir)}");
        }
        return 0;
    }
}
