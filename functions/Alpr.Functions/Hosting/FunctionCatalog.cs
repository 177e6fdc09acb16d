using System.Text.Json;

namespace Alpr.Functions.Hosting;

/// <summary>One function.json: the function's name (its folder) and its trigger binding.</summary>
public sealed record FunctionDefinition(string Name, string TriggerType, string? TimerSchedule, JsonElement Bindings);

/// <summary>The function.json files beside the app (the deployed layout: one folder per function).</summary>
public sealed class FunctionCatalog
{
    public IReadOnlyList<FunctionDefinition> Functions { get; }

    public FunctionCatalog(string appRoot)
    {
        var list = new List<FunctionDefinition>();
        foreach (var dir in Directory.EnumerateDirectories(appRoot))
        {
            string file = Path.Combine(dir, "function.json");
            if (!File.Exists(file)) continue;
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var bindings = doc.RootElement.GetProperty("bindings").Clone();
            var trigger = bindings.EnumerateArray().FirstOrDefault(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));
            string type = trigger.ValueKind == JsonValueKind.Object ? trigger.GetProperty("type").GetString()! : "";
            string? schedule = type == "timerTrigger" ? trigger.GetProperty("schedule").GetString() : null;
            list.Add(new FunctionDefinition(Path.GetFileName(dir), type, schedule, bindings));
        }
        Functions = list.OrderBy(f => f.Name, StringComparer.Ordinal).ToList();
    }

    public FunctionDefinition? Find(string name) => Functions.FirstOrDefault(f => f.Name == name);
}
