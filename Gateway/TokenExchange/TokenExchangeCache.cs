using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Provisioner.Gateway.TokenExchange;

/// <summary>
/// Exchanged JWTs in memory, keyed by the SHA-256 of the credential, each kept until the earlier of its expiry minus
/// <see cref="TokenExchangeOptions.ExpiryMargin"/> and <see cref="TokenExchangeOptions.MaxAge"/>. Requests with the
/// same credential share one exchange while it runs. Refusals and failures are not kept: the next request asks again.
/// </summary>
public sealed class TokenExchangeCache(AuthTokenClient client, IOptions<TokenExchangeOptions> options, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Entry> entries = new();
    private long nextSweepTicks;

    /// <summary>Exchanges held, for tests and diagnostics.</summary>
    public int Count => entries.Count;

    public async Task<ExchangeOutcome> GetAsync(GatewayCredential credential, CancellationToken cancellationToken)
    {
        while (true)
        {
            var fresh = new Entry();
            var entry = entries.GetOrAdd(credential.CacheKey, fresh);
            if (ReferenceEquals(entry, fresh))
            {
                SweepIfDue();
                _ = FillAsync(credential, fresh);
            }
            else if (entry.IsExpired(clock.GetUtcNow()))
            {
                entries.TryRemove(KeyValuePair.Create(credential.CacheKey, entry));
                continue;
            }

            // The exchange is shared, so it runs on its own (bounded by the HttpClient's timeout) and is never
            // cancelled by one caller going away; each caller stops waiting on its own token.
            return await entry.Outcome.WaitAsync(cancellationToken);
        }
    }

    private async Task FillAsync(GatewayCredential credential, Entry entry)
    {
        ExchangeOutcome outcome;
        try
        {
            outcome = await client.ExchangeAsync(credential, CancellationToken.None);
        }
        catch (Exception exception)
        {
            entries.TryRemove(KeyValuePair.Create(credential.CacheKey, entry));
            entry.Fail(exception);
            return;
        }

        var now = clock.GetUtcNow();
        var settings = options.Value;
        var keepFor = outcome.Status == ExchangeStatus.Issued
            ? TimeSpan.FromTicks(Math.Min(settings.MaxAge.Ticks, (outcome.Lifetime - settings.ExpiryMargin).Ticks))
            : TimeSpan.Zero;
        if (keepFor <= TimeSpan.Zero)
        {
            entries.TryRemove(KeyValuePair.Create(credential.CacheKey, entry));
        }

        entry.Complete(outcome, now + keepFor);
    }

    /// <summary>
    /// Drops expired entries at most once per <see cref="TokenExchangeOptions.MaxAge"/>, when a new credential
    /// arrives, so credentials seen once do not accumulate. Entries still being exchanged are never expired.
    /// </summary>
    private void SweepIfDue()
    {
        var now = clock.GetUtcNow();
        var due = Interlocked.Read(ref nextSweepTicks);
        if (now.UtcTicks < due || Interlocked.CompareExchange(ref nextSweepTicks, (now + options.Value.MaxAge).UtcTicks, due) != due)
        {
            return;
        }

        foreach (var pair in entries)
        {
            if (pair.Value.IsExpired(now))
            {
                entries.TryRemove(pair);
            }
        }
    }

    private sealed class Entry
    {
        private readonly TaskCompletionSource<ExchangeOutcome> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private DateTimeOffset expiresAt = DateTimeOffset.MaxValue;

        public Task<ExchangeOutcome> Outcome => completion.Task;

        /// <summary>Written before the outcome is published, so anyone who sees the outcome sees its expiry.</summary>
        public bool IsExpired(DateTimeOffset now) => completion.Task.IsCompleted && now >= expiresAt;

        public void Complete(ExchangeOutcome outcome, DateTimeOffset keepUntil)
        {
            expiresAt = keepUntil;
            completion.SetResult(outcome);
        }

        public void Fail(Exception exception)
        {
            expiresAt = DateTimeOffset.MinValue;
            completion.SetException(exception);
        }
    }
}
