
namespace Alpr.Core.Plates;

/// <summary>
/// Pure scoring of a text line as a licence plate number. No image knowledge: only the characters.
/// Higher is more plate-like; negative means "this is not the plate" (state names, slogans, dealer frames).
/// </summary>
public static class PlateTextRules
{
    /// <summary>Words printed on plates or frames that are never the registration itself.</summary>
    private static readonly string[] NonPlateWords =
    [
        "STATE", "COUNTY", "DEALER", "MOTORS", "AUTO", "SALES", "FORD", "TOYOTA", "HONDA", "CHEVROLET", "CHEVY", "NISSAN",
        "AMERICA", "AMERICAS", "LAND", "LINCOLN", "PARADISE", "SUNSHINE", "GARDEN", "EMPIRE", "VACATION", "GRAND", "CANYON",
        "FIRST", "FREEDOM", "LIVE", "FREE", "DIE", "WWW", "COM", "NATION", "TREASURE", "HEART", "LAKES", "GREAT", "SPIRIT",
        "PEACH", "VOLUNTEER", "EXPLORE", "ENCHANTMENT", "PLATES", "PLATE", "TRUCK", "TRAILER", "COMMERCIAL", "APPORTIONED",
        "PASSENGER", "GOVERNMENT", "OFFICIAL", "HISTORIC", "VETERAN", "UNIVERSITY", "COLLEGE", "EXPIRES", "ISLAND", "OCEAN",
        "TRUST", "FLIGHT", "OFFICER", "POLICE", "SUPPORT", "TAXATION", "REPRESENTATION", "MOUNTAIN", "POTATOES", "FAMOUS",
        "WONDERFUL", "BEAUTIFUL", "NATURAL", "SPORTSMAN", "WILDLIFE", "SAVE", "CHILDREN", "EDUCATION", "DMV", "REGISTRATION",
        "MERCOSUL",
    ];

    /// <summary>Short words that join slogan words into a phrase ("THE FIRST STATE", "LAND OF LINCOLN").</summary>
    private static readonly string[] Joiners = ["THE", "OF", "AND", "IN", "TO"];

    /// <summary>Whether the letters are slogan words run together, with joiners between them ("THEFIRST",
    /// "GREATLAKES"): the detector often boxes part of a slogan line.</summary>
    private static bool IsSloganPhrase(string word)
    {
        // reach[i]: the first i letters split into words; slogan[i]: and one of them is a slogan word
        var reach = new bool[word.Length + 1];
        var slogan = new bool[word.Length + 1];
        reach[0] = true;
        for (int i = 0; i < word.Length; i++)
        {
            if (!reach[i]) continue;
            var rest = word.AsSpan(i);
            foreach (var w in NonPlateWords)
                if (rest.StartsWith(w, StringComparison.Ordinal)) { reach[i + w.Length] = true; slogan[i + w.Length] = true; }
            foreach (var j in Joiners)
                if (rest.StartsWith(j, StringComparison.Ordinal)) { reach[i + j.Length] = true; slogan[i + j.Length] |= slogan[i]; }
        }
        return reach[word.Length] && slogan[word.Length];
    }

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];

    /// <summary>Registration stickers: a month with or without its year ("FEB2002", "AUG2", "03JAN"; a US read may
    /// have written the O of OCT/NOV as 0).</summary>
    private static bool LooksLikeSticker(string t)
    {
        if (t.Length < 3) return false;
        foreach (var m in Months)
        {
            if (IsMonth(t.AsSpan(0, 3), m) && t.Length - 3 <= 4 && AllDigits(t.AsSpan(3))) return true;
            if (IsMonth(t.AsSpan(t.Length - 3), m) && t.Length - 3 is 2 or 4 && AllDigits(t.AsSpan(0, t.Length - 3))) return true;
        }
        return false;

        static bool IsMonth(ReadOnlySpan<char> s, string m)
        {
            for (int i = 0; i < 3; i++) if (s[i] != m[i] && !(s[i] == '0' && m[i] == 'O')) return false;
            return true;
        }
        static bool AllDigits(ReadOnlySpan<char> s) => s.IndexOfAnyExceptInRange('0', '9') < 0;
    }

    private static bool LooksLikeDate(string d)
    {
        // yyyymm / yyyymmdd with a plausible month, and a year a sticker or a camera's clock can show
        int year = int.Parse(d.AsSpan(0, 4)), month = (d[4] - '0') * 10 + (d[5] - '0');
        return year is >= 1990 and <= 2039 && month is >= 1 and <= 12;
    }

    /// <summary>Upper-case A–Z0–9 of a raw read (same normal form as <see cref="PlateText.Normalize"/>).</summary>
    public static string Normalize(string? raw) => PlateText.Normalize(raw);

    /// <summary>
    /// Score in roughly [-1, 1]: length 5–8 with letters and digits mixed is best; pure-letter words that are
    /// state names or known slogan words are rejected.
    /// </summary>
    public static double Score(string normalized)
    {
        int n = normalized.Length;
        if (n < 2 || n > 9) return -1;
        int digits = 0, letters = 0;
        foreach (char c in normalized) { if (char.IsAsciiDigit(c)) digits++; else letters++; }
        if (letters == 0 && n >= 8) return -1; // timestamps and date stickers (20140508)
        if (letters == 0 && n >= 6 && (normalized.StartsWith("19", StringComparison.Ordinal) || normalized.StartsWith("20", StringComparison.Ordinal)) && LooksLikeDate(normalized)) return -0.5;
        if (LooksLikeSticker(normalized)) return -1;
        // Words are checked as letters: the reader may have written O as 0 and I as 1 ("VERM0NT", "HAWAI1").
        string word = normalized.Replace('0', 'O').Replace('1', 'I');
        bool wordOnly = word.All(char.IsAsciiLetter);
        if (wordOnly && UsStates.IsStateWord(word)) return -1;
        foreach (var w in NonPlateWords)
            if (word.Contains(w, StringComparison.Ordinal) && w.Length >= n - 2 && (wordOnly ? w.Length >= 3 : w.Length >= 5)) return -1;
        if (wordOnly && IsSloganPhrase(word)) return -1;
        double s = n switch { 2 => 0.0, 3 => 0.2, 4 => 0.45, 5 => 0.8, 6 or 7 => 1.0, 8 => 0.85, _ => 0.2 };
        if (digits > 0 && letters > 0) s += 0.25;
        else if (digits == 0) s -= 0.35; // vanity plates exist, but most lines without digits are words
        else if (n < 5) s -= 0.1;       // short all-digit runs are often dates/stickers
        if (n == 9) s -= 0.6;
        if (n == 4 && digits == 4 && (normalized.StartsWith("19", StringComparison.Ordinal) || normalized.StartsWith("20", StringComparison.Ordinal)))
            s -= 0.3; // more often a year sticker ("2005") than a four-digit plate
        return s;
    }
}
