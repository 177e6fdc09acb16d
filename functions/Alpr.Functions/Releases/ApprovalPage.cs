using System.Net;
using System.Text;
using Alpr.Core.Audit;
using Alpr.Core.Releases;
using Alpr.Core.Workflows;
using Alpr.Cosmos;
using Microsoft.Extensions.Options;

namespace Alpr.Functions.Releases;

/// <summary>
/// The page an approval link opens, server-rendered. A person clicking an e-mailed link has no bearer token, so
/// the link itself is the credential: HMAC-signed, bound to this request and this approver, expiring, and single
/// use (its nonce is consumed by the ETag-guarded workflow write, so a replay or a stale link is refused). The
/// form posts the same token; nothing rides on cookies, so there is nothing for a cross-site post to borrow.
/// The approver's standing is checked again at decision time; the client address goes into the audit trail.
/// </summary>
public static class ApprovalPage
{
    public static void MapApprovalPage(this WebApplication app)
    {
        app.MapGet("/api/releases/approve", ShowAsync);
        app.MapPost("/api/releases/approve", DecideAsync).DisableAntiforgery();
    }

    private sealed record Checked(ApprovalClaims Claims, WorkflowInstance Instance, ReleaseFile File, ReleaseStatus Status);

    /// <summary>The link's claims and the instance, or the reason and status code to refuse with.</summary>
    private static async Task<(Checked? Ok, int Code, string? Error)> CheckAsync(string? token, IWorkflowStore store, ReleaseApprovers approvers,
        IOptions<ReleaseOptions> options, TimeProvider time, CancellationToken ct)
    {
        var (claims, error) = ApprovalToken.Verify(token, options.Value.SigningKey(), time.GetUtcNow());
        if (claims is null) return (null, error == "link expired" ? 410 : 400, error);
        var stored = await store.ReadAsync(claims.RequestId, ct);
        if (stored is null || stored.Instance.Name != ReleaseWorkflow.WorkflowName) return (null, 404, "no such request");
        var status = ReleaseJson.From<ReleaseStatus>(stored.Instance.CustomStatus)!;
        if (status.Nonce != claims.Nonce || status.ApproverId != claims.ApproverId)
            return (null, 410, $"this link is no longer valid: the request is {stored.Instance.State}");
        if (await approvers.CanApproveAsync(claims.ApproverId, ct) is { } refusal) return (null, 403, refusal);
        return (new Checked(claims, stored.Instance, ReleaseJson.From<ReleaseFile>(stored.Instance.Input)!, status), 200, null);
    }

    private static async Task<IResult> ShowAsync(string? token, HttpContext ctx, IWorkflowStore store, ReleaseApprovers approvers, CosmosReleaseReads reads,
        IAuditLog audit, IOptions<ReleaseOptions> options, TimeProvider time, CancellationToken ct)
    {
        var (ok, code, error) = await CheckAsync(token, store, approvers, options, time, ct);
        await Audit(audit, ctx, time, ok?.Claims, "release.approval-page", ok is null ? AuditOutcome.Refused : AuditOutcome.Allowed, error, ct);
        if (ok is null) return Page(code, "Approval link refused", $"<p class=\"error\">{Enc(error)}</p>");

        var r = ok.File.Request;
        long size = await reads.CountAsync(r.Scope, ct);
        var body = new StringBuilder()
            .Append($"<h2>Release request {Enc(ok.Instance.Id)}</h2><dl>")
            .Append(Row("Agency", $"{r.Agency.Name} ({r.Agency.Type}, {r.Agency.State}{(r.Agency.Ori is null ? "" : ", ORI " + r.Agency.Ori)})"))
            .Append(Row("Requested by", $"{r.Person.Name} — {r.Person.Contact}"))
            .Append(Row("Purpose", $"{r.Purpose}: {r.PurposeDetail}"))
            .Append(Row("Case number", r.CaseNumber))
            .Append(Row("Legal basis", r.LegalBasis.Kind + (r.LegalBasis.CourtOrderNumber is null ? "" : " " + r.LegalBasis.CourtOrderNumber)))
            .Append(Row("Scope", $"plates: {string.Join(", ", r.Scope.Plates ?? [])}; from {r.Scope.From:u} to {r.Scope.To:u}; cameras: {string.Join(", ", r.Scope.CameraIds ?? [])}"))
            .Append(Row("Scope size", $"{size} read(s)"))
            .Append(Row("Policy check", $"{ok.File.Policy.Outcome} — rule {ok.File.Policy.Rule}: {ok.File.Policy.Explanation}"))
            .Append(Row("Filed by", $"{ok.File.RequesterId} at {ok.File.FiledAt:u}"))
            .Append(Row("Link expires", $"{ok.Claims.ExpiresAt:u}"))
            .Append("</dl><form method=\"post\" action=\"/api/releases/approve\">")
            .Append($"<input type=\"hidden\" name=\"token\" value=\"{Enc(token)}\">")
            .Append("<label>Comment <textarea name=\"comment\" id=\"comment\"></textarea></label>")
            .Append("<button type=\"submit\" name=\"decision\" value=\"approve\" id=\"approve\">Approve</button> ")
            .Append("<button type=\"submit\" name=\"decision\" value=\"deny\" id=\"deny\">Deny</button></form>");
        return Page(200, "Approve data release", body.ToString());
    }

