using Alpr.Core.Recognition;
using Alpr.Recognition;

namespace Alpr.Functions.Hosting;

public static class RecognitionServices
{
    /// <summary>One recogniser (one ONNX session per model) for the process, configured from "Recognition".</summary>
    public static IServiceCollection AddPlateRecognition(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Recognition").Get<OnnxRecognizerOptions>() ?? new OnnxRecognizerOptions();
        services.AddSingleton(options);
        services.AddSingleton<OnnxPlateRecognizer>();
        services.AddSingleton<IPlateRecognizer>(sp => sp.GetRequiredService<OnnxPlateRecognizer>());
        return services;
    }
}
