namespace Alpr.Core.Access;

/// <summary>Everything a person can do with ALPR data or the system; <see cref="AccessPolicy"/> says which role may.</summary>
public enum Permission
{
    SearchReads,
    ViewRead,
    ViewImage,
    ExportReads,
    ViewAlerts,
    VerifyAlerts,
    ManageHotlists,
    PlaceEvidenceHold,
    ReleaseEvidenceHold,
    RequestRelease,
    ApproveRelease,
    RunPurge,
    ViewAuditLog,
    ViewReports,
    ReviewAuditSample,
    ManageCameras,
    ManageUsers,
}
