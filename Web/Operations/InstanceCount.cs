namespace Provisioner.Web.Operations;

/// <summary>
/// How many instances of a service are connected to the broker, estimated from the consumers on its main queue (each
/// running instance holds one consumer there). <see cref="Count"/> is null when it cannot be known; <see cref="Source"/>
/// always says where the figure comes from, or why there is none.
/// </summary>
public sealed record InstanceCount(string Service, int? Count, string Source)
{
    /// <summary>The count for each service with a configured queue, read from the broker's queue listing.</summary>
    public static IReadOnlyDictionary<string, InstanceCount> From(QueueListing? listing, IReadOnlyDictionary<string, string> queues) =>
        queues.ToDictionary(q => q.Key, q => Read(q.Key, q.Value, listing), StringComparer.Ordinal);

    private static InstanceCount Read(string service, string queue, QueueListing? listing)
    {
        if (listing is not { State: QueueListingState.Loaded })
        {
            return new(service, null, "unknown: the RabbitMQ management API gave no queue list");
        }

        // Queues live in virtual hosts; a service's queue is counted in every one (a single installation has one).
        var matches = listing.Queues.Where(q => q.Name == queue).ToList();
        if (matches.Count == 0)
        {
            return new(service, null, $"unknown: no queue '{queue}' on the broker");
        }

        return matches.Any(q => q.Consumers is null)
            ? new(service, null, $"unknown: the broker has no statistics for '{queue}' yet")
            : new(service, matches.Sum(q => q.Consumers!.Value), $"consumers on queue '{queue}' (RabbitMQ)");
    }
}
