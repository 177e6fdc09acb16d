using System.Globalization;
using System.Text;

namespace Alpr.Reports.Csv;

/// <summary>
/// One CSV file: RFC 4180 (comma, CRLF, fields with a comma, quote or line break quoted, quotes doubled), UTF-8,
/// invariant culture. Written by hand: it is this small, and CsvHelper 34 (the version served here) is a different
/// API from the one documented everywhere. Text cells a spreadsheet would run as a formula (=, +, -, @, tab or CR
/// first) get a leading apostrophe: log fields such as a query or a refusal reason come from users.
/// </summary>
public sealed record CsvTable(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows)
{
    public byte[] ToBytes()
    {
        var sb = new StringBuilder();
        AppendRow(sb, Header);
        foreach (var row in Rows) AppendRow(sb, row);
        return new UTF8Encoding(false).GetBytes(sb.ToString());
    }

    private static void AppendRow(StringBuilder sb, IEnumerable<object?> cells)
    {
        bool first = true;
        foreach (var cell in cells)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append(Quote(Cell(cell)));
        }
        sb.Append("\r\n");
    }

    public static string Quote(string text) =>
        text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;

    public static string Cell(object? value) => value switch
    {
        null => "",
        string s => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s,
        bool b => b ? "true" : "false",
        DateTimeOffset t => Format.Iso(t),
        DateOnly d => Format.Day(d),
        double x => x.ToString("0.######", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Cell(value.ToString()),
    };
}
