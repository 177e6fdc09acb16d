using Alpr.Core.Access;

namespace Alpr.Core.Tests.Access;

/// <summary>The role table, row by row: each role holds exactly these permissions.</summary>
public class AccessPolicyTests
{
    [Theory]
    [InlineData(Role.Officer, "SearchReads ViewRead ViewImage ViewAlerts VerifyAlerts RequestRelease")]
    [InlineData(Role.Sergeant, "SearchReads ViewRead ViewImage ViewAlerts VerifyAlerts RequestRelease PlaceEvidenceHold ManageHotlists")]
    [InlineData(Role.Lieutenant, "SearchReads ViewRead ViewImage ViewAlerts VerifyAlerts RequestRelease PlaceEvidenceHold ReleaseEvidenceHold ManageHotlists ExportReads")]
    [InlineData(Role.Captain, "SearchReads ViewRead ViewImage ViewAlerts VerifyAlerts RequestRelease PlaceEvidenceHold ReleaseEvidenceHold ManageHotlists ExportReads ApproveRelease")]
    [InlineData(Role.Chief, "SearchReads ViewRead ViewImage ViewAlerts VerifyAlerts RequestRelease PlaceEvidenceHold ReleaseEvidenceHold ManageHotlists ExportReads ApproveRelease ViewReports")]
    [InlineData(Role.Dispatcher, "ViewAlerts VerifyAlerts ViewRead ViewImage")]
    [InlineData(Role.CrimeAnalyst, "SearchReads ViewRead ViewImage ViewAlerts ExportReads RequestRelease")]
    [InlineData(Role.CommunityServiceOfficer, "ViewAlerts ViewRead ViewImage")]
    [InlineData(Role.MaintenanceContractor, "ManageCameras")]
    [InlineData(Role.AlprAdministrator, "ManageCameras ManageUsers ManageHotlists RunPurge ViewAuditLog ViewReports ReviewAuditSample ReleaseEvidenceHold")]
    [InlineData(Role.Auditor, "ViewAuditLog ViewReports ReviewAuditSample SearchReads ViewRead ViewImage")]
    public void Role_holds_exactly(Role role, string permissions)
    {
        var expected = permissions.Split(' ').Select(Enum.Parse<Permission>).ToHashSet();
        foreach (var p in Enum.GetValues<Permission>())
            Assert.True(AccessPolicy.Allows(role, p) == expected.Contains(p), $"{role} {(expected.Contains(p) ? "should" : "should not")} hold {p}");
    }

    [Fact]
    public void Every_role_has_a_row() => Assert.Equal(Enum.GetValues<Role>().Length, AccessPolicy.Table.Count);

    [Fact]
    public void No_one_may_both_request_and_approve_without_the_captains_rank() =>
        Assert.All(Enum.GetValues<Role>().Where(r => AccessPolicy.Allows(r, Permission.ApproveRelease)), r => Assert.Contains(r, new[] { Role.Captain, Role.Chief }));
}
