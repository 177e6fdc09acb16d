using Alpr.Core.Access;
using Alpr.Cosmos;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Releases;

/// <summary>
/// Who may decide a request: configured approvers in order, each in good standing and holding ApproveRelease
/// (captain, chief) or named as a designee — never the requester. The first two are the approver and the escalation.
/// </summary>
public sealed class ReleaseApprovers(CosmosUserDirectory users, IOptions<ReleaseOptions> options, TimeProvider time)
{
    public async Task<IReadOnlyList<string>> EligibleAsync(string requesterId, CancellationToken ct)
    {
        var result = new List<string>();
        foreach (var id in options.Value.Approvers.Distinct())
        {
            if (id == requesterId) continue;
            if (await CanApproveAsync(id, ct) is null) result.Add(id);
            if (result.Count == 2) break;
        }
        return result;
    }

    /// <summary>Null if the user may approve now, else why not (checked again when the link is used).</summary>
    public async Task<string?> CanApproveAsync(string userId, CancellationToken ct)
    {
        var user = await users.GetAsync(userId, ct);
        string? refusal = UserStanding.Refusal(user, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (refusal is not null) return refusal;
        return AccessPolicy.Allows(user!.Role, Permission.ApproveRelease) || options.Value.Designees.Contains(userId)
            ? null : $"role {user.Role} may not approve releases and {userId} is not a designee";
    }
}
