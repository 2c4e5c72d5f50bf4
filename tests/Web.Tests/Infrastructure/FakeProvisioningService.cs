using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Provisioner.ServiceDefaults.Health;

namespace Provisioner.Web.Tests.Infrastructure;

/// <summary>
/// ProvisioningService as the portal uses it, per agency of the JWT a <see cref="FakeSessions"/> user was given:
/// jobs list/detail/stats, provision (dry run, idempotency key, a fixed validation failure for the business name
/// <see cref="InvalidBusinessName"/>), retry/cancel, and a job's SSE stream fed by <see cref="Publish"/>. Its
/// <c>/health</c> reports the database unhealthy (503), which the Operations page tests read. There is no agency
/// stream (<c>/api/jobs/events</c> answers 404), so the dashboard polls.
/// </summary>
public sealed class FakeProvisioningService : IAsyncDisposable
{
    public const string InvalidBusinessName = "Invalid Intake Co";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly ConcurrentDictionary<Guid, FakeJob> _jobs = new();
    private readonly ConcurrentDictionary<string, Guid> _keys = new();
    private readonly ConcurrentDictionary<Guid, Channel<string>> _streams = new();
    private long _eventId;
    private WebApplication _app = default!;

    public Uri Address { get; private set; } = default!;

    public int ProvisionRequests { get; private set; }

    public static async Task<FakeProvisioningService> StartAsync(FakeSessions sessions)
    {
        var self = new FakeProvisioningService();
        (self._app, self.Address) = await FakeServiceHost.StartAsync(app => self.Map(app, sessions));
        return self;
    }

    public FakeJob AddJob(FakeSession owner, string businessName, string status = "Queued", DateTimeOffset? createdAt = null)
    {
        var job = new FakeJob(Guid.NewGuid(), owner.AgencyId, businessName, createdAt ?? DateTimeOffset.UtcNow) { Status = status };
        _jobs[job.Id] = job;
        return job;
    }

    public IReadOnlyList<FakeJob> JobsOf(FakeSession owner) => [.. _jobs.Values.Where(j => j.AgencyId == owner.AgencyId)];

    /// <summary>Changes the job as the real saga would for this event, then sends the event on its stream.</summary>
    public async Task PublishAsync(Guid jobId, string type, object data)
    {
        var job = _jobs[jobId];
        var now = DateTimeOffset.UtcNow;
        var step = data.GetType().GetProperty("step")?.GetValue(data) as string;
        var s = job.Steps.FirstOrDefault(x => x.Name == step);
        switch (type)
        {
            case "Running": job.Status = "Running"; job.StartedAt ??= now; break;
            case "JobStepStarted": s!.Status = "Running"; s.Attempts++; s.StartedAt = now; s.Error = null; break;
            case "JobStepCompleted": s!.Status = "Succeeded"; s.CompletedAt = now; job.LocationId ??= data.GetType().GetProperty("locationId")?.GetValue(data) as string; break;
            case "JobStepFailed": s!.Status = "Failed"; s.Error = data.GetType().GetProperty("error")?.GetValue(data) as string; break;
            case "Succeeded": job.Status = "Succeeded"; job.CompletedAt = now; break;
            case "Failed": job.Status = "Failed"; job.Error = data.GetType().GetProperty("error")?.GetValue(data) as string; job.CompletedAt = now; break;
            case "Cancelled": job.Status = "Cancelled"; job.CompletedAt = now; break;
        }

        var id = Interlocked.Increment(ref _eventId);
        var frame = $"id: {id}\nevent: {type}\ndata: {JsonSerializer.Serialize(new { type, jobId, occurredAt = now, data }, Json)}\n\n";
        await StreamOf(jobId).Writer.WriteAsync(frame);
    }

    private Channel<string> StreamOf(Guid jobId) => _streams.GetOrAdd(jobId, _ => Channel.CreateUnbounded<string>());

