using Npgsql;

namespace Provisioner.ServiceDefaults.Errors;

/// <summary>
/// Tells a database outage (server stopped, restarting, unreachable, timing out) from a bug or bad data. Outages are
/// worth waiting out: an HTTP caller gets 503 and retries later, a consumer retries the message instead of
/// dead-lettering it. Every other database error (a constraint, a syntax error) stays what it is.
/// </summary>
public static class DatabaseFailures
{
    /// <summary>
    /// How a message consumer waits out an outage before giving up (then the message goes to <c>_error</c>): 1, 2, 4,
    /// 8 s, then every 15 s, about 5 minutes in all. A PostgreSQL restart takes seconds; a longer outage is an incident
    /// an operator sees on <c>/health</c> long before the last attempt.
    /// </summary>
    public static readonly TimeSpan[] OutageRetryIntervals =
    [
        TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8),
        .. Enumerable.Repeat(TimeSpan.FromSeconds(15), 20),
    ];

    /// <summary>
    /// True when <paramref name="exception"/> or any exception inside it (EF Core and MassTransit wrap Npgsql's) is a
    /// transient <see cref="NpgsqlException"/>: an I/O or socket failure, a timeout, or a PostgreSQL state such as
    /// 57P01 admin_shutdown, 57P03 cannot_connect_now or a 08xxx connection error.
    /// </summary>
    public static bool IsTransient(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case NpgsqlException { IsTransient: true }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsTransient):
                    return true;
            }

            exception = exception.InnerException;
        }

        return false;
    }
}
