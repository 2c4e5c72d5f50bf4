using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Provisioner.ServiceDefaults.Health;
using Provisioner.Web.Tests.Infrastructure;

namespace Provisioner.Web.Tests.Browser;

/// <summary>
/// ProvisioningService's bulk CSV intake as the portal uses it, per agency of a <see cref="FakeSessions"/> JWT: a
/// <c>text/csv</c> body of simple comma-separated lines (no quoting), a row whose <c>business_email</c> has no <c>@</c>
/// is invalid, and the answer follows the real endpoint's rules (dry run, <c>partial</c>, 422 with the report, the
/// <c>Idempotency-Key</c> required unless dry, the same key answering the same jobs).
/// </summary>
public sealed class BulkFakeProvisioningService : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Guid> _jobsByKey = new();
    private WebApplication _app = default!;

    public Uri Address { get; private set; } = default!;

    /// <summary>Jobs created per agency (repeats not counted).</summary>
    public ConcurrentDictionary<string, int> Created { get; } = new();

    public ConcurrentQueue<string> Queries { get; } = new();

    public static async Task<BulkFakeProvisioningService> StartAsync(FakeSessions sessions)
    {
        var self = new BulkFakeProvisioningService();
        (self._app, self.Address) = await FakeServiceHost.StartAsync(app =>
        {
            app.MapGet(HealthEndpoints.HealthPath, () => Results.Json(
                FakeHealthService.Report("Healthy", ("self", "Healthy", null)), HealthJson.Options));
            app.MapPost("/api/provision/bulk", (HttpRequest request) => self.BulkAsync(request, sessions));
        });
        return self;
    }

    private async Task<IResult> BulkAsync(HttpRequest request, FakeSessions sessions)
    {
        if (sessions.ByAuthorization(request.Headers.Authorization) is not { } user)
        {
            return Results.Unauthorized();
        }

        if (user.Role == "viewer")
        {
            return Results.Problem(statusCode: 403, title: "Forbidden");
        }

        Queries.Enqueue(request.QueryString.Value ?? "");
        var dry = request.Query["dryRun"] == "true";
        var partial = request.Query["partial"] == "true";
        var key = request.Headers["Idempotency-Key"].ToString();
        if (!dry && key.Length == 0)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["The Idempotency-Key header is required."] });
        }

        using var reader = new StreamReader(request.Body);
        var lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (lines.Length < 2)
        {
            return Results.Problem(statusCode: 400, title: "The CSV file cannot be read.", detail: "The file has no data rows.");
        }

        var header = lines[0].Split(',');
        var rows = new List<Dictionary<string, object?>>();
        var invalid = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var cells = header.Zip(lines[i].Split(',')).ToDictionary(p => p.First, p => p.Second, StringComparer.OrdinalIgnoreCase);
            var email = cells.GetValueOrDefault("business_email") ?? "";
            if (!email.Contains('@', StringComparison.Ordinal))
            {
                invalid++;
                rows.Add(new() { ["row"] = i + 1, ["valid"] = false, ["errors"] = new Dictionary<string, string[]> { ["business_email"] = [$"'business_email' must be an e-mail address like name@example.com (got '{email}')."] } });
            }
            else
            {
                rows.Add(new() { ["row"] = i + 1, ["valid"] = true, ["name"] = cells.GetValueOrDefault("business_name"), ["email"] = email });
            }
        }

        var created = 0;
        var repeated = 0;
        var answerRows = rows.Select(r =>
        {
            if (!(bool)r["valid"]!)
            {
                return r;
            }

            if (dry)
            {
                return new Dictionary<string, object?>
                {
                    ["row"] = r["row"], ["valid"] = true,
                    ["plan"] = new
                    {
                        dryRun = true, snapshot = new { snapshotId = (string?)null, source = "advisor", reason = "the advisor will choose when the job runs" },
                        business = new { name = r["name"], email = r["email"] }, customValues = new Dictionary<string, string>(),
                        users = Array.Empty<object>(), steps = new[] { "choose-snapshot", "create-location" },
                    },
                };
            }

            return new Dictionary<string, object?> { ["row"] = r["row"], ["valid"] = true, ["status"] = "Queued" };
        }).ToList();

        if (invalid > 0 && !partial)
        {
            return Results.Problem(statusCode: 422, title: "Some rows are not valid; nothing was created.",
                extensions: new Dictionary<string, object?> { ["rows"] = answerRows, ["created"] = 0, ["repeated"] = 0, ["invalid"] = invalid, ["dryRun"] = dry });
        }

        if (!dry)
        {
            foreach (var row in answerRows.Where(r => (bool)r["valid"]!))
            {
                var rowKey = $"{user.AgencyId}/{key}:{row["row"]}";
                var isNew = false;
                row["jobId"] = _jobsByKey.GetOrAdd(rowKey, _ =>
                {
                    isNew = true;
                    return Guid.NewGuid();
                });
                if (isNew)
                {
                    created++;
                    Created.AddOrUpdate(user.AgencyId, 1, (_, n) => n + 1);
                }
                else
                {
                    repeated++;
                }
            }
        }

        var report = new { rows = answerRows, created, repeated, invalid, dryRun = dry };
        return invalid > 0 ? Results.Json(report, statusCode: 207)
            : created > 0 ? Results.Json(report, statusCode: 202)
            : Results.Json(report);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
