namespace Alpr.Cli;

/// <summary>Options after the command words: <c>--name value</c>, <c>--flag</c>, and positionals.</summary>
public sealed class CommandArgs
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    public List<string> Positionals { get; } = [];

    public CommandArgs(IEnumerable<string> args)
    {
        var list = args.ToList();
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i].StartsWith("--", StringComparison.Ordinal))
            {
                string key = list[i][2..];
                int eq = key.IndexOf('=');
                if (eq >= 0) { _options[key[..eq]] = key[(eq + 1)..]; continue; }
                bool hasValue = i + 1 < list.Count && !list[i + 1].StartsWith("--", StringComparison.Ordinal);
                _options[key] = hasValue ? list[++i] : null;
            }
            else Positionals.Add(list[i]);
        }
    }

    public bool Has(string name) => _options.ContainsKey(name);
    public string? Get(string name) => _options.TryGetValue(name, out var v) ? v : null;
    public string Get(string name, string fallback) => Get(name) ?? fallback;
    public int GetInt(string name, int fallback) => int.TryParse(Get(name), out var v) ? v : fallback;
    public double GetDouble(string name, double fallback) => double.TryParse(Get(name), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;
    public IReadOnlyList<int> GetInts(string name, params int[] fallback) =>
        Get(name) is { } s ? s.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray() : fallback;
}
