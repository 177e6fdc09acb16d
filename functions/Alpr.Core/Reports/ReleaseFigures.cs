namespace Alpr.Core.Reports;

/// <summary>Release requests filed in the quarter, by how they ended (as of the report), with each request's rule.</summary>
public sealed record ReleaseFigures(long Requested, long Approved, long Denied, long PublicRecords, long Expired, long Pending, long Failed, IReadOnlyList<ReleaseFact> Requests)
{
    public static ReleaseFigures From(IEnumerable<ReleaseFact> releases, Quarter q, TimeZoneInfo zone)
    {
        var list = releases.Where(r => q.Contains(r.FiledAt, zone)).OrderBy(r => r.FiledAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        long Count(params string[] outcomes) => list.Count(r => outcomes.Contains(r.Outcome));
        return new ReleaseFigures(list.Count, Count(ReleaseFact.Approved, ReleaseFact.PreApproved), Count(ReleaseFact.Denied, ReleaseFact.DeniedByPolicy),
            Count(ReleaseFact.PublicRecords), Count(ReleaseFact.Expired), Count(ReleaseFact.Pending), Count(ReleaseFact.Failed), list);
    }
}
