using System.Threading.RateLimiting;

namespace Herald.Web.Security;

/// <summary>
/// Counts failed pre-disclosure token attempts (a bearer token on a request, a token pasted in the sign-in form) per
/// client address: after <see cref="Failures"/> failures within <see cref="Window"/>, further attempts from that
/// address are refused (429) before any token is looked up. Successes do not count. In memory, per process.
/// </summary>
public sealed class TokenThrottle : IDisposable
{
    /// <summary>How many failures a window allows.</summary>
    public const int Failures = 10;

    /// <summary>The window failures are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly PartitionedRateLimiter<string> _byAddress =
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = Failures,
            Window = Window,
            SegmentsPerWindow = 5,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whether attempts from <paramref name="address"/> are refused now.</summary>
    public bool IsBlocked(string address) => _byAddress.GetStatistics(address) is { CurrentAvailablePermits: <= 0 };

    /// <summary>Counts a failed attempt from <paramref name="address"/>.</summary>
    public void Failed(string address)
    {
        using var lease = _byAddress.AttemptAcquire(address);
    }

    /// <inheritdoc />
    public void Dispose() => _byAddress.Dispose();
}
