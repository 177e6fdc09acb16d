using Alpr.Core.Hotlists;
using Alpr.Core.Plates;

namespace Alpr.Hotlists.Import;

/// <summary>Rules every imported or entered hotlist entry obeys, whatever the file format.</summary>
public static class EntryRules
{
    /// <summary>The nature of the advisory when a row does not say (Palm Springs 430.1 list kinds).</summary>
    public static string DefaultReason(HotlistSource source) => source switch
    {
        HotlistSource.Svs => "stolen vehicle",
        HotlistSource.Fws => "wanted person (felony warrant)",
        HotlistSource.Mups => "missing person",
        HotlistSource.Amber => "AMBER alert",
        HotlistSource.Silver => "Silver alert",
        _ => "",
    };

    /// <summary>Normalises the plate (or validates a partial-plate pattern); null and an error when unusable.</summary>
    public static string? Plate(string? raw, out string? error)
    {
        error = null;
        if (raw is not null && raw.AsSpan().IndexOfAny('?', '*') >= 0)
        {
            if (PlatePattern.TryParse(raw, out var pattern, out error)) return pattern!.Text;
            return null;
        }
        string plate = PlateText.Normalize(raw);
        if (!PlateText.IsPlausible(plate)) { error = $"plate '{raw}' is not 2–8 letters and digits"; return null; }
        return plate;
    }

    public static string? State(string? raw, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(raw)) return null;
        string s = raw.Trim().ToUpperInvariant();
        if (s.Length != 2 || !s.All(char.IsAsciiLetterUpper)) { error = $"state '{raw}' is not a two-letter code"; return null; }
        return s;
    }

    /// <summary>Stable across re-imports, so alerts keep pointing at the same entry: the reference number when there is one.</summary>
    public static string EntryId(string listId, string plate, string? state, string? reference) =>
        $"{listId}:{(string.IsNullOrEmpty(reference) ? plate + (state is null ? "" : "-" + state) : reference)}";

    /// <summary>Refuses a file that is empty or mostly bad; otherwise the good rows stand.</summary>
    public static ImportResult Conclude(List<HotlistEntry> entries, List<ImportError> errors, int rows, ImportOptions options)
    {
        if (rows == 0) return new ImportResult([], errors, 0, "the file has no data rows");
        double bad = errors.Select(e => e.Line).Distinct().Count() / (double)rows;
        if (bad > options.MaxBadFraction)
            return new ImportResult([], errors, rows, $"{bad:P0} of the rows are bad (limit {options.MaxBadFraction:P0}); the list was not changed");
        var unique = new Dictionary<string, HotlistEntry>(StringComparer.Ordinal);
        foreach (var e in entries) unique[e.Id] = e; // a repeated entry: the later row wins
        return new ImportResult(unique.Values.ToList(), errors, rows, null);
    }
}
