using Alpr.Core.Plates;
using Alpr.Recognition.Rules;

namespace Alpr.Recognition.Tests.Glyphs;

public class GlyphVotedChoiceTests
{
    private static CharSlot Sure(char c) => CharSlot.Of(c, 0.99);

    private static CharSlot Unsure(char read, char voted) => new([new(read, 0.55), new(voted, 0.35)])
        { Voted = [new(voted, 0.55), new(read, 0.1)] };

    private static TextLine Line(IReadOnlyList<CharSlot> slots, double cx, double cy, double w, double h) =>
        new(string.Concat(slots.Select(s => s.Best.Char)), 0.8, slots, cx, cy, w, h);

    [Fact]
    public void TheMemoryChangesWhatThePlateReadsNotWhichPlaceIsThePlate()
    {
        // the plate, its first character read G at 0.55 where the memory's neighbours say 6
        var plate = Line([Unsure('G', '6'), Sure('H'), Sure('P'), Sure('9'), Sure('9'), Sure('5')], 300, 400, 120, 40);
        // a dealer's word, which the memory (it knows only plate characters) would turn into a plate number
        var word = Line([Sure('W'), Sure('E'), Sure('S'), Unsure('T', '7'), Unsure('E', '3'), Unsure('N', '1')], 300, 200, 120, 40);
        var withoutVotes = PlateChooser.Choose([Plain(plate), Plain(word)]);
        var choices = PlateChooser.Choose([plate, word]);

        Assert.Equal("GHP995", withoutVotes[0].Reading.Text);
        Assert.Equal("6HP995", choices[0].Reading.Text);
        Assert.Equal(withoutVotes[0].Score, choices[0].Score);
        Assert.DoesNotContain(choices, c => c.Score > choices[0].Score);
    }

    [Fact]
    public void ASlotWithoutVotesIsItself()
    {
        var slot = CharSlot.Of('A', 0.7);
        Assert.Same(slot, slot.WithVotes());
        var voted = Unsure('G', '6').WithVotes();
        Assert.Equal('6', voted.Best.Char);
        Assert.Null(voted.Voted);
    }

    private static TextLine Plain(TextLine line) => line with { Slots = line.Slots.Select(s => s with { Voted = null }).ToList() };
}
