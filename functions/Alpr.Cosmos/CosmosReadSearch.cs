using Alpr.Core.Reads;
using Alpr.Core.Search;
using Microsoft.Azure.Cosmos;

namespace Alpr.Cosmos;

/// <summary>
/// Investigative search over the "reads" container. The day partitions of the time range are named in the
/// query (no other partition is touched); an exact plate is an equality on the indexed <c>plate</c>; a partial
/// plate asks the index for reads containing its known runs (<c>ARRAY_CONTAINS</c> on <c>grams</c>) and the
/// pattern itself is checked here. Capture time and cameras are filtered in the query, the area here.
/// </summary>
public sealed class CosmosReadSearch(CosmosDatabase db)
{
    /// <summary>Backlog uploads land in the partition of their upload day, up to this many days after capture.</summary>
    public static readonly int BacklogDays = 7;
    private readonly DocumentStore _reads = new(db.Container(CosmosContainers.Reads), CosmosReadStore.DocType);
    private readonly DocumentStore _alerts = new(db.Container(CosmosContainers.Alerts), CosmosAlertStore.DocType);

    public sealed record Result(IReadOnlyList<PlateRead> Reads, bool Truncated, int PartitionsQueried);

    public async Task<Result> SearchAsync(ReadQuery query, Func<string, bool>? patternMatch, int maxResults, DateTimeOffset now, CancellationToken ct = default)
    {
        var days = new List<string>();
        var last = DateOnly.FromDateTime(query.To.UtcDateTime).AddDays(BacklogDays);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (last > today) last = today;
        for (var d = DateOnly.FromDateTime(query.From.UtcDateTime); d <= last; d = d.AddDays(1)) days.Add(CosmosReadStore.PartitionFor(d));

        // "c.pk IN (...)" lets the query plan target only those partitions.
        var parameters = new Dictionary<string, object> { ["@t"] = CosmosReadStore.DocType, ["@from"] = query.From, ["@to"] = query.To };
        for (int i = 0; i < days.Count; i++) parameters[$"@d{i}"] = days[i];
        var sql = new List<string> { "c.docType = @t", $"c.pk IN ({string.Join(", ", days.Select((_, i) => $"@d{i}"))})", "c.capturedAt >= @from", "c.capturedAt <= @to" };
        if (query.Plate is not null) { sql.Add("(c.plate = @plate OR c.correctedPlate = @plate)"); parameters["@plate"] = query.Plate; }
        if (query.Pattern is not null)
        {
            var grams = PlateGrams.RequiredBy(query.Pattern);
            for (int i = 0; i < grams.Count; i++) { sql.Add($"ARRAY_CONTAINS(c.grams, @g{i})"); parameters[$"@g{i}"] = grams[i]; }
        }
        if (query.Cameras.Count > 0) { sql.Add("ARRAY_CONTAINS(@cams, c.cameraId)"); parameters["@cams"] = query.Cameras; }
        var definition = new QueryDefinition("SELECT * FROM c WHERE " + string.Join(" AND ", sql));
        foreach (var (k, v) in parameters) definition = definition.WithParameter(k, v);

        var found = new List<PlateRead>();
        bool truncated = false;
        await foreach (var doc in _reads.QueryDocumentsAsync(definition, ct: ct))
        {
            var read = CosmosJson.FromDocument<PlateRead>(doc);
            if (read.Plate.Length == 0) continue;
            if (patternMatch is not null && !patternMatch(read.Plate) && !(read.CorrectedPlate is { } c && patternMatch(c))) continue;
            if (query.Area is { } area && (read.Location is null || !area.Contains(read.Location.Latitude, read.Location.Longitude))) continue;
            found.Add(read);
            if (found.Count > maxResults * 4 && !query.HitsOnly) { truncated = true; break; }
        }
        if (query.HitsOnly && found.Count > 0)
        {
            var hitReads = new HashSet<string>(StringComparer.Ordinal);
            foreach (var chunk in found.Select(r => r.Id).Chunk(200))
            {
                var aq = new QueryDefinition("SELECT c.readId FROM c WHERE c.docType = @t AND ARRAY_CONTAINS(@ids, c.readId)").WithParameter("@t", CosmosAlertStore.DocType).WithParameter("@ids", chunk);
                await foreach (var a in _alerts.QueryDocumentsAsync(aq, ct: ct)) hitReads.Add((string)a["readId"]!);
            }
            found = found.Where(r => hitReads.Contains(r.Id)).ToList();
        }
        if (found.Count > maxResults) { truncated = true; found = found.OrderByDescending(r => r.CapturedAt).Take(maxResults).ToList(); }
        return new Result(found.OrderByDescending(r => r.CapturedAt).ToList(), truncated, days.Count);
    }
}
