namespace Herald.Web.Serving;

/// <summary>
/// Runs the portal's background work (indexing, mirror checks) on the thread pool only, never on the
/// threads that serve requests.
/// </summary>
/// <remarks>
/// <para>
/// With <c>--inline-io</c>, <c>herald serve</c> runs socket completions and request handling inline on the runtime's socket event
/// threads (see <see cref="PortalOptions.InlineIo"/>). That is fast for requests, which only read the
/// published snapshot, but every other socket in the process completes on those threads too: PostgreSQL
/// queries, mirror fetches, and on Linux the pipes git's output is read from. Without this scheduler, the
/// code after <c>await</c>ing one of them (parsing a batch of commits, building a snapshot) would run on an
/// event thread and hold up every connection that thread serves.
/// </para>
/// <para>
/// Work started with <see cref="Run"/> keeps this scheduler as <see cref="TaskScheduler.Current"/>, so each
/// of its <c>await</c>s resumes through <see cref="QueueTask"/> onto the thread pool. What libraries run
/// between their own awaits (with <c>ConfigureAwait(false)</c>) still runs where the socket completed: a
/// buffer's worth of work, not a whole refresh.
/// </para>
/// </remarks>
internal sealed class BackgroundWork : TaskScheduler
{
    /// <summary>The one scheduler.</summary>
    public static BackgroundWork Scheduler { get; } = new();

    private BackgroundWork()
    {
    }

    /// <summary>Runs <paramref name="work"/> with every continuation on the thread pool.</summary>
    public static Task Run(Func<Task> work, CancellationToken cancellationToken = default) =>
        Task.Factory.StartNew(work, cancellationToken, TaskCreationOptions.DenyChildAttach, Scheduler).Unwrap();

    /// <inheritdoc/>
    protected override void QueueTask(Task task) =>
        ThreadPool.UnsafeQueueUserWorkItem(static state => state.Scheduler.TryExecuteTask(state.Task), (Scheduler: this, Task: task), preferLocal: false);

    /// <inheritdoc/>
    /// <remarks>Inline only on a thread-pool thread: a socket event thread queues instead.</remarks>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        Thread.CurrentThread.IsThreadPoolThread && TryExecuteTask(task);

    /// <inheritdoc/>
    /// <remarks>For debuggers only; the queue is the thread pool's.</remarks>
    protected override IEnumerable<Task> GetScheduledTasks() => [];
}

/// <summary>
/// A background loop of the portal (indexing, mirror checks) that runs under <see cref="BackgroundWork"/>,
/// so that none of its continuations lands on a socket thread.
/// </summary>
internal abstract class BackgroundLoop : BackgroundService
{
    /// <inheritdoc/>
    protected sealed override Task ExecuteAsync(CancellationToken stoppingToken) =>
        BackgroundWork.Run(() => RunAsync(stoppingToken), stoppingToken);

    /// <summary>The loop, until <paramref name="stoppingToken"/> is cancelled.</summary>
    protected abstract Task RunAsync(CancellationToken stoppingToken);
}
