namespace Herald.Web.Editing;

/// <summary>
/// Counts failed sign-ins per client address and per account name, in a sliding window: after
/// <see cref="Failures"/> failures within <see cref="Window"/>, further attempts from that address or for
/// that name are refused before any password is checked. Successes do not count. Thread-safe; in memory
/// (a restart forgets), per process.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    /// <summary>How many failures a window allows.</summary>
    public const int Failures = 5;

    /// <summary>The window failures are counted in.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private readonly Serving.FailureCounter _byAddress = new(Failures, Window);
    private readonly Serving.FailureCounter _byName = new(Failures, Window);

    /// <summary>Whether attempts from <paramref name="address"/> or for <paramref name="name"/> are refused now.</summary>
    public bool IsBlocked(string address, string name) =>
        _byAddress.IsBlocked(address) || _byName.IsBlocked(NameKey(name));

    /// <summary>Counts a failed attempt from <paramref name="address"/> for <paramref name="name"/>.</summary>
    public void Failed(string address, string name)
    {
        _byAddress.Failed(address);
        _byName.Failed(NameKey(name));
    }

    /// <summary>The client address of <paramref name="context"/> as a partition key (<c>unknown</c> when there is none).</summary>
    public static string AddressOf(HttpContext context) =>
        context?.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    /// <summary><paramref name="text"/> fit for a log line: at most 64 characters, control characters replaced.</summary>
    public static string Printable(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cut = text.Length > 64 ? text[..64] + "…" : text;
        return string.Create(cut.Length, cut, (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsControl(source[i]) ? '?' : source[i];
            }
        });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _byAddress.Dispose();
        _byName.Dispose();
    }

    // Names are not told apart by case or length beyond what an account may have: no extra tries by spelling.
    private static string NameKey(string name) => (name.Length > 64 ? name[..64] : name).ToLowerInvariant();
}
