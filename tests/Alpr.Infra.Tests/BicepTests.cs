using System.Diagnostics;
using System.Text.Json;
using Alpr.LocalServers;

namespace Alpr.Infra.Tests;

/// <summary>infra/ compiles with the real Bicep compiler and declares what the app expects to find in Azure.</summary>
public class BicepTests
{
    private static string BicepPath()
    {
        string packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string path = Path.Combine(packages, "azure.bicep.commandline.linux-x64", "0.49.2", "tools", "bicep");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
        return path;
    }

    private static JsonDocument Compile()
    {
        var psi = new ProcessStartInfo(BicepPath(), ["build", Path.Combine(RepoPaths.Root, "infra", "main.bicep"), "--stdout"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var p = Process.Start(psi)!;
        string stdout = p.StandardOutput.ReadToEnd(), stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "bicep build failed:\n" + stderr);
        Assert.DoesNotContain("Warning", stderr);
        return JsonDocument.Parse(stdout);
    }

    [Fact]
    public void Main_bicep_compiles_without_warnings_and_names_the_azd_outputs()
    {
        using var arm = Compile();
        var outputs = arm.RootElement.GetProperty("outputs");
        foreach (var name in new[] { "AZURE_FUNCTION_APP_NAME", "AZURE_COSMOS_ENDPOINT", "AZURE_EVENTGRID_TOPIC_ENDPOINT" })
            Assert.True(outputs.TryGetProperty(name, out _), $"missing output {name}");
    }

    [Fact]
    public void Every_cosmos_container_the_app_uses_is_declared()
    {
        string module = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "app.bicep"));
        foreach (var container in Alpr.Cosmos.CosmosContainers.All)
            Assert.Contains($"'{container}'", module);
    }

    [Fact]
    public void Storage_and_cosmos_allow_identity_only()
    {
        string module = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "app.bicep"));
        Assert.Contains("allowSharedKeyAccess: false", module);
        Assert.Contains("disableLocalAuth: true", module);
        Assert.Contains("allowBlobPublicAccess: false", module);
    }

    [Fact]
    public void Reports_container_is_declared_immutable_and_the_app_applies_the_policy()
    {
        string module = File.ReadAllText(Path.Combine(RepoPaths.Root, "infra", "modules", "app.bicep"));
        Assert.Contains("'reports'", module);
        Assert.Contains("c == 'evidence' || c == 'reports' ? { enabled: true }", module);
        Assert.Contains("{ name: 'Reports__ApplyImmutabilityPolicy', value: 'true' }", module);
        using var arm = Compile();
        Assert.Contains("Reports__ApplyImmutabilityPolicy", arm.RootElement.GetRawText());
    }
}
