using Alpr.Core.Hotlists;
using Alpr.Hotlists.Import;

namespace Alpr.Hotlists.Tests.Import;

public class CsvHotlistParserTests
{
    private static readonly ImportOptions Options = new() { ListId = "svs", Source = HotlistSource.Svs, ImportedBy = "importer", ImportedAt = Entries.Now };

    private static ImportResult Parse(string csv, ImportOptions? o = null) => CsvHotlistParser.Parse(new StringReader(csv), o ?? Options);

    [Fact]
    public void Reads_every_column_and_normalises_plates()
    {
        var r = Parse("""
            Plate,State,Reason,Priority,Expires,Reference,Entered_By,Entry_Reason
            7abc 123,ca,stolen vehicle,1,2027-01-01,V123,officer-9,"taken from lot, Main St"
            8XYZ-999,,,,,,,
            """);
        Assert.False(r.Refused);
        Assert.Empty(r.Errors);
        var e = r.Entries.Single(x => x.Plate == "7ABC123");
        Assert.Equal("CA", e.State);
        Assert.Equal(1, e.Priority);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero), e.ExpiresAt);
        Assert.Equal("svs:V123", e.Id);
        Assert.Equal("officer-9", e.EnteredBy);
        Assert.Equal("taken from lot, Main St", e.EntryReason);
        var d = r.Entries.Single(x => x.Plate == "8XYZ999");
        Assert.Equal("stolen vehicle", d.Reason); // the list's default nature of advisory
        Assert.Equal("importer", d.EnteredBy);
        Assert.Equal(2, d.Priority);
    }

    [Fact]
    public void Bad_rows_are_reported_with_line_numbers_and_skipped()
    {
        var r = Parse("""
            plate,state,priority,expires
            7ABC123,CA,1,
            X,CA,1,
            8ABC123,California,1,
            9ABC123,CA,high,
            1ABC123,CA,2,someday
            2ABC123,CA,2,
            3ABC123,CA,2,
            4ABC123,CA,2,
            5ABC123,CA,2,
            """);
        Assert.False(r.Refused);
        Assert.Equal([3, 4, 5, 6], r.Errors.Select(e => e.Line));
        Assert.Contains("plate", r.Errors[0].Message);
        Assert.Contains("state", r.Errors[1].Message);
        Assert.Contains("priority", r.Errors[2].Message);
        Assert.Contains("expires", r.Errors[3].Message);
        Assert.Equal(5, r.Entries.Count);
        Assert.Equal(9, r.Rows);
    }

    [Fact]
    public void A_mostly_bad_file_is_refused_whole()
    {
        var r = Parse("plate,state\n7ABC123,CA\nX,CA\nY,CA\n");
        Assert.True(r.Refused);
        Assert.Empty(r.Entries);
        Assert.Equal(2, r.Errors.Count);
    }

    [Fact]
    public void Empty_file_or_missing_plate_column_is_refused()
    {
        Assert.True(Parse("").Refused);
        Assert.True(Parse("plate,state\n").Refused);
        Assert.True(Parse("tag,state\n7ABC123,CA\n").Refused);
    }

    [Fact]
    public void Partial_plates_are_kept_as_patterns_and_must_state_enough()
    {
        var r = Parse("plate,reason\n7AB?1*,homicide suspect vehicle\n??1*,too vague\n", Options with { Source = HotlistSource.Local, ListId = "local" });
        Assert.Equal("7AB?1*", Assert.Single(r.Entries).Plate);
        Assert.Contains("known characters", Assert.Single(r.Errors).Message);
    }

    [Fact]
    public void Local_lists_need_a_reason_on_every_row()
    {
        var r = Parse("plate\n7ABC123\n", Options with { Source = HotlistSource.Local });
        Assert.True(r.Refused);
        Assert.Contains("reason", r.Errors[0].Message);
    }
}
