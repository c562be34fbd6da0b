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

    private readonly Serving.FailureCounter _byAddress = new(Failures, Window);

    /// <summary>Whether attempts from <paramref name="address"/> are refused now.</summary>
    public bool IsBlocked(string address) => _byAddress.IsBlocked(address);

    /// <summary>Counts a failed attempt from <paramref name="address"/>.</summary>
    public void Failed(string address) => _byAddress.Failed(address);

    /// <inheritdoc />
    public void Dispose() => _byAddress.Dispose();
}
