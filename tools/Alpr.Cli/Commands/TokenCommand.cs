using Alpr.LocalServers;

namespace Alpr.Cli.Commands;

/// <summary>A development bearer token signed with the local key in .alpr/ (the app started by ./alpr up trusts it).</summary>
public sealed class TokenCommand : ICommand
{
    public string Path => "token";
    public string Summary => "print a development bearer token --user ID [--name NAME] [--hours H]";

    public Task<int> RunAsync(CommandArgs args, CancellationToken ct)
    {
        string? user = args.Get("user");
        if (user is null) { Console.Error.WriteLine("--user ID is required (./alpr up registers dev-<role> users)"); return Task.FromResult(2); }
        Console.WriteLine(DevTokens.Issue(DevTokens.LocalSigningKey(), user, args.Get("name", user), TimeSpan.FromHours(args.GetInt("hours", 8))));
        return Task.FromResult(0);
    }
}
