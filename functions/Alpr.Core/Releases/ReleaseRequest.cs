namespace Alpr.Core.Releases;

public enum AgencyType { LocalLawEnforcement, StateLawEnforcement, FederalLawEnforcement, Prosecutor, NonLawEnforcement }

/// <summary>What the data is wanted for; immigration enforcement and commercial use are singled out by state law and policy.</summary>
public enum ReleasePurpose { CriminalInvestigation, Prosecution, MissingPerson, ImmigrationEnforcement, Commercial, Other }

public enum LegalBasisKind { None, Mou, CourtOrder }

public sealed record RequestingAgency(string Name, AgencyType Type, string State, string? Ori = null, bool ImmigrationEnforcement = false);
public sealed record RequestingPerson(string Name, string Contact);
public sealed record LegalBasis(LegalBasisKind Kind, string? CourtOrderNumber = null);

/// <summary>Which reads are asked for: any of plates, a time range, cameras. Empty parts do not restrict.</summary>
public sealed record ReleaseScope(IReadOnlyList<string>? Plates = null, DateTimeOffset? From = null, DateTimeOffset? To = null, IReadOnlyList<string>? CameraIds = null);

/// <summary>A written request for ALPR data from another agency (Visalia 462.7, Palm Springs 430.10, San Leandro 418.7).</summary>
public sealed record ReleaseRequest
{
    public required RequestingAgency Agency { get; init; }
    public required RequestingPerson Person { get; init; }
    public required ReleasePurpose Purpose { get; init; }
    public required string PurposeDetail { get; init; }
    public required string CaseNumber { get; init; }
    public required ReleaseScope Scope { get; init; }
    public required LegalBasis LegalBasis { get; init; }
    public required string DeliveryContact { get; init; }
}
