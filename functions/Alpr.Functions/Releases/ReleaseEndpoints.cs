using System.Text.Json;
using Alpr.Core.Access;
using Alpr.Core.Audit;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Alpr.Functions.Access;
using Alpr.Functions.Workflows;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Releases;

/// <summary>
/// <c>POST /api/releases</c> files a written request: validated (400), policy-checked before any person sees it,
/// started as a "release" workflow (202 + Location + statusQueryGetUri, as Durable answers a start).
/// <c>GET /api/releases/{id}/approval-link</c> hands the assigned approver their link (stand-in for e-mail);
/// <c>GET /api/releases/{id}/download</c> gives the requester time-limited links to the export, each audited.
/// </summary>
public static class ReleaseEndpoints
{
    public static void MapReleaseEndpoints(this WebApplication app)
    {
        app.MapPost("/api/releases", FileAsync).RequirePermission(Permission.RequestRelease);
        app.MapGet("/api/releases/{id}", StatusAsync).RequirePermission(Permission.RequestRelease);
        app.MapGet("/api/releases/{id}/approval-link", ApprovalLinkAsync).RequirePermission(Permission.RequestRelease);
        app.MapGet("/api/releases/{id}/download", DownloadAsync).RequirePermission(Permission.RequestRelease);
        app.MapApprovalPage();
    }

