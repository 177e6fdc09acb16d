namespace Alpr.LocalServers;

/// <summary>Finds the repository root (and the shared data beside it) from wherever the code runs.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary><c>../shared</c> beside the repository, where CI and developers keep the datasets.</summary>
    public static string Shared => Path.GetFullPath(Path.Combine(Root, "..", "shared"));

    public static string Datasets => Path.Combine(Shared, "datasets", "openalpr-benchmarks");

    public static string NodeModules => Path.Combine(Root, "node_modules");

    private static string FindRoot()
    {
        if (Environment.GetEnvironmentVariable("ALPR_ROOT") is { Length: > 0 } env && File.Exists(Path.Combine(env, "Alpr.Functions.sln")))
            return env;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Alpr.Functions.sln"))) return dir.FullName;
        throw new InvalidOperationException("cannot find the repository root (Alpr.Functions.sln); set ALPR_ROOT");
    }
}