    private static async Task<IResult> DecideAsync(HttpContext ctx, IWorkflowStore store, ReleaseApprovers approvers, WorkflowEngine engine,
        IAuditLog audit, IOptions<ReleaseOptions> options, TimeProvider time, CancellationToken ct)
    {
        if (!ctx.Request.HasFormContentType) return Page(400, "Bad request", "<p class=\"error\">expected a form post</p>");
        var form = await ctx.Request.ReadFormAsync(ct);
        string decision = form["decision"].ToString();
        string? comment = form["comment"].ToString() is { Length: > 0 } c ? c[..Math.Min(c.Length, 2000)] : null;
        if (decision is not (ReleaseWorkflow.Approve or ReleaseWorkflow.Deny)) return Page(400, "Bad request", "<p class=\"error\">decision must be approve or deny</p>");

        var (ok, code, error) = await CheckAsync(form["token"].ToString(), store, approvers, options, time, ct);
        if (ok is null)
        {
            await Audit(audit, ctx, time, null, $"release.{decision}", AuditOutcome.Refused, error, ct);
            return Page(code, "Decision refused", $"<p class=\"error\">{Enc(error)}</p>");
        }
        string client = ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var answer = new ApprovalAnswer(ok.Claims.ApproverId, ok.Claims.Nonce, comment, client);
        var outcome = await engine.RaiseAsync(ok.Claims.RequestId, new WorkflowEvent(decision, ReleaseJson.ToNode(answer), ok.Claims.ApproverId), ct);
        bool accepted = outcome.Result == RaiseResult.Accepted;
        await Audit(audit, ctx, time, ok.Claims, $"release.{decision}", accepted ? AuditOutcome.Allowed : AuditOutcome.Refused,
            accepted ? comment : outcome.Refusal, ct);
        return accepted
            ? Page(200, "Decision recorded", $"<p id=\"result\">Request {Enc(ok.Claims.RequestId)} {(decision == ReleaseWorkflow.Approve ? "approved" : "denied")}.</p>")
            : Page(outcome.Result == RaiseResult.Gone ? 410 : 409, "Decision refused", $"<p class=\"error\">{Enc(outcome.Refusal)}</p>");
    }

    // The approver is identified by the link, not a bearer token, so the entry is built here rather than by AuditTrail.
    private static Task Audit(IAuditLog audit, HttpContext ctx, TimeProvider time, ApprovalClaims? claims, string action, AuditOutcome outcome, string? detail, CancellationToken ct) =>
        audit.AppendAsync(new AuditEntry
        {
            Id = Guid.CreateVersion7().ToString("N"), At = time.GetUtcNow(), ActorType = "user",
            ActorId = claims?.ApproverId ?? "(approval link)", Action = action, Outcome = outcome, Target = claims?.RequestId,
            ClientAddress = ctx.Connection.RemoteIpAddress?.ToString(), Detail = detail,
        }, ct);

    private static string Enc(string? s) => WebUtility.HtmlEncode(s ?? "");
    private static string Row(string k, string v) => $"<dt>{Enc(k)}</dt><dd>{Enc(v)}</dd>";

    private static IResult Page(int status, string title, string body) => Results.Content(
        $"<!doctype html><html><head><meta charset=\"utf-8\"><title>{Enc(title)}</title>" +
        "<meta name=\"referrer\" content=\"no-referrer\"></head>" +
        $"<body><h1>{Enc(title)}</h1>{body}</body></html>", "text/html; charset=utf-8", Encoding.UTF8, status);
}
