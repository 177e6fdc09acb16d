using System.Text.Json;

namespace Alpr.Cli;

/// <summary>Benchmark and summary JSON: snake_case keys, written to a file when --json FILE is given, else stdout.</summary>
public static class JsonOutput
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static async Task WriteAsync(object value, string? file, CancellationToken ct)
    {
        string json = JsonSerializer.Serialize(value, Options);
        if (string.IsNullOrEmpty(file)) Console.WriteLine(json);
        else await File.WriteAllTextAsync(file, json + "\n", ct);
    }
}
