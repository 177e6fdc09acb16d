using Alpr.Cli;
using Alpr.Cli.Commands;

// Every sub-command, one file each under Commands/. Add new ones here.
ICommand[] commands =
[
    new DemoCommand(),
    new SamplesCommand(),
    new UpCommand(),
    new BenchRecognitionCommand(),
    new TrainGlyphsCommand(),
    new TrainInt8Command(),
    new BenchHotlistCommand(),
    new BenchSearchCommand(),
    new TokenCommand(),
    new AuditVerifyCommand(),
    new AuditReportCommand(),
    new BenchPurgeCommand(),
];

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };

var match = commands
    .Select(c => (c, words: c.Path.Split(' ')))
    .Where(x => x.words.Length <= args.Length && x.words.SequenceEqual(args.Take(x.words.Length)))
    .OrderByDescending(x => x.words.Length)
    .FirstOrDefault();
if (match.c is null)
{
    Console.Error.WriteLine("usage: ./alpr <command> [options]\n");
    foreach (var c in commands.OrderBy(c => c.Path)) Console.Error.WriteLine($"  {c.Path,-22} {c.Summary}");
    return 2;
}
return await match.c.RunAsync(new CommandArgs(args.Skip(match.words.Length)), cts.Token);
