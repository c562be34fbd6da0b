namespace Herald.Web.Serving;

/// <summary>
/// Handling requests on the socket threads that read them (<see cref="PortalOptions.InlineIo"/>, off by
/// default): the process switch that turns it on, the step that leaves those threads for slow work, and
/// the name of the thread a request runs on, for the diagnostic header.
/// </summary>
/// <remarks>Background loops keep off those threads through <see cref="BackgroundWork"/>.</remarks>
public static class SocketThreads
{
    /// <summary>
    /// The runtime's switch that runs socket completions on its event threads rather than the thread pool.
    /// It is read once, when the process first uses a socket, so it is set before anything else runs.
    /// </summary>
    public const string InlineCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>The response header that names the kind of thread a request's endpoint started on (<see cref="PortalOptions.ThreadHeader"/>).</summary>
    public const string ThreadHeader = "X-Herald-Thread";

    /// <summary>The name the runtime gives its socket event threads.</summary>
    internal const string SocketThreadName = ".NET Sockets";

    /// <summary>
    /// Prepares the process for serving with <paramref name="inlineIo"/> (<see cref="PortalOptions.InlineIo"/>):
    /// sets <see cref="InlineCompletionsVariable"/> unless the environment already chose. Call it first, before
    /// anything uses a socket or reads a child process's output asynchronously; later it has no effect.
    /// </summary>
    public static void PrepareProcess(bool inlineIo)
    {
        if (InlineCompletionsFor(inlineIo, Environment.GetEnvironmentVariable(InlineCompletionsVariable)) is { } value)
        {
            Environment.SetEnvironmentVariable(InlineCompletionsVariable, value);
        }
    }

    /// <summary>
    /// The value <see cref="InlineCompletionsVariable"/> should have: what the environment already says
    /// (<paramref name="current"/>) wins, otherwise <c>1</c> with <paramref name="inlineIo"/> and unset without.
    /// </summary>
    internal static string? InlineCompletionsFor(bool inlineIo, string? current) =>
        current ?? (inlineIo ? "1" : null);

    /// <summary>What the current thread is: <c>socket</c> (a socket event thread), <c>pool</c> (the thread pool) or <c>other</c>.</summary>
    public static string CurrentKind()
    {
        var thread = Thread.CurrentThread;
        return thread.Name == SocketThreadName ? "socket" : thread.IsThreadPoolThread ? "pool" : "other";
    }

    /// <summary>
    /// Continues a request on the thread pool. With <see cref="PortalOptions.InlineIo"/> this follows the output
    /// cache, so that what it does not answer from memory (a page to render, a download to read) holds up no
    /// other connection of the socket thread it arrived on.
    /// </summary>
    internal static async Task LeaveAsync(HttpContext context, RequestDelegate next)
    {
        // No synchronization context or scheduler here: the rest of the request is queued to the thread pool.
        await Task.Yield();
        await next(context);
    }

    /// <summary>Names the kind of the current thread in <see cref="ThreadHeader"/>, then runs the endpoint.</summary>
    internal static Task StampAsync(HttpContext context, RequestDelegate next)
    {
        context.Response.Headers[ThreadHeader] = CurrentKind();
        return next(context);
    }
}
