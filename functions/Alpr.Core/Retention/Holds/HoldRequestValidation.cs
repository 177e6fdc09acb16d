namespace Alpr.Core.Retention.Holds;

/// <summary>What a hold request must carry before a workflow is started for it.</summary>
public static class HoldRequestValidation
{
    /// <summary>Reads one hold may cover: an evidence package stays a size one case file can hold.</summary>
    public const int MaxReads = 5000;

    /// <summary>Null when acceptable, else the message for a 400.</summary>
    public static string? Validate(string? caseNumber, string? legalBasis, int readCount, out LegalBasis basis)
    {
        basis = default;
        if (string.IsNullOrWhiteSpace(caseNumber) || !Access.QueryReasons.IsValidCaseNumber(caseNumber))
            return "caseNumber is required and must be a valid case number";
        if (!Enum.TryParse(legalBasis?.Replace("-", "").Replace("_", ""), ignoreCase: true, out basis) || !Enum.IsDefined(basis))
            return "legalBasis must be one of: criminal-case, civil-action, discovery-request, court-order";
        if (readCount == 0) return "the hold must cover at least one read (readIds or a search that finds reads)";
        if (readCount > MaxReads) return $"a hold covers at most {MaxReads} reads";
        return null;
    }
}
