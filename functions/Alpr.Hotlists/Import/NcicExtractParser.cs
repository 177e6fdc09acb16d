using System.Globalization;
using Alpr.Core.Hotlists;

namespace Alpr.Hotlists.Import;

/// <summary>
/// NCIC-extract style fixed-width files, one entry a line (columns are 1-based, inclusive):
/// <code>
///  1–10  plate (left-aligned, space-padded)      11–12  state (two letters)
/// 13–14  plate type (PC, TK, MC, ...)             15–18  reason code (STOL, FELW, MISS, AMBR, SILV, INFO)
/// 19–28  NIC number                               29–36  entry date (YYYYMMDD)
/// </code>
/// Lines starting with '#' are comments. The NIC number is the entry's reference number.
/// </summary>
public static class NcicExtractParser
{
    public const int LineLength = 36;

    public static readonly IReadOnlyDictionary<string, (string Reason, int Priority)> ReasonCodes = new Dictionary<string, (string, int)>
    {
        ["STOL"] = ("stolen vehicle", 2),
        ["FELW"] = ("wanted person (felony warrant)", 1),
        ["MISS"] = ("missing person", 1),
        ["AMBR"] = ("AMBER alert", 1),
        ["SILV"] = ("Silver alert", 1),
        ["INFO"] = ("informational", 4),
    };

    public static ImportResult Parse(TextReader reader, ImportOptions options)
    {
        var entries = new List<HotlistEntry>();
        var errors = new List<ImportError>();
        int line = 0, rows = 0;
        for (string? text = reader.ReadLine(); text is not null; text = reader.ReadLine())
        {
            line++;
            if (string.IsNullOrWhiteSpace(text) || text.StartsWith('#')) continue;
            rows++;
            if (text.Length < LineLength) { errors.Add(new ImportError(line, $"line is {text.Length} characters; the layout needs {LineLength}")); continue; }
            string plateRaw = text[..10].Trim(), stateRaw = text[10..12], type = text[12..14].Trim(), code = text[14..18].Trim().ToUpperInvariant();
            string nic = text[18..28].Trim(), dateRaw = text[28..36];
            string? plate = EntryRules.Plate(plateRaw, out var error);
            string? state = plate is null ? null : EntryRules.State(stateRaw, out error);
            if (error is not null || plate is null) { errors.Add(new ImportError(line, error!)); continue; }
            if (!ReasonCodes.TryGetValue(code, out var reason)) { errors.Add(new ImportError(line, $"unknown reason code '{code}'")); continue; }
            if (nic.Length == 0) { errors.Add(new ImportError(line, "NIC number is missing")); continue; }
            if (!DateTime.TryParseExact(dateRaw, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var entered))
            { errors.Add(new ImportError(line, $"entry date '{dateRaw}' is not YYYYMMDD")); continue; }
            entries.Add(new HotlistEntry
            {
                Id = EntryRules.EntryId(options.ListId, plate, state, nic),
                ListId = options.ListId, Plate = plate, State = state, Reason = reason.Reason, Priority = reason.Priority,
                ReferenceNumber = nic, EnteredBy = options.ImportedBy,
                EntryReason = type.Length > 0 ? $"NCIC {code}, plate type {type}" : $"NCIC {code}",
                EnteredAt = new DateTimeOffset(entered, TimeSpan.Zero),
            });
        }
        return EntryRules.Conclude(entries, errors, rows, options);
    }
}
