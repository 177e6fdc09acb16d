namespace Alpr.Core.Access;

/// <summary>Roles with ALPR access under Palm Springs 430.4 (and the other policies' equivalents).</summary>
public enum Role
{
    Officer,
    Sergeant,
    Lieutenant,
    Captain,
    Chief,
    Dispatcher,
    CrimeAnalyst,
    CommunityServiceOfficer,
    MaintenanceContractor,
    AlprAdministrator,
    Auditor,
}
