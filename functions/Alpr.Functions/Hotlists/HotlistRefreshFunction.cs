using Alpr.Functions.Hosting;

namespace Alpr.Functions.Hotlists;

/// <summary>Timer: picks up lists replaced by an import on any instance.</summary>
public sealed class HotlistRefreshFunction(HotlistIndexLoader loader) : IFunctionHandler
{
    public string Name => "HotlistRefresh";

    public async Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken ct)
    {
        bool rebuilt = await loader.RefreshAsync(ct: ct);
        return new InvocationResponse { Logs = [rebuilt ? "hotlist index rebuilt" : "hotlists unchanged"], ReturnValue = new { rebuilt } };
    }
}
