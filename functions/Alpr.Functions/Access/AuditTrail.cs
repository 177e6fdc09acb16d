using Alpr.Core.Access;
using Alpr.Core.Audit;

namespace Alpr.Functions.Access;

/// <summary>Builds and appends audit entries for people's actions. Callers await it before returning any data.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    public Task<AuditEntry> RecordAsync(HttpContext ctx, AlprUser? user, string action, AuditOutcome outcome, string? target = null,
        string? reason = null, string? caseNumber = null, string? query = null, int? resultCount = null, string? detail = null,
        IReadOnlyList<string>? flags = null, CancellationToken ct = default) =>
        AppendAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7().ToString("N"),
            At = time.GetUtcNow(),
            ActorType = "user",
            ActorId = user?.Id ?? ctx.User.FindFirst("sub")?.Value ?? ctx.User.FindFirst("oid")?.Value ?? "(anonymous)",
            ActorRole = user?.Role.ToString(),
            Action = action,
            Outcome = outcome,
            Target = target,
            Reason = reason,
            CaseNumber = caseNumber,
            Query = query,
            ResultCount = resultCount,
            ClientAddress = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            Detail = detail,
            Flags = flags is { Count: > 0 } ? flags : null,
        }, ct);

    private async Task<AuditEntry> AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        await log.AppendAsync(entry, ct);
        return entry;
    }
}
