using System.Collections.Concurrent;

namespace Herald.Tests.Support;

/// <summary>
/// A clock that stands still at <c>now</c> and whose timers fire at once, keeping the delays asked for:
/// back-off waits take no time in tests, and what would have been waited can be asserted.
/// </summary>
public sealed class InstantDelayClock(DateTimeOffset now) : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    /// <summary>The due times of the timers created so far, in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => now;

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _delays.Enqueue(dueTime);
        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
