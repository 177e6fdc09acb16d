using Alpr.Core.Plates;
using Alpr.Recognition.Glyphs;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition.Tests.Glyphs;

public class GlyphMemoryTests
{
    private static float[] Vec(params float[] v) => v;

    private static GlyphMemory Sample() => GlyphMemory.Build(
    [
        new('G', GlyphMemory.GroupOf("ABG123"), Vec(1, 0, 0.1f)),
        new('G', GlyphMemory.GroupOf("GGG111"), Vec(0.9f, 0.1f, 0)),
        new('6', GlyphMemory.GroupOf("666XYZ"), Vec(0, 1, 0)),
        new('O', GlyphMemory.GroupOf("O12345"), Vec(0, 0, 1)),
    ]);

    [Fact]
    public void NearestAreByDirectionNotLength()
    {
        var m = Sample();
        Assert.Equal(['G', 'G'], m.Nearest(Vec(10, 0.5f, 0), 2));
        Assert.Equal('6', m.Nearest(Vec(0, 3, 0.2f), 1)[0]);
        // O is kept as 0: the labels spell that glyph both ways
        Assert.Equal('0', m.Nearest(Vec(0, 0, 5), 1)[0]);
        Assert.Throws<ArgumentException>(() => m.Nearest(Vec(1, 0), 1));
    }

    [Fact]
    public void AHeldOutPlateIsNotConsultedAndComesBackAfterwards()
    {
        var m = Sample();
        // the query is ABG123's own G: held out, the nearest is the other plate's G, and only three remain
        using (GlyphMemory.HoldOut(GlyphMemory.GroupOf("ABG123")))
        {
            Assert.Equal(3, m.Nearest(Vec(1, 0, 0.1f), 4).Length);
            Assert.Equal(['G', '0'], m.Nearest(Vec(1, 0, 0.1f), 2));
        }
        Assert.Equal(4, m.Nearest(Vec(1, 0, 0.1f), 4).Length);
    }

    [Fact]
    public void APlateIsOneGroupWhicheverWayItsOIsSpeltOrSeparated()
    {
        Assert.Equal(GlyphMemory.GroupOf("OEC617"), GlyphMemory.GroupOf("0EC 617"));
        Assert.Equal(GlyphMemory.GroupOf("abc-123"), GlyphMemory.GroupOf("ABC123"));
        Assert.NotEqual(GlyphMemory.GroupOf("ABC123"), GlyphMemory.GroupOf("ABC124"));
    }

    [Fact]
    public void WrittenMemoryReadsBackWithTheSameNeighbours()
    {
        var m = Sample();
        using var stream = new MemoryStream();
        m.Write(stream);
        stream.Position = 0;
        var back = GlyphMemory.Read(stream);
        Assert.Equal((m.Count, m.Dim), (back.Count, back.Dim));
        foreach (var q in new[] { Vec(1, 0, 0), Vec(0, 1, 0.3f), Vec(0.1f, 0, 1) })
            Assert.Equal(m.Nearest(q, 4), back.Nearest(q, 4));
    }

    [Fact]
    public void AFileThatIsNotAMemoryIsRefused()
    {
        Assert.Throws<InvalidDataException>(() => GlyphMemory.Read(new MemoryStream("not a memory at all"u8.ToArray())));
        var header = new MemoryStream();
        using (var w = new BinaryWriter(header, System.Text.Encoding.ASCII, leaveOpen: true)) { w.Write("ALPRGLY1"u8.ToArray()); w.Write(-1); w.Write(5); }
        header.Position = 0;
        Assert.Throws<InvalidDataException>(() => GlyphMemory.Read(header));
        Assert.Throws<ArgumentException>(() => GlyphMemory.Build([]));
    }

    [Fact]
    public void VotesFavourWhatTheNeighboursAreWithoutRulingTheRestOut()
    {
        var o = new GlyphVoteOptions();
        double all = GlyphVotes.Factor('G', ['G', 'G', 'G', 'G', 'G'], o), none = GlyphVotes.Factor('6', ['G', 'G', 'G', 'G', 'G'], o);
        Assert.True(all > 20 * none);
        Assert.True(none > 0);
        Assert.Equal(GlyphVotes.Factor('O', ['0', '0'], o), GlyphVotes.Factor('0', ['0', '0'], o));
        Assert.Equal(1.0, GlyphVotes.Factor('G', ['6'], o with { Weight = 0 }));
    }

    [Fact]
    public void ReweighingChangesWhichCharacterNotHowSureTheStepIs()
    {
        // classes: 0 blank, 1 'G', 2 '6', 3 ' '
        var dec = new CtcPlateDecoder(["G", "6"], 4);
        float[] row = [0.1f, 0.5f, 0.4f, 0];
        var slot = dec.Reweighed(row, c => c == '6' ? 4 : 1);
        Assert.Equal('6', slot.Best.Char);
        Assert.Equal(0.5, slot.Best.P, 3);   // a stray mark read at 0.5 stays as easy to drop
        Assert.Equal('G', slot.Options[1].Char);
        Assert.True(slot.Options[1].P < 0.5);
        Assert.Equal('G', dec.Reweighed(row, _ => 1).Best.Char);
    }

    [Fact]
    public void OnlyReadsOfThePlateLengthWithFewDifferencesAreLabelled()
    {
        static CtcRead Read(string text) => new(text, 0.9, CharSlot.FromText(text, 0.9))
        { Features = text.Select((c, i) => new float[] { c, i }).ToList() };
        var samples = GlyphLabelling.Samples("6HP 995", [Read("GHP995"), Read("GHP9S5"), Read("CALIFORNIA"), Read("GHP99"), Read("GXX9S5")]);
        // GHP995 and GHP9S5 (one and two differences) give six labelled characters each; the rest give none
        Assert.Equal(12, samples.Count);
        Assert.All(samples.Take(6).Zip("6HP995"), p => Assert.Equal(p.Second, p.First.Char));
        Assert.Equal('9', samples[10].Char);   // the misread S is labelled with the plate's 9: the case worth learning
        Assert.All(samples, s => Assert.Equal(GlyphMemory.GroupOf("6HP995"), s.Group));
        Assert.Empty(GlyphLabelling.Samples("AB", [Read("AB")]));
        Assert.Empty(GlyphLabelling.Samples("ABC123", [new CtcRead("ABC123", 0.9, CharSlot.FromText("ABC123"))]));   // no features
    }
}
