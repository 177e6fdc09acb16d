namespace Alpr.Functions.Hosting;

/// <summary>
/// A non-HTTP function of the app. <see cref="Name"/> is its folder name (with function.json); the Functions
/// host invokes it as <c>POST /{Name}</c>, and standalone mode's trigger loop calls the same method.
/// </summary>
public interface IFunctionHandler
{
    string Name { get; }
    Task<InvocationResponse> InvokeAsync(InvocationRequest request, CancellationToken cancellationToken);
}
