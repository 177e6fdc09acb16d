using Alpr.Core.Audit;
using Alpr.Functions.Hosting;
using Alpr.Reporting;

namespace Alpr.Functions.Reports;

/// <summary>
/// Timer, hourly at :05 UTC. Functions timers are UTC NCRONTAB and the agency's quarter starts at local midnight
/// (07:00 or 08:00 UTC), so rather than one exact cron the timer asks every hour "has the last ended quarter a
/// report?" and writes one if not (idempotent: a missed run, or a host that was down, catches up at the next hour).
/// The same run deletes report versions past the two-year audit period. Both are recorded in the audit log.
/// </summary>
public sealed class QuarterlyReportsFunction(ReportGenerator generator, ReportRetention retention, IAuditLog audit, TimeProvider time) : IFunctionHandler
{
    public string Name => "QuarterlyReports";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        var policy = generator.Policy; // throws without Retention:Policy: the invocation fails and is logged (fail closed)
        var result = await generator.EnsureLastQuarterAsync(ct);
        if (result.Manifest is { } m)
            await SystemAuditAsync("reports.generate", $"{m.Quarter}/v{m.Version}", $"{m.Files.Count} files, {m.Findings} findings, sample seed {m.SampleSeed}", ct);
        var expired = await retention.PurgeAsync(policy, time.GetUtcNow(), ct);
        foreach (var v in expired)
            await SystemAuditAsync("reports.purge", $"{v.Quarter}/v{v.Version}", $"past the {policy.AuditDays}-day audit period ({policy.Name})", ct);
        return new InvocationResponse
        {
            Logs = [result.Manifest is { } w ? $"wrote {w.Quarter} v{w.Version}" : $"no report written: {result.Skipped}", $"{expired.Count} expired report version(s) deleted"],
            ReturnValue = new { written = result.Manifest is null ? null : $"{result.Manifest.Quarter}/v{result.Manifest.Version}", skipped = result.Skipped, expired = expired.Count },
        };
    }

    private Task SystemAuditAsync(string action, string target, string detail, CancellationToken ct) => audit.AppendAsync(new AuditEntry
    {
        Id = Guid.CreateVersion7().ToString("N"), At = time.GetUtcNow(), ActorType = "system", ActorId = Name, Action = action,
        Outcome = AuditOutcome.Allowed, Target = target, Detail = detail,
    }, ct);
}
