namespace Alpr.Core.Plates;

/// <summary>US state names (and DC), EU country codes and Brazil's band, with fuzzy matching of OCR'd text to a region.</summary>
public static class UsStates
{
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        ("AL","ALABAMA"),("AK","ALASKA"),("AZ","ARIZONA"),("AR","ARKANSAS"),("CA","CALIFORNIA"),("CO","COLORADO"),
        ("CT","CONNECTICUT"),("DE","DELAWARE"),("FL","FLORIDA"),("GA","GEORGIA"),("HI","HAWAII"),("ID","IDAHO"),
        ("IL","ILLINOIS"),("IN","INDIANA"),("IA","IOWA"),("KS","KANSAS"),("KY","KENTUCKY"),("LA","LOUISIANA"),
        ("ME","MAINE"),("MD","MARYLAND"),("MA","MASSACHUSETTS"),("MI","MICHIGAN"),("MN","MINNESOTA"),("MS","MISSISSIPPI"),
        ("MO","MISSOURI"),("MT","MONTANA"),("NE","NEBRASKA"),("NV","NEVADA"),("NH","NEWHAMPSHIRE"),("NJ","NEWJERSEY"),
        ("NM","NEWMEXICO"),("NY","NEWYORK"),("NC","NORTHCAROLINA"),("ND","NORTHDAKOTA"),("OH","OHIO"),("OK","OKLAHOMA"),
        ("OR","OREGON"),("PA","PENNSYLVANIA"),("RI","RHODEISLAND"),("SC","SOUTHCAROLINA"),("SD","SOUTHDAKOTA"),
        ("TN","TENNESSEE"),("TX","TEXAS"),("UT","UTAH"),("VT","VERMONT"),("VA","VIRGINIA"),("WA","WASHINGTON"),
        ("WV","WESTVIRGINIA"),("WI","WISCONSIN"),("WY","WYOMING"),("DC","DISTRICTOFCOLUMBIA"),
    ];

    /// <summary>Extra spellings seen on plates (abbreviated or partial names).</summary>
    private static readonly (string Code, string Text)[] Aliases =
    [
        ("DC","WASHINGTONDC"),("DC","DISTRICTOFCOLUMBIA"),("DC","TAXATIONWITHOUTREPRESENTATION"),("PA","PENNA"),
        ("RI","OCEANSTATE"),("NH","LIVEFREEORDIE"),("FL","SUNSHINESTATE"),("IL","LANDOFLINCOLN"),("HI","ALOHASTATE"),
        ("ID","FAMOUSPOTATOES"),("MN","10000LAKES"),("AZ","GRANDCANYONSTATE"),("NM","LANDOFENCHANTMENT"),
        ("GA","PEACHSTATE"),("TN","VOLUNTEERSTATE"),("ME","VACATIONLAND"),("NJ","GARDENSTATE"),("NY","EMPIRESTATE"),
        ("WI","AMERICASDAIRYLAND"),("NC","FIRSTINFLIGHT"),("OH","BIRTHPLACEOFAVIATION"),("MT","BIGSKY"),
        // Mercosur plates print the country in the band above the number
        ("BR","BRASIL"),
    ];

    private static readonly string[] EuCodes = ["D","F","I","E","NL","B","A","CH","PL","CZ","SK","H","S","N","DK","FIN","P","GR","IRL","GB","UK","L","SLO","HR","RO","BG","LT","LV","EST"];

    /// <summary>True when the text is (nearly) a state name, i.e. not a registration number.</summary>
    public static bool IsStateWord(string normalized) => Match(normalized) is { Confidence: >= 0.75 };

    /// <summary>Best fuzzy match of one OCR'd line to a state, or null. Confidence in [0,1].</summary>
    public static (string Code, double Confidence)? Match(string normalized)
    {
        if (normalized.Length < 4) return null;
        (string Code, double Conf)? best = null;
        foreach (var (code, name) in All) Consider(code, name);
        foreach (var (code, text) in Aliases) Consider(code, text);
        return best;

        void Consider(string code, string name)
        {
            double sim = Similarity(normalized, name);
            // A longer line that contains the name ("STATEOFCALIFORNIA", "CALIFORNIADMV").
            if (name.Length >= 4 && normalized.Length > name.Length)
            {
                for (int i = 0; i + name.Length <= normalized.Length; i++)
                    sim = Math.Max(sim, 0.97 * Similarity(normalized.Substring(i, name.Length), name));
            }
            if (sim >= 0.7 && (best is null || sim > best.Value.Conf)) best = (code, sim);
        }
    }

    /// <summary>Region from all the non-plate text lines of an image, or null.</summary>
    public static (string Code, double Confidence)? FromLines(IEnumerable<string> normalizedLines)
    {
        (string Code, double Confidence)? best = null;
        foreach (var line in normalizedLines)
            if (Match(line) is { } m && (best is null || m.Confidence > best.Value.Confidence)) best = m;
        return best;
    }

    /// <summary>EU country code from the blue strip ("D", "NL", "PL"...), read as a separate short line.</summary>
    public static string? EuCode(string normalized) => Array.IndexOf(EuCodes, normalized) >= 0 ? normalized : null;

    /// <summary>1 - normalised Levenshtein distance.</summary>
    public static double Similarity(string a, string b)
    {
        if (a.Length == 0 || b.Length == 0) return 0;
        Span<int> prev = stackalloc int[b.Length + 1];
        Span<int> cur = stackalloc int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) prev[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            cur[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                cur[j] = Math.Min(Math.Min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            cur.CopyTo(prev);
        }
        return 1.0 - (double)prev[b.Length] / Math.Max(a.Length, b.Length);
    }
}
