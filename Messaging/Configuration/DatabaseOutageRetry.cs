using MassTransit;
using Provisioner.ServiceDefaults.Errors;

namespace Provisioner.Messaging.Configuration;

/// <summary>
/// The outer retry of every endpoint: only for a database outage (<see cref="DatabaseFailures.IsTransient"/>), with
/// <see cref="DatabaseFailures.OutageRetryIntervals"/>. The message stays unacknowledged while it waits, so nothing is
/// dead-lettered or lost while PostgreSQL restarts. The inner, short retry must ignore those exceptions: MassTransit's
/// outer retry filter does not retry what an inner one has already given up on.
/// </summary>
public static class DatabaseOutageRetry
{
    public static void UseDatabaseOutageRetry(this IConsumePipeConfigurator endpoint) =>
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(DatabaseFailures.IsTransient);
            r.Intervals(DatabaseFailures.OutageRetryIntervals);
        });
}
