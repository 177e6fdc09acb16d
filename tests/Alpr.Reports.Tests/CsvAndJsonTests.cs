using System.Text;
using System.Text.Json;
using Alpr.Core.Reports;
using Alpr.Core.Tests.Reports;
using Alpr.Reports.Csv;
using Alpr.Reports.Json;

namespace Alpr.Reports.Tests;

public class CsvAndJsonTests
{
    private static readonly QuarterReport Report = QuarterReportBuilder.Build(SeededQuarter.Records(), SeededQuarter.Seed);

    private static List<string[]> Parse(byte[] csv)
    {
        // Minimal RFC 4180 reader for the test: quoted fields, doubled quotes, CRLF rows.
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        string text = Encoding.UTF8.GetString(csv);
        bool quoted = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { row.Add(field.ToString()); field.Clear(); rows.Add([.. row]); row.Clear(); i++; }
            else field.Append(c);
        }
        return rows;
    }

    private static List<string[]> Table(string name) => Parse(ReportCsv.Tables(Report).Single(t => t.Name == name).ToBytes());

    [Fact]
    public void Every_table_has_its_csv_with_the_seeded_figures()
    {
        var names = ReportCsv.Tables(Report).Select(t => t.Name).ToList();
        Assert.Equal(15, names.Distinct().Count());
        var days = Table("reads-per-day.csv");
        Assert.Equal(["day", "fixed", "mobile", "total", "purged"], days[0]);
        Assert.Equal(93, days.Count); // header + 92 days
        Assert.Equal(16, days.Skip(1).Sum(r => long.Parse(r[3])));
        Assert.Equal(["2026-10-02", "6", "0", "6", "6"], days.Single(r => r[0] == "2026-10-02"));
        Assert.Equal(["ncic", "4", "2", "1", "0", "1"], Table("hits-per-list.csv")[1]);
        Assert.Equal(16, Table("accesses.csv").Count); // header + 15 entries by people
        Assert.Equal(["r-old-orphan", "mobile", "2024-12-01T20:00:00Z", "760", "", "", "NO HOLD"], Table("over-retention.csv")[2]);
        Assert.Equal(6, Table("findings.csv").Count);
        var sample = Table("sample.csv");
        Assert.Equal(Report.Sample.Items.Sum(i => i.Views.Count) + 1, sample.Count);
    }

    [Fact]
    public void Cells_are_quoted_and_formula_like_text_is_defused()
    {
        var t = new CsvTable("t.csv", ["a", "b", "c"], [["=HYPERLINK(\"x\")", "one, two", "line\nbreak"], [-5, 0.25, "-rm"]]);
        var rows = Parse(t.ToBytes());
        Assert.Equal(["'=HYPERLINK(\"x\")", "one, two", "line\nbreak"], rows[1]);
        Assert.Equal(["-5", "0.25", "'-rm"], rows[2]); // numbers stay numbers; only text is escaped
    }

    [Fact]
    public void Summary_json_carries_the_figures_and_sample_json_can_be_redrawn()
    {
        using var summary = JsonDocument.Parse(ReportJson.Summary(Report, 2));
        var root = summary.RootElement;
        Assert.Equal("2026Q4", root.GetProperty("quarter").GetString());
        Assert.Equal(2, root.GetProperty("version").GetInt32());
        Assert.Equal(16, root.GetProperty("detection").GetProperty("totalReads").GetInt64());
        Assert.Equal(0.4, root.GetProperty("detection").GetProperty("misreadRate").GetDouble(), 10);
        Assert.Equal(4, root.GetProperty("audit").GetProperty("releases").GetProperty("requested").GetInt64());
        Assert.False(root.GetProperty("audit").TryGetProperty("accesses", out _)); // the raw log is in accesses.csv only
        Assert.Equal(5, root.GetProperty("findings").GetArrayLength());

        using var sampleDoc = JsonDocument.Parse(ReportJson.Sample(Report, 2));
        var s = sampleDoc.RootElement.GetProperty("sample");
        var candidates = s.GetProperty("candidates").EnumerateArray().Select(c => c.GetString()!).ToList();
        var redrawn = ReviewSampler.Choose(candidates, ReviewSampler.ParseSeed(s.GetProperty("seed").GetString()!), s.GetProperty("requested").GetInt32());
        Assert.Equal(s.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("image").GetString()), redrawn);
        Assert.Equal(ReviewSampler.Digest(candidates), s.GetProperty("candidatesSha256").GetString());
    }
}