    private void Map(WebApplication app, FakeSessions sessions)
    {
        app.MapGet(HealthEndpoints.HealthPath, () => Results.Json(
            FakeHealthService.Report("Unhealthy", ("self", "Healthy", null), (PortalFixture.FailingEntry, "Unhealthy", PortalFixture.FailingDescription)),
            HealthJson.Options, statusCode: 503));

        var api = app.MapGroup("/api");
        api.MapGet("/jobs", (HttpRequest r, string? status, string? q, int? page, int? pageSize) =>
        {
            if (sessions.ByAuthorization(r.Headers.Authorization) is not { } user)
            {
                return Results.Unauthorized();
            }

            var matching = _jobs.Values.Where(j => j.AgencyId == user.AgencyId)
                .Where(j => status is null || j.Status.Equals(status, StringComparison.OrdinalIgnoreCase))
                .Where(j => q is null || j.BusinessName.Contains(q, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).ToList();
            var size = pageSize ?? 25;
            var number = page ?? 1;
            return Results.Json(new
            {
                items = matching.Skip((number - 1) * size).Take(size).Select(j => j.Summary()), total = matching.Count, page = number, pageSize = size,
            });
        });
        api.MapGet("/jobs/stats", (HttpRequest r) => sessions.ByAuthorization(r.Headers.Authorization) is not { } user
            ? Results.Unauthorized()
            : Results.Json(new
            {
                byStatus = new[] { "Queued", "Running", "Succeeded", "Failed", "Cancelled", "Compensated" }
                    .ToDictionary(s => s, s => _jobs.Values.Count(j => j.AgencyId == user.AgencyId && j.Status == s)),
                today = _jobs.Values.Count(j => j.AgencyId == user.AgencyId),
                successRate7Days = 0.75,
                medianDurationSeconds = 95.0,
            }));
        api.MapGet("/jobs/events", () => Results.NotFound());
        api.MapGet("/jobs/{id:guid}", (HttpRequest r, Guid id) => sessions.ByAuthorization(r.Headers.Authorization) is not { } user
            ? Results.Unauthorized()
            : _jobs.TryGetValue(id, out var job) && job.AgencyId == user.AgencyId ? Results.Json(job.Detail()) : Results.Problem(statusCode: 404, title: "Not Found"));
        api.MapGet("/jobs/{id:guid}/events", StreamAsync(sessions));
        api.MapPost("/jobs/{id:guid}/retry", (HttpRequest r, Guid id) => Act(sessions, r, id, job => { job.Retries++; job.Status = "Running"; job.Error = null; }));
        api.MapPost("/jobs/{id:guid}/cancel", (HttpRequest r, Guid id) => Act(sessions, r, id, job => job.Cancels++));
        api.MapPost("/provision", ProvisionAsync(sessions));
    }

    private IResult Act(FakeSessions sessions, HttpRequest r, Guid id, Action<FakeJob> change)
    {
        if (sessions.ByAuthorization(r.Headers.Authorization) is not { } user)
        {
            return Results.Unauthorized();
        }

        if (user.Role == "viewer")
        {
            return Results.Problem(statusCode: 403, title: "Forbidden");
        }

        if (!_jobs.TryGetValue(id, out var job) || job.AgencyId != user.AgencyId)
        {
            return Results.Problem(statusCode: 404, title: "Not Found");
        }

        change(job);
        return Results.Accepted();
    }

    private Func<HttpContext, Guid, Task> StreamAsync(FakeSessions sessions) => async (context, id) =>
    {
        if (sessions.ByAuthorization(context.Request.Headers.Authorization) is not { } user
            || !_jobs.TryGetValue(id, out var job) || job.AgencyId != user.AgencyId)
        {
            context.Response.StatusCode = 404;
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var after = long.TryParse(context.Request.Headers["Last-Event-ID"], out var last) ? last : 0;
        await context.Response.WriteAsync("retry: 1000\n\n", context.RequestAborted);
        // Live events of this job: a reader per connection would be the real service's job; one test reads at a time.
        var reader = StreamOf(id).Reader;
        try
        {
            while (await reader.WaitToReadAsync(context.RequestAborted))
            {
                while (reader.TryRead(out var frame))
                {
                    var frameId = long.Parse(frame.AsSpan(4, frame.IndexOf('\n', StringComparison.Ordinal) - 4), System.Globalization.CultureInfo.InvariantCulture);
                    if (frameId <= after)
                    {
                        continue;
                    }

                    await context.Response.WriteAsync(frame, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    if (frame.Contains("event: Succeeded\n", StringComparison.Ordinal) || frame.Contains("event: Failed\n", StringComparison.Ordinal))
                    {
                        return;
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The portal closed the stream.
        }
    };

    private Func<HttpContext, Task<IResult>> ProvisionAsync(FakeSessions sessions) => async context =>
    {
        ProvisionRequests++;
        if (sessions.ByAuthorization(context.Request.Headers.Authorization) is not { } user)
        {
            return Results.Unauthorized();
        }

        if (user.Role == "viewer")
        {
            return Results.Problem(statusCode: 403, title: "Forbidden");
        }

        using var body = await JsonDocument.ParseAsync(context.Request.Body);
        var business = body.RootElement.GetProperty("business");
        var name = business.GetProperty("name").GetString() ?? "";
        if (name == InvalidBusinessName)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["business.phone"] = ["'business.phone' is not a valid phone number for US."],
                ["users[0].email"] = ["'users[0].email' must be an e-mail address."],
            }, title: "The intake is not valid.");
        }

        if (context.Request.Query["dryRun"] == "true")
        {
            return Results.Json(new
            {
                dryRun = true,
                snapshot = new { snapshotId = (string?)null, source = "advisor", reason = "No snapshot given: the snapshot advisor will choose one when the job runs." },
                business = business.Clone(),
                customValues = new Dictionary<string, string>(),
                users = Array.Empty<object>(),
                steps = FakeJob.StepNames,
            });
        }

        var key = context.Request.Headers["Idempotency-Key"].ToString();
        if (string.IsNullOrEmpty(key))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["Idempotency-Key"] = ["The Idempotency-Key header is required."] });
        }

        var jobId = _keys.GetOrAdd($"{user.AgencyId}:{key}", _ => AddJob(user, name).Id);
        return Results.Accepted($"/api/jobs/{jobId}", new { jobId, status = "Queued" });
    };

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
