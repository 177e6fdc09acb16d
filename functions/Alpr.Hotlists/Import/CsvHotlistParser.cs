using System.Globalization;
using System.Text;
using Alpr.Core.Hotlists;

namespace Alpr.Hotlists.Import;

/// <summary>
/// CSV hotlists. The first line names the columns (any order, case-insensitive): <c>plate</c> (required),
/// <c>state</c>, <c>reason</c>, <c>priority</c> (1 = highest), <c>expires</c> (ISO-8601 date or time),
/// <c>reference</c>, <c>entered_by</c>, <c>entry_reason</c>. A plate with <c>?</c> or <c>*</c> is a partial
/// plate. Bad rows are reported with their line number and skipped.
/// </summary>
public static class CsvHotlistParser
{
    public static ImportResult Parse(TextReader reader, ImportOptions options)
    {
        var entries = new List<HotlistEntry>();
        var errors = new List<ImportError>();
        string? header = reader.ReadLine();
        if (header is null) return EntryRules.Conclude(entries, errors, 0, options);
        var columns = Split(header).Select(c => c.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        int Col(string name) => columns.IndexOf(name);
        if (Col("plate") < 0) return new ImportResult([], [new ImportError(1, "the header has no 'plate' column")], 0, "the header has no 'plate' column");

        int line = 1, rows = 0;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            rows++;
            var fields = Split(text);
            string? Get(string name) => Col(name) is var i && i >= 0 && i < fields.Count && fields[i].Trim().Length > 0 ? fields[i].Trim() : null;
            if (fields.Count != columns.Count) { errors.Add(new ImportError(line, $"expected {columns.Count} fields, found {fields.Count}")); continue; }
            if (TryEntry(Get, options, out var entry, out var error)) entries.Add(entry!);
            else errors.Add(new ImportError(line, error!));
        }
        return EntryRules.Conclude(entries, errors, rows, options);
    }

    private static bool TryEntry(Func<string, string?> get, ImportOptions o, out HotlistEntry? entry, out string? error)
    {
        entry = null;
        string? plate = EntryRules.Plate(get("plate"), out error);
        if (plate is null) return false;
        string? state = EntryRules.State(get("state"), out error);
        if (error is not null) return false;
        string reason = get("reason") ?? EntryRules.DefaultReason(o.Source);
        if (reason.Length == 0) { error = "reason is required for this list"; return false; }
        int priority = o.DefaultPriority;
        if (get("priority") is { } p && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out priority) || priority is < 1 or > 9))
        { error = $"priority '{p}' must be 1–9"; return false; }
        DateTimeOffset? expires = null;
        if (get("expires") is { } x)
        {
            if (!DateTimeOffset.TryParse(x, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)) { error = $"expires '{x}' is not a date"; return false; }
            expires = when;
        }
        string? reference = get("reference");
        entry = new HotlistEntry
        {
            Id = EntryRules.EntryId(o.ListId, plate, state, reference),
            ListId = o.ListId, Plate = plate, State = state, Reason = reason, Priority = priority, ExpiresAt = expires,
            ReferenceNumber = reference, EnteredBy = get("entered_by") ?? o.ImportedBy, EntryReason = get("entry_reason"),
            EnteredAt = o.ImportedAt,
        };
        return true;
    }

    /// <summary>One CSV line: commas separate, double quotes enclose, "" inside quotes is a quote.</summary>
    public static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { current.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else current.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(current.ToString()); current.Clear(); }
            else current.Append(c);
        }
        fields.Add(current.ToString());
        return fields;
    }
}
