using static Alpr.Core.Access.Permission;

namespace Alpr.Core.Access;

/// <summary>
/// Which role may do what: the one table in code (tested row by row). Least privilege: a role has only the
/// permissions listed; maintenance contractors touch equipment, never data (Palm Springs 430.4).
/// </summary>
public static class AccessPolicy
{
    private static readonly Permission[] Investigate = [SearchReads, ViewRead, ViewImage, ViewAlerts, VerifyAlerts];

    public static readonly IReadOnlyDictionary<Role, IReadOnlySet<Permission>> Table = new Dictionary<Role, IReadOnlySet<Permission>>
    {
        [Role.Officer] = Set(Investigate, RequestRelease),
        [Role.Sergeant] = Set(Investigate, RequestRelease, PlaceEvidenceHold, ManageHotlists),
        [Role.Lieutenant] = Set(Investigate, RequestRelease, PlaceEvidenceHold, ReleaseEvidenceHold, ManageHotlists, ExportReads),
        [Role.Captain] = Set(Investigate, RequestRelease, PlaceEvidenceHold, ReleaseEvidenceHold, ManageHotlists, ExportReads, ApproveRelease),
        // The chief receives the quarterly reports (Palm Springs 430.4(h)); the raw access log stays with auditors and the administrator.
        [Role.Chief] = Set(Investigate, RequestRelease, PlaceEvidenceHold, ReleaseEvidenceHold, ManageHotlists, ExportReads, ApproveRelease, ViewReports),
        [Role.Dispatcher] = Set([ViewAlerts, VerifyAlerts, ViewRead, ViewImage]),
        [Role.CrimeAnalyst] = Set([SearchReads, ViewRead, ViewImage, ViewAlerts, ExportReads], RequestRelease),
        [Role.CommunityServiceOfficer] = Set([ViewAlerts, ViewRead, ViewImage]),
        [Role.MaintenanceContractor] = Set([ManageCameras]),
        [Role.AlprAdministrator] = Set([ManageCameras, ManageUsers, ManageHotlists, RunPurge, ViewAuditLog, ViewReports, ReviewAuditSample, ReleaseEvidenceHold]),
        [Role.Auditor] = Set([ViewAuditLog, ViewReports, ReviewAuditSample, SearchReads, ViewRead, ViewImage]),
    };

    public static bool Allows(Role role, Permission permission) => Table.TryGetValue(role, out var set) && set.Contains(permission);

    private static IReadOnlySet<Permission> Set(Permission[] common, params Permission[] more) => common.Concat(more).ToHashSet();
}
