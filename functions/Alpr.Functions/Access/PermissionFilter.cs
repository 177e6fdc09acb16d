using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Cosmos;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Access;

/// <summary>
/// Guards an endpoint: a valid token (401 otherwise), a registered user in good standing (trained, approved,
/// active), and a role that holds the permission (403 otherwise). Every refusal is audited before answering.
/// The admitted user is available to the handler via <see cref="CallerExtensions.Caller"/>.
/// </summary>
public sealed class PermissionFilter(Permission permission) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var ctx = context.HttpContext;
        var services = ctx.RequestServices;
        var audit = services.GetRequiredService<AuditTrail>();
        var time = services.GetRequiredService<TimeProvider>();
        string action = $"{ctx.Request.Method} {ctx.Request.Path}";

        if (ctx.User.Identity?.IsAuthenticated != true)
        {
            await audit.RecordAsync(ctx, null, action, AuditOutcome.Refused, detail: "no valid bearer token", ct: ctx.RequestAborted);
            return Results.Json(new { error = "a valid bearer token is required" }, statusCode: 401);
        }

        string claim = services.GetRequiredService<IOptions<AuthOptions>>().Value.UserIdClaim;
        string? userId = ctx.User.FindFirst(claim)?.Value;
        var user = userId is null ? null : await services.GetRequiredService<CosmosUserDirectory>().GetAsync(userId, ctx.RequestAborted);
        string? refusal = UserStanding.Refusal(user, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        if (refusal is null && !AccessPolicy.Allows(user!.Role, permission))
            refusal = $"role {user.Role} may not {permission}";
        if (refusal is not null)
        {
            await audit.RecordAsync(ctx, user, action, AuditOutcome.Refused, detail: refusal, ct: ctx.RequestAborted);
            return Results.Json(new { error = refusal }, statusCode: 403);
        }

        ctx.Items[typeof(AlprUser)] = user;
        return await next(context);
    }
}

public static class CallerExtensions
{
    /// <summary>The user admitted by <see cref="PermissionFilter"/>.</summary>
    public static AlprUser Caller(this HttpContext ctx) =>
        ctx.Items[typeof(AlprUser)] as AlprUser ?? throw new InvalidOperationException("endpoint is not guarded by RequirePermission");

    /// <summary>Token, standing and role checks (audited) before the handler runs.</summary>
    public static TBuilder RequirePermission<TBuilder>(this TBuilder builder, Permission permission) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new PermissionFilter(permission));
}
