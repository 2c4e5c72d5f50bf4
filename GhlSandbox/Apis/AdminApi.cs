using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http.HttpResults;
using Provisioner.GhlSandbox.Diagnostics;
using Provisioner.GhlSandbox.OAuth;
using Provisioner.GhlSandbox.RateLimiting;
using Provisioner.GhlSandbox.State;
using Provisioner.GhlSandbox.Webhooks;

namespace Provisioner.GhlSandbox.Apis;

/// <summary>
/// The sandbox's own API under /_sandbox/ (not GHL's): inspect state and the request journal, inject faults,
/// reset. It exists only in this app, which is a development stand-in and never part of production config.
/// Errors here are ProblemDetails, unlike the GHL routes.
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(SandboxPaths.AdminPrefix);
        api.MapGet("/state", State);
        api.MapGet("/journal", Journal);
        api.MapGet("/faults", (FaultInjector faults) => TypedResults.Ok(faults.List()));
        api.MapPost("/faults", AddFault);
        api.MapDelete("/faults", ClearFaults);
        api.MapPost("/faults/revoke-tokens", RevokeTokens);
        api.MapPost("/uninstall/{companyId}", Uninstall);
        api.MapPost("/reset", Reset);
        api.MapGet("/webhook-keys", (WebhookSigner signer) => TypedResults.Ok(signer.PublicKeys()));
        api.MapGet("/webhooks", (WebhookDispatcher webhooks) => TypedResults.Ok(webhooks.Deliveries()));
        return app;
    }

    public static Ok<SandboxView> State(SandboxStore store, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok(store.Write(state =>
        {
            SnapshotProgress.ApplyDue(state, now);
            // A deep copy taken under the lock: the live records keep changing while the response is written.
            var copy = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(SandboxView.From(state, now), System.Text.Json.JsonSerializerOptions.Web);
            return System.Text.Json.JsonSerializer.Deserialize<SandboxView>(copy, System.Text.Json.JsonSerializerOptions.Web)!;
        }));
    }

    public static Ok<IReadOnlyList<JournalEntry>> Journal(
        RequestJournal journal, string? method, string? path, int? status, string? resource, long? after, int? limit) =>
        TypedResults.Ok(journal.Query(new JournalQuery(method, path, status, resource, after, limit)));

    public static Results<Created<FaultRule>, ValidationProblem> AddFault(FaultRule rule, FaultInjector faults)
    {
        var errors = new List<ValidationResult>();
        if (!Validator.TryValidateObject(rule, new ValidationContext(rule), errors, validateAllProperties: true))
        {
            return TypedResults.ValidationProblem(errors
                .SelectMany(e => e.MemberNames.DefaultIfEmpty(string.Empty).Select(m => (Member: m, e.ErrorMessage)))
                .GroupBy(e => e.Member)
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage ?? "invalid").ToArray()));
        }

        if (rule.Status is null && !rule.Timeout && rule.LatencyMs == 0)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["status"] = ["A fault needs a status, a timeout or a latency."],
            });
        }

        faults.Add(rule);
        return TypedResults.Created("/_sandbox/faults", rule);
    }

    public static NoContent ClearFaults(FaultInjector faults)
    {
        faults.Clear();
        return TypedResults.NoContent();
    }

    public static Ok<RevokeResult> RevokeTokens(RevokeRequest? request, TokenStore tokens) =>
        TypedResults.Ok(new RevokeResult(tokens.Revoke(request?.ResourceId)));

    public static Results<NoContent, NotFound> Uninstall(string companyId, Installations installations) =>
        installations.Uninstall(companyId) ? TypedResults.NoContent() : TypedResults.NotFound();

    public static NoContent Reset(SandboxStore store, FaultInjector faults, RequestJournal journal, ResourceRateLimiter limiter)
    {
        store.Replace(SeedData.Create());
        faults.Clear();
        journal.Clear();
        limiter.Reset();
        return TypedResults.NoContent();
    }
}

/// <summary>Revoke the tokens of one company or location (either id), or every token when ResourceId is null.</summary>
public sealed record RevokeRequest(string? ResourceId);

public sealed record RevokeResult(int Revoked);
