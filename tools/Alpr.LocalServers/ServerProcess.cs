using System.Diagnostics;
using System.Text;

namespace Alpr.LocalServers;

/// <summary>
/// A child process that serves on one port. Killed (with its children) on dispose and when this process
/// exits, so a test run never leaves servers behind.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    public string Name { get; }
    public int Port { get; }
    public string Output { get { lock (_output) return _output.ToString(); } }

    private ServerProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Kill();
    }

    public static async Task<ServerProcess> StartAsync(string name, string fileName, IEnumerable<string> args, int port,
        IDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? RepoPaths.Root,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (environment is not null) foreach (var (k, v) in environment) psi.Environment[k] = v;
        var p = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {name}");
        var server = new ServerProcess(name, port, p);
        p.OutputDataReceived += (_, e) => server.Append(e.Data);
        p.ErrorDataReceived += (_, e) => server.Append(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            await FreePort.WaitUntilListeningAsync(port, timeout ?? TimeSpan.FromSeconds(60), () => p.HasExited, ct);
        }
        catch
        {
            server.Kill();
            throw new InvalidOperationException($"{name} did not start on port {port}:\n{server.Output}");
        }
        return server;
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) { if (_output.Length < 200_000) _output.AppendLine(line); }
    }

    private void Kill()
    {
        try { if (!_process.HasExited) _process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        try { await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        _process.Dispose();
    }
}
