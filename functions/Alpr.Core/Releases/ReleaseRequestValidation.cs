using Alpr.Core.Access;
using Alpr.Core.Plates;

namespace Alpr.Core.Releases;

/// <summary>Checks a request is complete enough to judge; each problem is a sentence for the 400 answer.</summary>
public static class ReleaseRequestValidation
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(366);

    public static IReadOnlyList<string> Problems(ReleaseRequest? r)
    {
        if (r is null) return ["the body must be a release request"];
        var p = new List<string>();
        if (r.Agency is null || string.IsNullOrWhiteSpace(r.Agency.Name)) p.Add("agency.name is required");
        if (r.Agency is not null && (r.Agency.State is null || r.Agency.State.Trim().Length != 2)) p.Add("agency.state must be a two-letter state code");
        if (r.Agency?.Ori is { Length: > 0 } ori && (ori.Length != 9 || !ori.All(char.IsLetterOrDigit))) p.Add("agency.ori must be 9 letters/digits");
        if (r.Person is null || string.IsNullOrWhiteSpace(r.Person.Name) || string.IsNullOrWhiteSpace(r.Person.Contact)) p.Add("person.name and person.contact are required");
        if (string.IsNullOrWhiteSpace(r.PurposeDetail)) p.Add("purposeDetail is required (the written purpose)");
        if (!QueryReasons.IsValidCaseNumber(r.CaseNumber)) p.Add("caseNumber is missing or malformed");
        if (string.IsNullOrWhiteSpace(r.DeliveryContact)) p.Add("deliveryContact is required");
        if (r.LegalBasis is null) p.Add("legalBasis is required (kind none, mou or courtOrder)");
        else if (r.LegalBasis.Kind == LegalBasisKind.CourtOrder && string.IsNullOrWhiteSpace(r.LegalBasis.CourtOrderNumber)) p.Add("legalBasis.courtOrderNumber is required for a court order");
        if (r.Scope is null) { p.Add("scope is required"); return p; }
        bool hasPlates = r.Scope.Plates is { Count: > 0 };
        if (!hasPlates && r.Scope.From is null) p.Add("scope must name plates or a time range");
        if (hasPlates && r.Scope.Plates!.Any(x => !PlateText.IsPlausible(PlateText.Normalize(x)))) p.Add("scope.plates holds an implausible plate");
        if ((r.Scope.From is null) != (r.Scope.To is null)) p.Add("scope.from and scope.to go together");
        if (r.Scope.From is { } f && r.Scope.To is { } t && (t <= f || t - f > MaxRange)) p.Add($"scope.to must be after scope.from and within {MaxRange.TotalDays:0} days");
        return p;
    }
}
