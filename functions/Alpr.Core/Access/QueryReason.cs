namespace Alpr.Core.Access;

/// <summary>The permitted purposes of a query (there is no "personal"); every data request names one and a case number.</summary>
public enum QueryReason
{
    CriminalInvestigation,
    MissingPerson,
    AmberAlert,
    StolenVehicle,
    AdministrativeInvestigation,
    Audit,
}

public static class QueryReasons
{
    public static string ToWire(this QueryReason r) => r switch
    {
        QueryReason.CriminalInvestigation => "criminal-investigation",
        QueryReason.MissingPerson => "missing-person",
        QueryReason.AmberAlert => "amber-alert",
        QueryReason.StolenVehicle => "stolen-vehicle",
        QueryReason.AdministrativeInvestigation => "administrative-investigation",
        _ => "audit",
    };

    public static bool TryParse(string? text, out QueryReason reason)
    {
        foreach (var r in Enum.GetValues<QueryReason>())
            if (string.Equals(r.ToWire(), text?.Trim(), StringComparison.OrdinalIgnoreCase)) { reason = r; return true; }
        reason = default;
        return false;
    }

    /// <summary>Case / event numbers: 3–40 characters of letters, digits and - / . _</summary>
    public static bool IsValidCaseNumber(string? caseNumber) =>
        caseNumber is { Length: >= 3 and <= 40 } && caseNumber.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '/' or '.' or '_');
}
