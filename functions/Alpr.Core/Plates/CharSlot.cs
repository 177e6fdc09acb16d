namespace Alpr.Core.Plates;

/// <summary>One possible character at a position of a read, with the recogniser's probability for it.</summary>
public readonly record struct CharOption(char Char, double P);

/// <summary>
/// One character position of a text line as the recogniser saw it: its options, best first (plate characters
/// A–Z/0–9 only). Keeping the runners-up lets the plate grammar overrule a weak first choice (G/6, B/8, S/5).
/// </summary>
public sealed record CharSlot(IReadOnlyList<CharOption> Options)
{
    public CharOption Best => Options[0];

    /// <summary>The position shows two small characters one above the other (a vertical category mark beside the
    /// serial, such as "RT" or "SN"): a line recogniser reads the pair as one character that is not part of the number.</summary>
    public bool Stacked { get; init; }

    /// <summary>The position shows a coloured emblem between the groups (a state's seal or fruit) that the recogniser
    /// read as a character.</summary>
    public bool Emblem { get; init; }

    /// <summary>The options as reweighed by plate characters of known label that look like this one (the recogniser's
    /// glyph memory), when it was consulted: used to read a place already chosen as the plate, never to choose it.</summary>
    public IReadOnlyList<CharOption>? Voted { get; init; }

    /// <summary>This slot with the voted options in place of its own, when it has them.</summary>
    public CharSlot WithVotes() => Voted is { } v ? this with { Options = v, Voted = null } : this;

    public static CharSlot Of(char c, double p) => new([new CharOption(c, p)]);

    /// <summary>Slots from plain text, every character certain with probability <paramref name="p"/>.</summary>
    public static IReadOnlyList<CharSlot> FromText(string text, double p = 0.99) => text.Select(c => Of(c, p)).ToList();
}
