namespace Alpr.Recognition;

/// <summary>US state names as printed on plates, and their postal codes.</summary>
public static class UsStates
{
    public static readonly IReadOnlyDictionary<string, string> Names = new Dictionary<string, string>
    {
        ["ALABAMA"] = "AL", ["ALASKA"] = "AK", ["ARIZONA"] = "AZ", ["ARKANSAS"] = "AR", ["CALIFORNIA"] = "CA",
        ["COLORADO"] = "CO", ["CONNECTICUT"] = "CT", ["DELAWARE"] = "DE", ["FLORIDA"] = "FL", ["GEORGIA"] = "GA",
        ["HAWAII"] = "HI", ["IDAHO"] = "ID", ["ILLINOIS"] = "IL", ["INDIANA"] = "IN", ["IOWA"] = "IA",
        ["KANSAS"] = "KS", ["KENTUCKY"] = "KY", ["LOUISIANA"] = "LA", ["MAINE"] = "ME", ["MARYLAND"] = "MD",
        ["MASSACHUSETTS"] = "MA", ["MICHIGAN"] = "MI", ["MINNESOTA"] = "MN", ["MISSISSIPPI"] = "MS", ["MISSOURI"] = "MO",
        ["MONTANA"] = "MT", ["NEBRASKA"] = "NE", ["NEVADA"] = "NV", ["NEWHAMPSHIRE"] = "NH", ["NEWJERSEY"] = "NJ",
        ["NEWMEXICO"] = "NM", ["NEWYORK"] = "NY", ["NORTHCAROLINA"] = "NC", ["NORTHDAKOTA"] = "ND", ["OHIO"] = "OH",
        ["OKLAHOMA"] = "OK", ["OREGON"] = "OR", ["PENNSYLVANIA"] = "PA", ["RHODEISLAND"] = "RI", ["SOUTHCAROLINA"] = "SC",
        ["SOUTHDAKOTA"] = "SD", ["TENNESSEE"] = "TN", ["TEXAS"] = "TX", ["UTAH"] = "UT", ["VERMONT"] = "VT",
        ["VIRGINIA"] = "VA", ["WASHINGTON"] = "WA", ["WESTVIRGINIA"] = "WV", ["WISCONSIN"] = "WI", ["WYOMING"] = "WY",
        ["DISTRICTOFCOLUMBIA"] = "DC",
    };

    /// <summary>The state a line of text names (tolerating OCR slips), with a confidence; null when none.</summary>
    public static (string Code, double Confidence)? Match(string text, double lineConfidence)
    {
        if (text.Length < 4) return null;
        (string Code, double Conf)? best = null;
        foreach (var (name, code) in Names)
        {
            int allowed = name.Length >= 8 ? 2 : name.Length >= 6 ? 1 : 0;
            int d = text.Contains(name, StringComparison.Ordinal) ? 0 : Levenshtein.Distance(text, name);
            if (d > allowed) continue;
            double conf = lineConfidence * (1 - d / (double)(name.Length + 1));
            if (best is null || conf > best.Value.Conf) best = (code, conf);
        }
        return best;
    }
}
