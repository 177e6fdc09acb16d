namespace Alpr.Cli;

/// <summary>One ./alpr sub-command. <see cref="Path"/> is the words that select it, e.g. "bench hotlist".</summary>
public interface ICommand
{
    string Path { get; }
    string Summary { get; }
    Task<int> RunAsync(CommandArgs args, CancellationToken cancellationToken);
}
