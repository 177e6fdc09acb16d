namespace Alpr.Core.Releases;

public enum PolicyOutcome { NeedsApproval, PreApproved, Denied, PublicRecords }

/// <summary>The policy check's result and the rule that fired, kept with the request.</summary>
public sealed record PolicyDecision(PolicyOutcome Outcome, string Rule, string Explanation);

/// <summary>An agency with a data-sharing MOU: pre-approved for requests under its MOU, up to its scope.</summary>
public sealed record MouPartner(string Ori, int MaxRangeDays = 31);

/// <summary>
/// The release rules, applied before any person sees a request, first match wins:
/// non-law-enforcement goes to the public-records process (all policies: law-enforcement/prosecutors only);
/// sale or commercial use is never allowed (Palm Springs 430.10(e)); immigration enforcement (purpose or agency)
/// and out-of-state agencies need a court order (430.10(f), Gov. Code 7284.2 et seq., Civil Code 1798.90.55(b));
/// an MOU partner within its scope is pre-approved; anything else waits for a captain/chief/designee.
/// </summary>
public static class ReleasePolicy
{
    public static PolicyDecision Decide(ReleaseRequest r, string homeState, IReadOnlyList<MouPartner> partners)
    {
        bool courtOrder = r.LegalBasis.Kind == LegalBasisKind.CourtOrder && !string.IsNullOrWhiteSpace(r.LegalBasis.CourtOrderNumber);
        if (r.Agency.Type == AgencyType.NonLawEnforcement)
            return new(PolicyOutcome.PublicRecords, "non-law-enforcement", "ALPR data is shared only with law-enforcement or prosecutorial agencies; route to the public-records process");
        if (r.Purpose == ReleasePurpose.Commercial)
            return new(PolicyOutcome.Denied, "no-sale-or-commercial", "ALPR data is never sold or released for commercial use");
        if ((r.Purpose == ReleasePurpose.ImmigrationEnforcement || r.Agency.ImmigrationEnforcement) && !courtOrder)
            return new(PolicyOutcome.Denied, "immigration-needs-court-order", "no release for immigration enforcement without a court order");
        if (!string.Equals(r.Agency.State.Trim(), homeState, StringComparison.OrdinalIgnoreCase) && !courtOrder)
            return new(PolicyOutcome.Denied, "out-of-state-needs-court-order", $"agencies outside {homeState} need a court order");
        if (r.LegalBasis.Kind == LegalBasisKind.Mou && r.Agency.Ori is { } ori
            && partners.FirstOrDefault(p => string.Equals(p.Ori, ori, StringComparison.OrdinalIgnoreCase)) is { } partner
            && WithinDays(r.Scope, partner.MaxRangeDays))
            return new(PolicyOutcome.PreApproved, "mou-partner", $"MOU partner {partner.Ori} within its scope ({partner.MaxRangeDays} days)");
        return new(PolicyOutcome.NeedsApproval, "law-enforcement-request", "a captain, chief or designee must approve");
    }

    // A plate-only request (no range) is not within an MOU's scope: it could reach all retained history.
    private static bool WithinDays(ReleaseScope s, int days) => s.From is { } f && s.To is { } t && (t - f).TotalDays <= days;
}
