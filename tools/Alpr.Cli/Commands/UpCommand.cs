using Alpr.Cli.Local;
using Alpr.Core.Cameras;
using Alpr.Cosmos;

namespace Alpr.Cli.Commands;

/// <summary>The app standalone against freshly started local servers until Ctrl-C; prints where everything is.</summary>
public sealed class UpCommand : ICommand
{
    public string Path => "up";
    public string Summary => "run the app standalone on local servers until Ctrl-C (prints URLs and a dev camera key)";

    public async Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        await using var stack = await LocalStack.StartServersAsync(ct);
        string key = CameraKeys.NewKey();
        await new CosmosCameraRegistry(stack.Database).UpsertAsync(new Camera { Id = "dev-cam", Name = "Development camera", Kind = CameraKind.Fixed, KeyHash = CameraKeys.Hash(key) }, ct);
        // One development user per role, trained and approved, so every endpoint can be tried with ./alpr token.
        var users = new CosmosUserDirectory(stack.Database);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        foreach (var role in Enum.GetValues<Alpr.Core.Access.Role>())
            await users.UpsertAsync(new Alpr.Core.Access.AlprUser
            {
                Id = $"dev-{role.ToString().ToLowerInvariant()}", Name = $"Dev {role}", Role = role, TrainingCompletedOn = today.AddDays(-1),
                TrainingExpiresOn = today.AddYears(1), ApprovedBy = "alpr up", ApprovedAt = DateTimeOffset.UtcNow,
            }, ct);
        await stack.StartAppAsync(args.Get("configuration", "Release"), ct);

        Console.WriteLine($"""
            app (standalone)      {stack.AppUrl}
              capture API         POST {stack.AppUrl}api/captures  (X-Camera-Id: dev-cam, X-Camera-Key: {key})
            Azurite               {stack.Azurite.ConnectionString}
            Cosmos DB server      {stack.Cosmos.Endpoint} (database "alpr", emulator key)
            Event Grid topic      {stack.EventGrid.Endpoint} (aeg-sas-key: {stack.EventGrid.Key})
            users                 dev-officer, dev-captain, dev-auditor, ... (one per role): ./alpr token --user dev-captain
            audit chain           ./alpr audit verify --endpoint {stack.Cosmos.Endpoint} --key {Alpr.LocalServers.CosmosServer.Key}
            quarterly reports     ./alpr audit report --quarter {Alpr.Core.Reports.Quarter.LastEnded(DateTimeOffset.UtcNow, Alpr.Core.Retention.RetentionPresets.PalmSprings.TimeZone)} --endpoint {stack.AppUrl} --user dev-auditor --out reports
            Ctrl-C stops everything.
            """);
        try { await Task.Delay(Timeout.Infinite, ct); } catch (OperationCanceledException) { }
        Console.WriteLine($"stopping ({stack.EventGrid.Events.Count} events were received)");
        return 0;
    }
}
