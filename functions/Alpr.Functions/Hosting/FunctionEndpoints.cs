using System.Text.Json;

namespace Alpr.Functions.Hosting;

public static class FunctionEndpoints
{
    /// <summary>
    /// <c>GET /</c> for the host's start-up probe and <c>POST /{name}</c> per handler. Failures answer 500 so the
    /// trigger's retry and poison handling apply.
    /// </summary>
    public static void MapFunctionHandlers(this WebApplication app)
    {
        app.MapGet("/", () => Results.Ok(new { status = "ready" })).ExcludeFromDescription();
        foreach (var handler in app.Services.GetServices<IFunctionHandler>())
        {
            app.MapPost("/" + handler.Name, async (HttpContext ctx, ILoggerFactory loggers) =>
            {
                var log = loggers.CreateLogger("Function." + handler.Name);
                InvocationRequest? request;
                try { request = await JsonSerializer.DeserializeAsync<InvocationRequest>(ctx.Request.Body, InvocationRequest.SerializerOptions, ctx.RequestAborted); }
                catch (JsonException) { return Results.BadRequest(new { error = "body is not an invocation payload" }); }
                if (request is null) return Results.BadRequest(new { error = "empty invocation payload" });
                try
                {
                    return Results.Json(await handler.InvokeAsync(request, ctx.RequestAborted));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "{Function} failed (invocation {InvocationId})", handler.Name, ctx.Request.Headers["X-Azure-Functions-InvocationId"].ToString());
                    return Results.Json(new InvocationResponse { Logs = [$"{handler.Name} failed: {e.GetType().Name}"] }, statusCode: 500);
                }
            });
        }
    }
}
