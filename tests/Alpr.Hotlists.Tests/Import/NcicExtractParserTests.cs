using Alpr.Core.Hotlists;
using Alpr.Hotlists.Import;

namespace Alpr.Hotlists.Tests.Import;

public class NcicExtractParserTests
{
    private static readonly ImportOptions Options = new() { ListId = "ncic", Source = HotlistSource.Ncic, ImportedBy = "ncic-feed", ImportedAt = Entries.Now };

    [Fact]
    public void Reads_the_fixed_columns()
    {
        const string file = """
            # NCIC extract 2026-11-23
            7ABC123   CAPCSTOLV12345678920261101
            5LOD951   NVPCFELWW98765432120261115
            """;
        var r = NcicExtractParser.Parse(new StringReader(file), Options);
        Assert.Empty(r.Errors);
        var stolen = r.Entries.Single(e => e.Plate == "7ABC123");
        Assert.Equal("CA", stolen.State);
        Assert.Equal("stolen vehicle", stolen.Reason);
        Assert.Equal("V123456789", stolen.ReferenceNumber);
        Assert.Equal("ncic:V123456789", stolen.Id);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), stolen.EnteredAt);
        Assert.Contains("plate type PC", stolen.EntryReason);
        var wanted = r.Entries.Single(e => e.Plate == "5LOD951");
        Assert.Equal("wanted person (felony warrant)", wanted.Reason);
        Assert.Equal(1, wanted.Priority);
    }

    [Fact]
    public void Bad_lines_name_their_line_number()
    {
        const string file = """
            7ABC123   CAPCSTOLV12345678920261101
            7ABC124   CAPCXXXXV12345678920261101
            7ABC125   CAPCSTOLV12345678920261341
            SHORT
            7ABC126   CAPCSTOLV12345679020261101
            7ABC127   CAPCSTOLV12345679120261101
            7ABC128   CAPCSTOLV12345679220261101
            """;
        var r = NcicExtractParser.Parse(new StringReader(file), Options);
        Assert.Equal([2, 3, 4], r.Errors.Select(e => e.Line));
        Assert.Contains("reason code", r.Errors[0].Message);
        Assert.Contains("date", r.Errors[1].Message);
        Assert.Contains("characters", r.Errors[2].Message);
        Assert.Equal(4, r.Entries.Count);
    }
}
