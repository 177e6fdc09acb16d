extern alias cli;
using System.Text.Json;
using Alpr.LocalServers;

namespace Alpr.Functions.Tests.Recognition;

/// <summary>`./alpr bench recognition` on small folders in both layouts, built at test time from ../shared.</summary>
public sealed class BenchRecognitionCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("alpr-bench-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(int Rc, JsonElement Json)> RunAsync(params string[] args)
    {
        string json = Path.Combine(Path.GetTempPath(), $"bench-{Guid.NewGuid():N}.json");
        try
        {
            int rc = await new cli::Alpr.Cli.Commands.BenchRecognitionCommand().RunAsync(new cli::Alpr.Cli.CommandArgs([.. args, "--json", json]), default);
            return (rc, rc == 0 ? JsonDocument.Parse(await File.ReadAllTextAsync(json)).RootElement.Clone() : default);
        }
        finally { File.Delete(json); }
    }

    /// <summary>Copies an openalpr end-to-end image and writes its label (the dataset's own, or the one given).</summary>
    private void EndToEnd(string name, string? label = null)
    {
        string src = Path.Combine(RepoPaths.Datasets, "endtoend", "us");
        var fields = File.ReadAllText(Path.Combine(src, name + ".txt")).Trim().Split('\t');
        string copy = label is null ? name : name + "-relabelled";
        File.Copy(Path.Combine(src, fields[0]), Path.Combine(_dir, copy + ".jpg"));
        fields[0] = copy + ".jpg";
        if (label is not null) fields[^1] = label;
        File.WriteAllText(Path.Combine(_dir, copy + ".txt"), string.Join('\t', fields) + "\n");
    }

    [Fact]
    public async Task End_to_end_folder_gives_the_documented_figures()
    {
        EndToEnd("12c6cb72-3ea3-49e7-b381-e0cdfc5e8960");
        EndToEnd("1e241dc8-8f18-4955-8988-03a0ab49f813");
        EndToEnd("21d8c31d-3deb-494b-9c63-c0223306fd82");
        EndToEnd("22e54a62-57a8-4a0a-88c1-4b9758f67651", label: "ZZZ9999");   // a wrong label is a misread
        EndToEnd("12c6cb72-3ea3-49e7-b381-e0cdfc5e8960", label: "OSG719");    // 0SG719 spelt with the letter O

        var (rc, j) = await RunAsync("--data", _dir, "--threads", "2");

        Assert.Equal(0, rc);
        Assert.Equal(5, j.GetProperty("images").GetInt32());
        Assert.Equal(3, j.GetProperty("exact").GetInt32());
        Assert.Equal(0.6, j.GetProperty("exact_rate").GetDouble());
        Assert.Equal(4, j.GetProperty("exact_o_as_zero").GetInt32());
        Assert.Equal(0.8, j.GetProperty("exact_o_as_zero_rate").GetDouble());
        Assert.Equal(0.6, j.GetProperty("found_rate").GetDouble());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("state_rate").ValueKind);
        var latency = j.GetProperty("latency_ms");
        Assert.InRange(latency.GetProperty("p50").GetDouble(), 1, latency.GetProperty("p95").GetDouble());
        Assert.Equal("one run per image", j.GetProperty("latency_of").GetString());
        Assert.Equal(2, j.GetProperty("threads").GetInt32());
        Assert.Equal("onnx-ppocrv4", j.GetProperty("engine").GetString());
        Assert.Equal(2, j.GetProperty("model_folds").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, j.GetProperty("baseline").ValueKind);
    }

    [Fact]
    public async Task Crops_folder_measures_states_and_the_baseline_in_the_same_run()
    {
        string src = Path.Combine(RepoPaths.Datasets, "plate-crops-us");
        var rows = File.ReadLines(Path.Combine(src, "groundtruth.csv")).Where(l => l.StartsWith("ak721.png,") || l.StartsWith("ak848.png,")).ToList();
        Assert.Equal(2, rows.Count);
        foreach (var row in rows) File.Copy(Path.Combine(src, row.Split(',')[0]), Path.Combine(_dir, row.Split(',')[0]));
        File.WriteAllLines(Path.Combine(_dir, "groundtruth.csv"), rows);

        var (rc, j) = await RunAsync("--data", _dir, "--baseline", "--repeat", "2");

        Assert.Equal(0, rc);
        Assert.Equal("fastest of 2 runs per image", j.GetProperty("latency_of").GetString());
        Assert.Equal(2, j.GetProperty("exact").GetInt32());
        Assert.Equal(1.0, j.GetProperty("state_rate").GetDouble());
        Assert.Equal(2, j.GetProperty("state_images").GetInt32());
        Assert.Equal("onnx-ppocrv4-baseline", j.GetProperty("baseline").GetProperty("engine").GetString());
        Assert.True(j.GetProperty("speed_ratio_baseline_over_tuned").GetDouble() > 0);
    }

    [Fact]
    public async Task Missing_data_folder_is_refused()
    {
        var (rc, _) = await RunAsync("--data", Path.Combine(_dir, "nowhere"));
        Assert.Equal(2, rc);
    }

    [Fact]
    public async Task Degraded_copies_are_read_and_said_so()
    {
        EndToEnd("1e241dc8-8f18-4955-8988-03a0ab49f813");

        var (rc, j) = await RunAsync("--data", _dir);
        var (rcSmall, small) = await RunAsync("--data", _dir, "--jpeg-quality", "80", "--scale", "0.1");

        Assert.Equal((0, 0), (rc, rcSmall));
        Assert.Equal("as stored", j.GetProperty("images_as").GetString());
        Assert.Equal(1, j.GetProperty("exact").GetInt32());
        // a 128 x 72 copy of the frame: the plate is a few pixels, and the copy is what was read
        Assert.Equal("scaled 0.1, JPEG quality 80", small.GetProperty("images_as").GetString());
        Assert.Equal(0, small.GetProperty("exact").GetInt32());
    }

    [Theory]
    [InlineData("--scale", "2")]
    [InlineData("--scale", "0")]
    [InlineData("--jpeg-quality", "101")]
    [InlineData("--rotate", "60")]
    [InlineData("--shear", "35")]
    public async Task Degradations_that_cannot_be_made_are_refused(string option, string value)
    {
        EndToEnd("1e241dc8-8f18-4955-8988-03a0ab49f813");
        var (rc, _) = await RunAsync("--data", _dir, option, value);
        Assert.Equal(2, rc);
    }
}
