namespace Provisioner.GhlClient.RateLimiting;

/// <summary>
/// The pacing arithmetic for one resource, free of clocks and threads so it can be checked exactly. Each request
/// holds a slot from the moment it is granted until one window after its answer came back; at most
/// <see cref="GhlRateLimits.BurstLimit"/> slots are held at once. GHL counts a request when it arrives, which is
/// after we send it and before we get the answer, so however late a request arrives, no window of GHL's can hold
/// more than the limit. A per-UTC-day counter covers the daily limit. Not thread-safe: callers lock.
/// </summary>
internal sealed class SlidingWindowLog(GhlRateLimits limits, double safetyMargin)
{
    private readonly List<Slot> _slots = [];
    private GhlRateLimits _limits = limits;
    private DateTimeOffset _blockedUntil = DateTimeOffset.MinValue;
    private DateOnly _day;
    private int _dailyCount;
    private bool _dailyExhausted;

    public GhlRateLimits Limits => _limits;

    /// <summary>Grants a slot (returned in <paramref name="slot"/>) or says how long to wait at most.</summary>
    public GhlRateDecision TryAcquire(DateTimeOffset now, out Slot? slot)
    {
        slot = null;
        Trim(now);
        if (_dailyExhausted || _dailyCount >= _limits.DailyLimit)
        {
            return GhlRateDecision.Exhausted(NextUtcMidnight(now) - now);
        }

        if (now < _blockedUntil)
        {
            return GhlRateDecision.Wait(_blockedUntil - now);
        }

        if (_slots.Count >= _limits.BurstLimit)
        {
            // All slots may still be in flight: then a completion wakes the waiter, the window is only an upper bound.
            var earliest = _slots.Where(s => s.Expiry is not null).Select(s => s.Expiry!.Value).DefaultIfEmpty(now + _limits.BurstWindow).Min();
            return GhlRateDecision.Wait(earliest - now);
        }

        slot = new Slot();
        _slots.Add(slot);
        _dailyCount++;
        return GhlRateDecision.Grant;
    }

    /// <summary>The request's answer (or failure) is in: its slot frees one window from now.</summary>
    public void Complete(Slot slot, DateTimeOffset now) => slot.Expiry = now + _limits.BurstWindow;

    /// <summary>
    /// Folds in what GHL reported. When GHL counts more requests in the window than we hold, someone else (another
    /// instance, another tool of the same app) is spending this budget: we book the difference as requests made now.
    /// </summary>
    public void Observe(DateTimeOffset now, GhlRateLimitHeaders headers, bool rateLimited)
    {
        Trim(now);
        _limits = _limits.Adapt(headers, safetyMargin);
        var window = headers.Interval ?? _limits.BurstWindow;
        if (headers.Remaining is { } remaining && headers.Max is { } max)
        {
            // In-flight requests of ours that GHL has not seen yet make our count the larger one: nothing is booked.
            var usedByOthers = Math.Min(max - remaining - _slots.Count, _limits.BurstLimit);
            for (var i = 0; i < usedByOthers; i++)
            {
                _slots.Add(new Slot { Expiry = now + _limits.BurstWindow });
            }
        }

        if (headers.DailyLimit is { } dailyLimit && headers.DailyRemaining is { } dailyLeft)
        {
            _dailyCount = Math.Max(_dailyCount, dailyLimit - dailyLeft);
        }

        if (rateLimited || headers.Remaining == 0)
        {
            Block(now + (headers.RetryAfter is { } after && after > window ? after : window));
        }

        if (headers.DailyRemaining is { } dailyRemaining && dailyRemaining <= 0)
        {
            _dailyExhausted = true;
        }
    }

    public void Block(DateTimeOffset until)
    {
        if (until > _blockedUntil)
        {
            _blockedUntil = until;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        _slots.RemoveAll(s => s.Expiry <= now);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != _day)
        {
            _day = today;
            _dailyCount = 0;
            _dailyExhausted = false;
        }
    }

    private static DateTimeOffset NextUtcMidnight(DateTimeOffset now) =>
        new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddDays(1);

    /// <summary>A booked request; <see cref="Expiry"/> is null while it is in flight.</summary>
    internal sealed class Slot
    {
        public DateTimeOffset? Expiry { get; set; }
    }
}
