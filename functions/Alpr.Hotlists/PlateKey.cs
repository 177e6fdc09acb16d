namespace Alpr.Hotlists;

/// <summary>
/// A normalised plate (A–Z, 0–9, up to 10 characters) packed into 64 bits: 6 bits a character, first
/// character in the high bits, so keys sort like the strings. 0 means "not a plate".
/// </summary>
public static class PlateKey
{
    public const int MaxLength = 10;

    public static ulong Pack(ReadOnlySpan<char> plate)
    {
        if (plate.Length is 0 or > MaxLength) return 0;
        ulong key = 0;
        foreach (char c in plate)
        {
            int code = Code(c);
            if (code == 0) return 0;
            key = (key << 6) | (uint)code;
        }
        return (key << (6 * (MaxLength - plate.Length))) | (ulong)plate.Length << 60;
    }

    public static int Code(char c) => c switch
    {
        >= '0' and <= '9' => c - '0' + 1,
        >= 'A' and <= 'Z' => c - 'A' + 11,
        _ => 0,
    };

    /// <summary>
    /// The plate with every character replaced by its confusion class (see <see cref="ConfusionClass"/>), so
    /// plates that differ only in characters OCR mixes up share one key.
    /// </summary>
    public static ulong PackConfusable(ReadOnlySpan<char> plate)
    {
        Span<char> folded = stackalloc char[plate.Length];
        for (int i = 0; i < plate.Length; i++) folded[i] = ConfusionClass(plate[i]);
        return Pack(folded);
    }

    /// <summary>The representative of the character's OCR-confusion class (itself when it has none).</summary>
    public static char ConfusionClass(char c) => c switch
    {
        'O' or 'D' or 'Q' or 'U' => '0',
        'I' or 'L' or 'J' => '1',
        'T' => '7',
        'B' => '8',
        'S' => '5',
        'Z' => '2',
        'G' => '6',
        'A' => '4',
        'N' => 'M',
        'Y' => 'V',
        'F' => 'E',
        'K' => 'X',
        _ => c,
    };
}
