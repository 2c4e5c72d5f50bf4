using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Provisioner.ServiceDefaults;
using Provisioner.Web.Backend;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Operations;

/// <summary>
/// The services' admin-only operations endpoints, called as the signed-in user: AuthService with the session cookie,
/// ProvisioningService with the JWT it is exchanged for. The services enforce the admin role; this client only reports
/// what they answer. Failures come back as problems, never as exceptions, and never carry the cookie or the token.
/// </summary>
public sealed class OperationsApiClient(
    HttpClient http, ServiceTokenProvider tokens, CircuitCredentials credentials, IOptions<OperationsOptions> options)
{
    public const string AuthBacklogPath = "/api/auth/operations/backlog";
    public const string ProvisioningBacklogPath = "/api/jobs/operations/backlog";
    public const string AttentionPath = "/api/jobs/operations/attention";

    /// <summary>Both backlogs in parallel: the services that keep a Messaging outbox, in AppHost's start order.</summary>
    public async Task<ServiceBacklog[]> GetBacklogsAsync(CancellationToken cancellationToken)
    {
        var auth = WithDeadlineAsync(
            ResourceNames.Auth, ct => SendWithCookieAsync<MessagingBacklog>(AuthBacklogPath, ct), cancellationToken);
        var provisioning = WithDeadlineAsync(
            ResourceNames.Provisioning, ct => SendWithTokenAsync<MessagingBacklog>(ProvisioningBacklogPath, ct), cancellationToken);
        var (a, p) = (await auth, await provisioning);
        return [new(ResourceNames.Auth, a.Value, a.Problem), new(ResourceNames.Provisioning, p.Value, p.Problem)];
    }

    /// <summary>The agency's failed and stuck jobs, stuck meaning older than <see cref="OperationsOptions.StuckJobAfter"/>.</summary>
    public Task<ApiResult<AttentionJobs>> GetAttentionAsync(CancellationToken cancellationToken)
    {
        var minutes = ((long)options.Value.StuckJobAfter.TotalMinutes).ToString(CultureInfo.InvariantCulture);
        return WithDeadlineAsync(
            ResourceNames.Provisioning,
            ct => SendWithTokenAsync<AttentionJobs>($"{AttentionPath}?stuckMinutes={minutes}", ct),
            cancellationToken);
    }

    private async Task<ApiResult<T>> WithDeadlineAsync<T>(
        string service, Func<CancellationToken, Task<ApiResult<T>>> call, CancellationToken cancellationToken)
    {
        var timeout = options.Value.ApiTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            return await call(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ApiResult<T>.Failed(new ProblemInfo(
                $"The {service} service did not answer.", $"No answer within {timeout.TotalSeconds:0.#} s.", 504));
        }
        catch (HttpRequestException)
        {
            return ApiResult<T>.Failed(BackendProblems.Unreachable(service));
        }
    }

    private async Task<ApiResult<T>> SendWithCookieAsync<T>(string path, CancellationToken cancellationToken)
    {
        if (credentials.SessionCookie is not { } cookie)
        {
            return ApiResult<T>.Failed(BackendProblems.NotSignedIn);
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{ResourceNames.Auth}{path}"));
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    // As ProvisioningApiClient: a 401 gets one fresh token and one more try (the service may not know a new signing key yet).
    private async Task<ApiResult<T>> SendWithTokenAsync<T>(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken);
            if (token is not { Succeeded: true, Value: { } jwt })
            {
                return ApiResult<T>.Failed(token.Problem ?? BackendProblems.NotSignedIn);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{ResourceNames.Provisioning}{path}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
            using var response = await http.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                tokens.Invalidate();
                continue;
            }

            return await ReadAsync<T>(response, cancellationToken);
        }
    }

    private static async Task<ApiResult<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            return ApiResult<T>.Failed(await ProblemDetailsReader.ReadAsync(response, cancellationToken));
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<T>(cancellationToken) is { } value
                ? ApiResult<T>.Ok(value)
                : ApiResult<T>.Failed(NotUnderstood(response));
        }
        catch (JsonException)
        {
            return ApiResult<T>.Failed(NotUnderstood(response));
        }
    }

    private static ProblemInfo NotUnderstood(HttpResponseMessage response) =>
        new("The service answered something else.", "The answer was not the expected JSON document.", (int)response.StatusCode);
}
