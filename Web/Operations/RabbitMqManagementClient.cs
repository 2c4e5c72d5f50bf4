using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Provisioner.Web.Errors;

namespace Provisioner.Web.Operations;

/// <summary>
/// Reads queue depth, consumers and message rates from the RabbitMQ management HTTP API (<c>GET /api/queues</c>).
/// Credentials travel in an Authorization header; the request URI (which HttpClient logs) carries none.
/// </summary>
public sealed class RabbitMqManagementClient(
    HttpClient http, IOptions<RabbitMqManagementOptions> options, IOptions<OperationsOptions> operations)
{
    /// <summary>Only the fields the page shows: a broker with many queues answers a much smaller document.</summary>
    private const string QueuesPath =
        "api/queues?columns=name,vhost,state,messages,messages_ready,messages_unacknowledged,consumers," +
        "message_stats.publish_details.rate,message_stats.deliver_get_details.rate,message_stats.ack_details.rate";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public async Task<QueueListing> GetQueuesAsync(CancellationToken cancellationToken)
    {
        // Validated at start-up, so a configured URL always parses.
        if (!options.Value.IsConfigured || RabbitMqManagementOptions.TryParse(options.Value.Url!) is not { } endpoint)
        {
            return QueueListing.NotConfigured;
        }

        var timeout = operations.Value.ProbeTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(endpoint.BaseAddress, QueuesPath));
            request.Headers.Authorization = endpoint.Authorization;
            using var response = await http.SendAsync(request, deadline.Token);
            if (!response.IsSuccessStatusCode)
            {
                var problem = await ProblemDetailsReader.ReadAsync(response, deadline.Token);
                return QueueListing.Failed(problem with { Title = $"RabbitMQ management API: {problem.Title}" });
            }

            var queues = await response.Content.ReadFromJsonAsync<List<QueueDocument>>(JsonOptions, deadline.Token) ?? [];
            return QueueListing.Loaded(queues.Select(q => q.ToQueueInfo()).ToList());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return QueueListing.Failed(new ProblemInfo(
                "RabbitMQ management API did not answer", $"No answer within {timeout.TotalMilliseconds:0} ms."));
        }
        catch (HttpRequestException ex)
        {
            return QueueListing.Failed(new ProblemInfo(
                "RabbitMQ management API unreachable", $"{ex.HttpRequestError} at {endpoint.BaseAddress}"));
        }
        catch (JsonException)
        {
            return QueueListing.Failed(new ProblemInfo(
                "RabbitMQ management API answered something else", $"{endpoint.BaseAddress} did not return a queue list."));
        }
    }

    private sealed record QueueDocument(
        string Name,
        string Vhost,
        string? State,
        long? Messages,
        long? MessagesReady,
        long? MessagesUnacknowledged,
        int? Consumers,
        MessageStats? MessageStats)
    {
        public QueueInfo ToQueueInfo() => new(
            Name, Vhost, State, Messages, MessagesReady, MessagesUnacknowledged, Consumers,
            MessageStats?.PublishDetails?.Rate, MessageStats?.DeliverGetDetails?.Rate, MessageStats?.AckDetails?.Rate);
    }

    private sealed record MessageStats(RateDetails? PublishDetails, RateDetails? DeliverGetDetails, RateDetails? AckDetails);

    private sealed record RateDetails(double Rate);
}
