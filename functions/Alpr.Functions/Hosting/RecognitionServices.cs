using Alpr.Core.Recognition;
using Alpr.Recognition;
using Alpr.Vision;

namespace Alpr.Functions.Hosting;

public static class RecognitionServices
{
    /// <summary>
    /// One ONNX recogniser (one session per model) for the process, configured from "Recognition"; wrapped by the
    /// Azure AI Vision fallback when "Vision" names an endpoint and key (otherwise the local engine alone).
    /// </summary>
    public static IServiceCollection AddPlateRecognition(this IServiceCollection services, IConfiguration config)
    {
        var options = config.GetSection("Recognition").Get<OnnxRecognizerOptions>() ?? new OnnxRecognizerOptions();
        services.AddSingleton(options);
        services.AddSingleton(sp => new OnnxPlateRecognizer(sp.GetRequiredService<OnnxRecognizerOptions>()));
        var vision = config.GetSection("Vision").Get<VisionReadOptions>() ?? new VisionReadOptions();
        var fallback = config.GetSection("Vision:Fallback").Get<FallbackOptions>() ?? new FallbackOptions();
        services.AddSingleton<IPlateRecognizer>(sp => vision.IsConfigured
            ? new FallbackPlateRecognizer(sp.GetRequiredService<OnnxPlateRecognizer>(), new VisionReadClient(vision, time: sp.GetRequiredService<TimeProvider>()), fallback)
            : sp.GetRequiredService<OnnxPlateRecognizer>());
        return services;
    }
}
