using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Provisioner.Web.Errors;
using Provisioner.Web.Session;

namespace Provisioner.Web.Backend;

/// <summary>
/// Opens ProvisioningService's Server-Sent Event streams as the signed-in user. Its HttpClient has no resilience
/// handler and no timeout (see LiveUpdatesServiceExtensions): a stream is meant to stay open, and reconnecting is
/// <see cref="JobEventFeed"/>'s job, with Last-Event-ID, not a blind retry's.
/// </summary>
public sealed class JobEventsClient(HttpClient http, ServiceTokenProvider tokens)
{
    /// <summary>The open response (the caller disposes it), or the problem that kept it from opening.</summary>
    /// <param name="path">A path of <see cref="JobEventsRoutes"/>.</param>
    public async Task<(HttpResponseMessage? Response, ProblemInfo? Problem)> OpenAsync(
        string path, long? lastEventId, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await tokens.GetTokenAsync(cancellationToken);
            if (token is not { Succeeded: true, Value: { } jwt })
            {
                return (null, token.Problem ?? BackendProblems.NotSignedIn);
            }

            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"http://{JobEventsRoutes.JobEvents.Service}{path}"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", jwt);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            if (lastEventId is { } id)
            {
                request.Headers.Add("Last-Event-ID", id.ToString(CultureInfo.InvariantCulture));
            }

            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return (response, null);
            }

            using (response)
            {
                if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
                {
                    tokens.Invalidate();
                    continue;
                }

                return (null, await ProblemDetailsReader.ReadAsync(response, cancellationToken));
            }
        }
    }
}
