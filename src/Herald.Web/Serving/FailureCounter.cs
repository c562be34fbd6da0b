using System.Threading.RateLimiting;

namespace Herald.Web.Serving;

/// <summary>
/// Failures per key (a client address, an account name) in a sliding window: once <c>limit</c> failures fell within
/// the window, the key is blocked until the oldest leave it. Successes do not count. Thread-safe; in memory (a
/// restart forgets), per process. What the sign-in form and pre-disclosure tokens both count.
/// </summary>
public sealed class FailureCounter : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    /// <summary>A counter allowing <paramref name="limit"/> failures per key within <paramref name="window"/>.</summary>
    public FailureCounter(int limit, TimeSpan window)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = limit,
            Window = window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Whether <paramref name="key"/> has used up its failures now.</summary>
    public bool IsBlocked(string key) => _limiter.GetStatistics(key) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts a failure of <paramref name="key"/>.</summary>
    public void Failed(string key)
    {
        using var lease = _limiter.AttemptAcquire(key);
    }

    /// <inheritdoc />
    public void Dispose() => _limiter.Dispose();
}
