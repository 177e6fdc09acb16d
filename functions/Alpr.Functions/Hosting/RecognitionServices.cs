using Alpr.Core.Recognition;

namespace Alpr.Functions.Hosting;

public static class RecognitionServices
{
    // TEMPORARY until the ONNX recogniser lands: fails every recognition so nothing pretends to work.
    public static IServiceCollection AddPlateRecognition(this IServiceCollection services, IConfiguration config) =>
        services.AddSingleton<IPlateRecognizer, PendingRecognizer>();

    private sealed class PendingRecognizer : IPlateRecognizer
    {
        public string Engine => "none";
        public Task<RecognitionResult> RecognizeAsync(ReadOnlyMemory<byte> image, CancellationToken ct) => throw new NotImplementedException();
    }
}
