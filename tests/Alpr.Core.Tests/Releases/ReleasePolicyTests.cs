using Alpr.Core.Releases;

namespace Alpr.Core.Tests.Releases;

/// <summary>The rule table: every agency type x legal basis x purpose, in and out of state, with the rule that fires.</summary>
public class ReleasePolicyTests
{
    private static readonly MouPartner[] Partners = [new("CA0123456", 31)];

    private static ReleaseRequest Request(AgencyType type, LegalBasisKind basis, ReleasePurpose purpose, string state = "CA", string? ori = "CA0123456",
        bool immigrationAgency = false, int days = 7) => new()
    {
        Agency = new RequestingAgency("Agency", type, state, ori, immigrationAgency),
        Person = new RequestingPerson("Det. Smith", "smith@agency.example"),
        Purpose = purpose, PurposeDetail = "robbery follow-up", CaseNumber = "24-00123",
        Scope = new ReleaseScope(["ABC123"], new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(days)),
        LegalBasis = new LegalBasis(basis, basis == LegalBasisKind.CourtOrder ? "CO-77" : null),
        DeliveryContact = "records@agency.example",
    };

    /// <summary>The expected rule for each combination, written out independently of the implementation's order.</summary>
    private static string Expected(AgencyType type, LegalBasisKind basis, ReleasePurpose purpose, bool inState)
    {
        if (type == AgencyType.NonLawEnforcement) return "non-law-enforcement";
        if (purpose == ReleasePurpose.Commercial) return "no-sale-or-commercial";
        bool court = basis == LegalBasisKind.CourtOrder;
        if (purpose == ReleasePurpose.ImmigrationEnforcement && !court) return "immigration-needs-court-order";
        if (!inState && !court) return "out-of-state-needs-court-order";
        if (basis == LegalBasisKind.Mou && inState) return "mou-partner"; // the partner's ORI is CA0123456 and 7 days is within 31
        return "law-enforcement-request";
    }

    public static IEnumerable<object[]> Table() =>
        from type in Enum.GetValues<AgencyType>()
        from basis in Enum.GetValues<LegalBasisKind>()
        from purpose in Enum.GetValues<ReleasePurpose>()
        from inState in new[] { true, false }
        select new object[] { type, basis, purpose, inState };

    [Theory]
    [MemberData(nameof(Table))]
    public void Every_combination_fires_the_expected_rule(AgencyType type, LegalBasisKind basis, ReleasePurpose purpose, bool inState)
    {
        var d = ReleasePolicy.Decide(Request(type, basis, purpose, inState ? "CA" : "NV"), "CA", Partners);
        string expected = Expected(type, basis, purpose, inState);
        Assert.Equal(expected, d.Rule);
        var outcome = expected switch
        {
            "non-law-enforcement" => PolicyOutcome.PublicRecords,
            "mou-partner" => PolicyOutcome.PreApproved,
            "law-enforcement-request" => PolicyOutcome.NeedsApproval,
            _ => PolicyOutcome.Denied,
        };
        Assert.Equal(outcome, d.Outcome);
    }

    [Theory]
    [InlineData(LegalBasisKind.None, "immigration-needs-court-order")]
    [InlineData(LegalBasisKind.Mou, "immigration-needs-court-order")]
    [InlineData(LegalBasisKind.CourtOrder, "law-enforcement-request")]
    public void An_immigration_agency_needs_a_court_order_whatever_the_stated_purpose(LegalBasisKind basis, string rule) =>
        Assert.Equal(rule, ReleasePolicy.Decide(Request(AgencyType.FederalLawEnforcement, basis, ReleasePurpose.CriminalInvestigation, immigrationAgency: true), "CA", Partners).Rule);

    [Fact]
    public void An_mou_is_pre_approved_only_for_a_configured_partner_within_its_scope()
    {
        Assert.Equal("mou-partner", ReleasePolicy.Decide(Request(AgencyType.LocalLawEnforcement, LegalBasisKind.Mou, ReleasePurpose.CriminalInvestigation, days: 31), "CA", Partners).Rule);
        Assert.Equal("law-enforcement-request", ReleasePolicy.Decide(Request(AgencyType.LocalLawEnforcement, LegalBasisKind.Mou, ReleasePurpose.CriminalInvestigation, days: 32), "CA", Partners).Rule);
        Assert.Equal("law-enforcement-request", ReleasePolicy.Decide(Request(AgencyType.LocalLawEnforcement, LegalBasisKind.Mou, ReleasePurpose.CriminalInvestigation, ori: "CA9999999"), "CA", Partners).Rule);
        Assert.Equal("law-enforcement-request", ReleasePolicy.Decide(Request(AgencyType.LocalLawEnforcement, LegalBasisKind.Mou, ReleasePurpose.CriminalInvestigation, ori: null), "CA", Partners).Rule);
    }

    [Fact]
    public void Validation_names_each_problem()
    {
        var ok = Request(AgencyType.LocalLawEnforcement, LegalBasisKind.None, ReleasePurpose.CriminalInvestigation);
        Assert.Empty(ReleaseRequestValidation.Problems(ok));
        Assert.Contains("caseNumber is missing or malformed", ReleaseRequestValidation.Problems(ok with { CaseNumber = "" }));
        Assert.Contains("legalBasis.courtOrderNumber is required for a court order", ReleaseRequestValidation.Problems(ok with { LegalBasis = new LegalBasis(LegalBasisKind.CourtOrder) }));
        Assert.Contains("scope must name plates or a time range", ReleaseRequestValidation.Problems(ok with { Scope = new ReleaseScope() }));
        Assert.Contains("agency.state must be a two-letter state code", ReleaseRequestValidation.Problems(ok with { Agency = ok.Agency with { State = "Calif" } }));
        Assert.Contains("agency.ori must be 9 letters/digits", ReleaseRequestValidation.Problems(ok with { Agency = ok.Agency with { Ori = "X1" } }));
        Assert.Single(ReleaseRequestValidation.Problems(ok with { Scope = ok.Scope with { To = ok.Scope.From } }));
        Assert.Equal(["the body must be a release request"], ReleaseRequestValidation.Problems(null));
    }
}
