using Alpr.Cosmos;

namespace Alpr.Cli.Commands;

/// <summary>
/// Checks the audit log's hash chain day by day and names the first broken link. Connects to the Cosmos
/// account given (or ALPR_COSMOS_ENDPOINT / ALPR_COSMOS_KEY; without a key, the signed-in Azure identity).
/// </summary>
public sealed class AuditVerifyCommand : ICommand
{
    public string Path => "audit verify";
    public string Summary => "verify the audit log's hash chain [--from yyyy-MM-dd] [--to yyyy-MM-dd] [--endpoint URL] [--key KEY] [--database alpr]";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        string? endpoint = args.Get("endpoint") ?? Environment.GetEnvironmentVariable("ALPR_COSMOS_ENDPOINT");
        if (endpoint is null) { Console.Error.WriteLine("--endpoint (or ALPR_COSMOS_ENDPOINT) is required"); return 2; }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var from = args.Get("from") is { } f ? DateOnly.Parse(f) : today.AddDays(-30);
        var to = args.Get("to") is { } t ? DateOnly.Parse(t) : today;
        using var db = new CosmosDatabase(new CosmosOptions
        {
            Endpoint = endpoint, Key = args.Get("key") ?? Environment.GetEnvironmentVariable("ALPR_COSMOS_KEY"), Database = args.Get("database", "alpr"),
            AcceptLocalServerCertificate = true, // honoured for loopback endpoints only
        });
        var (broken, days, entries) = await new CosmosAuditLog(db).VerifyAsync(from, to, ct);
        if (broken is null)
        {
            Console.WriteLine($"audit chain intact: {entries} entries over {days} day(s), {from:yyyy-MM-dd} to {to:yyyy-MM-dd}");
            return 0;
        }
        Console.WriteLine($"audit chain BROKEN at {broken}");
        return 1;
    }
}