    private static async Task<IResult> FileAsync(HttpContext ctx, WorkflowEngine engine, ReleaseApprovers approvers, AuditTrail audit,
        IOptions<ReleaseOptions> options, TimeProvider time, CancellationToken ct)
    {
        ReleaseRequest? request;
        try { request = await JsonSerializer.DeserializeAsync<ReleaseRequest>(ctx.Request.Body, ReleaseJson.Options, ct); }
        catch (JsonException e) { return Results.BadRequest(new { error = $"body is not a valid release request: {e.Message}" }); }
        var problems = ReleaseRequestValidation.Problems(request);
        if (problems.Count > 0) return Results.BadRequest(new { error = string.Join("; ", problems), problems });

        var user = ctx.Caller();
        var o = options.Value;
        var policy = ReleasePolicy.Decide(request!, o.HomeState, o.MouPartners);
        var file = new ReleaseFile(request!, user.Id, time.GetUtcNow(), policy,
            policy.Outcome == PolicyOutcome.NeedsApproval ? await approvers.EligibleAsync(user.Id, ct) : []);
        string id = Guid.CreateVersion7().ToString("N");
        await audit.RecordAsync(ctx, user, "release.request", AuditOutcome.Allowed, target: id, caseNumber: request!.CaseNumber,
            detail: $"{request.Agency.Name} ({request.Agency.Type}); policy {policy.Outcome}: {policy.Rule}", ct: ct);
        var (_, instance) = await engine.StartAsync(ReleaseWorkflow.WorkflowName, id, ReleaseJson.ToNode(file), ct);

        string status = WorkflowStatus.StatusPath(id);
        ctx.Response.Headers.Location = status;
        ctx.Response.Headers.RetryAfter = "10";
        return Results.Json(new
        {
            id, runtimeStatus = instance.RuntimeStatus.ToString(), state = instance.State, policy,
            statusQueryGetUri = status, sendEventPostUri = status + "/raiseEvent/{eventName}",
        }, statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>The requester's (and approvers') view of the Durable-style status, with history.</summary>
    private static async Task<IResult> StatusAsync(string id, HttpContext ctx, IWorkflowStore store, AuditTrail audit, CancellationToken ct)
    {
        var user = ctx.Caller();
        var stored = await store.ReadAsync(id, ct);
        if (stored is null || stored.Instance.Name != ReleaseWorkflow.WorkflowName) return Results.NotFound(new { error = $"no release request {id}" });
        var file = ReleaseJson.From<ReleaseFile>(stored.Instance.Input)!;
        if (file.RequesterId != user.Id && !AccessPolicy.Allows(user.Role, Permission.ApproveRelease))
        {
            await audit.RecordAsync(ctx, user, "release.status", AuditOutcome.Refused, target: id, detail: "neither requester nor approver", ct: ct);
            return Results.Json(new { error = "only the requester or an approver may see this request" }, statusCode: 403);
        }
        await audit.RecordAsync(ctx, user, "release.status", AuditOutcome.Allowed, target: id, caseNumber: file.Request.CaseNumber, ct: ct);
        // The link nonce stays server-side: it is not a credential, but nobody needs it.
        var st = ReleaseJson.From<ReleaseStatus>(stored.Instance.CustomStatus);
        var shown = st is null ? stored.Instance : stored.Instance with { CustomStatus = ReleaseJson.ToNode(st with { Nonce = null }) };
        return WorkflowStatus.Result(ctx, shown, showHistory: true);
    }

    private static async Task<IResult> ApprovalLinkAsync(string id, HttpContext ctx, IWorkflowStore store, AuditTrail audit, IOptions<ReleaseOptions> options, CancellationToken ct)
    {
        var user = ctx.Caller();
        var stored = await store.ReadAsync(id, ct);
        var status = stored?.Instance.Name == ReleaseWorkflow.WorkflowName ? ReleaseJson.From<ReleaseStatus>(stored.Instance.CustomStatus) : null;
        if (status is null) return Results.NotFound(new { error = $"no release request {id}" });
        if (status.ApproverId != user.Id || status.Nonce is null || status.LinkExpiresAt is null)
        {
            await audit.RecordAsync(ctx, user, "release.approval-link", AuditOutcome.Refused, target: id, detail: "not the current approver", ct: ct);
            return Results.Json(new { error = "no approval link is waiting for you on this request" }, statusCode: 403);
        }
        string token = ApprovalToken.Sign(new ApprovalClaims(id, user.Id, status.LinkExpiresAt.Value, status.Nonce), options.Value.SigningKey());
        await audit.RecordAsync(ctx, user, "release.approval-link", AuditOutcome.Allowed, target: id, ct: ct);
        return Results.Ok(new { link = $"{ctx.Request.Scheme}://{ctx.Request.Host}/api/releases/approve?token={Uri.EscapeDataString(token)}", expiresAt = status.LinkExpiresAt });
    }

    private static async Task<IResult> DownloadAsync(string id, HttpContext ctx, IWorkflowStore store, AuditTrail audit, Alpr.Storage.BlobSasIssuer sas,
        IOptions<ReleaseOptions> options, CancellationToken ct)
    {
        var user = ctx.Caller();
        var stored = await store.ReadAsync(id, ct);
        if (stored is null || stored.Instance.Name != ReleaseWorkflow.WorkflowName) return Results.NotFound(new { error = $"no release request {id}" });
        var file = ReleaseJson.From<ReleaseFile>(stored.Instance.Input)!;
        if (file.RequesterId != user.Id)
        {
            await audit.RecordAsync(ctx, user, "release.download", AuditOutcome.Refused, target: id, caseNumber: file.Request.CaseNumber, detail: "only the requester downloads", ct: ct);
            return Results.Json(new { error = "only the requester may download this release" }, statusCode: 403);
        }
        var manifest = stored.Instance.State == "fulfilled" ? ReleaseJson.From<ExportManifest>(stored.Instance.Output) : null;
        if (manifest is null) return Results.Json(new { error = $"the release is {stored.Instance.State}, not fulfilled" }, statusCode: 409);

        var o = options.Value;
        // Audited before any link leaves: who, which request, how many files.
        await audit.RecordAsync(ctx, user, "release.download", AuditOutcome.Allowed, target: id, caseNumber: file.Request.CaseNumber,
            resultCount: manifest.ReadCount, detail: $"{manifest.Files.Count + 1} file link(s), valid {o.DownloadValidity}", ct: ct);
        var links = new List<object> { new { name = "manifest.json", url = await sas.ReadUriAsync(o.ExportsContainer, ReleaseExportStep.ManifestBlob(id), o.DownloadValidity, ct) } };
        foreach (var f in manifest.Files)
            links.Add(new { name = f.Name, sha256 = f.Sha256, url = await sas.ReadUriAsync(o.ExportsContainer, $"{id}/{f.Name}", o.DownloadValidity, ct) });
        return Results.Ok(new { requestId = id, expiresIn = o.DownloadValidity, files = links });
    }
}
