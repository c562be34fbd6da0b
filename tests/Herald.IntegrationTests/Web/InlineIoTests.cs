using Herald.Tests.Browser;
using Herald.Web;
using Herald.Web.Serving;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Herald.Tests.Web;

/// <summary>
/// Requests handled on the socket threads (<see cref="PortalOptions.InlineIo"/>), and background work kept off
/// them (<see cref="BackgroundWork"/>).
/// </summary>
public class InlineIoTests
{
    /// <summary>How long the completing thread waits, so that the awaiting side has surely started to wait.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(100);

    [Fact]
    public async Task DefaultScheduler_ResumesOnTheThreadThatCompleted()
    {
        // The hazard BackgroundWork exists for, shown: without it, the code after an await runs on the
        // completing thread, which for a socket with inline completions is an event thread serving requests.
        var (completer, resumedOn, _) = await ResumeAfterCompletionOnDedicatedThreadAsync(work => Task.Run(work));

        Assert.Equal(completer, resumedOn);
    }

    [Fact]
    public async Task BackgroundWork_ResumesOnTheThreadPool()
    {
        var (completer, resumedOn, onPool) = await ResumeAfterCompletionOnDedicatedThreadAsync(work => BackgroundWork.Run(work));

        Assert.NotEqual(completer, resumedOn);
        Assert.True(onPool);
    }

    [Fact]
    public async Task BackgroundWork_NestedAwaits_AllResumeOnThePool()
    {
        // The scheduler is kept across awaits inside awaited methods, not only at the top.
        var gate = new TaskCompletionSource();
        var threads = new List<(int Id, bool OnPool)>();

        async Task InnerAsync()
        {
            await gate.Task;
            threads.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
            await Task.Yield();
            threads.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
        }

        var work = BackgroundWork.Run(async () =>
        {
            await InnerAsync();
            threads.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
        });
        var completer = CompleteOnDedicatedThread(gate);

        await work.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, threads.Count);
        Assert.All(threads, thread => Assert.True(thread.OnPool));
        Assert.DoesNotContain(threads, thread => thread.Id == completer.ManagedThreadId);
    }

    [Fact]
    public async Task BackgroundWork_Failure_ReachesTheCaller()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => BackgroundWork.Run(async () =>
        {
            await Task.Yield();
            throw new InvalidOperationException("index broke");
        }));

        Assert.Equal("index broke", error.Message);
    }

    [Fact]
    public async Task LeaveSocketThread_RunsTheRestOfTheRequestOnThePool()
    {
        // Called on a dedicated thread, as a request arrives on a socket event thread with inline I/O.
        int? ranOn = null;
        var onPool = false;
        Task? request = null;
        var thread = new Thread(() => request = SocketThreads.LeaveAsync(new DefaultHttpContext(), _ =>
        {
            ranOn = Environment.CurrentManagedThreadId;
            onPool = Thread.CurrentThread.IsThreadPoolThread;
            return Task.CompletedTask;
        }));
        thread.Start();
        thread.Join();

        await request!.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.NotEqual(thread.ManagedThreadId, ranOn);
        Assert.True(onPool);
    }

    [Theory]
    [InlineData(true, null, "1")]
    [InlineData(false, null, null)]
    [InlineData(true, "0", "0")]
    [InlineData(false, "1", "1")]
    public void InlineSocketCompletions_TheEnvironmentWins(bool inlineIo, string? current, string? expected)
    {
        Assert.Equal(expected, SocketThreads.InlineCompletionsFor(inlineIo, current));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RealKestrel_InlineIo_SetsInlineScheduling_AndServes(bool inlineIo)
    {
        using var project = PortalProject.CreateSmall();
        var options = new PortalOptions { Repository = project.Builder.Path, Config = project.ConfigPath, Data = project.NewFolder("data"), InlineIo = inlineIo };
        await using var server = await PortalServer.StartAsync(options, TimeSpan.FromSeconds(60));
        using var http = new HttpClient();

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => http.GetStringAsync(server.Url("/releases"))));

        Assert.All(pages, page => Assert.Contains("</html>", page, StringComparison.Ordinal));
        Assert.Single(pages.Distinct());
        Assert.Equal(inlineIo, server.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
    }

    /// <summary>
    /// Starts <paramref name="run"/> on work that awaits a task another, dedicated (not thread-pool) thread
    /// completes, the way a socket event thread completes a read; returns that thread and where the work resumed.
    /// </summary>
    private static async Task<(int Completer, int ResumedOn, bool OnPool)> ResumeAfterCompletionOnDedicatedThreadAsync(Func<Func<Task>, Task> run)
    {
        // Continuations not forced asynchronous: like a socket's, they may run on the completing thread.
        var gate = new TaskCompletionSource();
        var resumedOn = 0;
        var onPool = false;
        var work = run(async () =>
        {
            await gate.Task;
            resumedOn = Environment.CurrentManagedThreadId;
            onPool = Thread.CurrentThread.IsThreadPoolThread;
        });
        var completer = CompleteOnDedicatedThread(gate);

        await work.WaitAsync(TimeSpan.FromSeconds(10));
        return (completer.ManagedThreadId, resumedOn, onPool);
    }

    private static Thread CompleteOnDedicatedThread(TaskCompletionSource gate)
    {
        var thread = new Thread(() =>
        {
            Thread.Sleep(Settle);
            gate.SetResult();
        })
        { IsBackground = true, Name = "completer" };
        thread.Start();
        thread.Join();
        return thread;
    }
}
