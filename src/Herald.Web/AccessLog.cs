using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Collections.Concurrent;

namespace Herald.Web;

/// <summary>
/// The portal's request log: one JSON object per line and request (time, method, path, query, status,
/// duration in milliseconds, client address), written to standard output or appended to a file.
/// </summary>
/// <remarks>
/// Requests only hand a small record to a lock-free queue; every <see cref="FlushInterval"/> one background
/// loop formats what is queued and writes it in batches, as nginx's buffered access log does with
/// <c>flush=</c>. Through the console logger, each request cost about a quarter of the CPU time of serving
/// a cached release page (docs/benchmarks.md). A request never takes a lock or wakes a thread here: with
/// requests handled on the socket threads (<see cref="PortalOptions.InlineIo"/>), a channel that woke its
/// reader on every record and locked on every write made p99 of <c>/api/status</c> 95–265 ms. When the
/// sink cannot keep up, records beyond <see cref="Capacity"/> are dropped rather than slowing the
/// requests, and the log says how many.
/// </remarks>
public sealed class AccessLog : BackgroundService
{
    /// <summary>The <see cref="PortalOptions.AccessLog"/> value that writes to standard output.</summary>
    public const string StandardOutput = "-";

    /// <summary>The <see cref="PortalOptions.AccessLog"/> value that turns the log off.</summary>
    public const string Off = "off";

    /// <summary>How often queued records are written.</summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>How many records may wait to be written; two seconds at 50,000 requests a second.</summary>
    public const int Capacity = 100_000;

    private const int BatchBytes = 64 * 1024;

    private readonly ConcurrentQueue<AccessLogEntry> _queue = new();

    // Counted apart from the queue: ConcurrentQueue.Count takes a lock once the queue spans several segments.
    private int _queued;
    private readonly string _target;
    private readonly TimeProvider _clock;
    private readonly ArrayBufferWriter<byte> _buffer = new(BatchBytes * 2);
    private readonly Utf8JsonWriter _json;
    private readonly Lock _writing = new();
    private Stream? _sink;
    private long _dropped;

    /// <summary>A log writing to <paramref name="target"/>: <see cref="StandardOutput"/>, a file path or <see cref="Off"/>.</summary>
    public AccessLog(string target, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        _target = target;
        _clock = clock;
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>Whether requests are logged at all.</summary>
    public bool Enabled => _target != Off;

    /// <summary>Queues one request's record; never waits, locks or wakes a thread.</summary>
    internal void Add(in AccessLogEntry entry)
    {
        if (Interlocked.Increment(ref _queued) > Capacity)
        {
            Interlocked.Decrement(ref _queued);
            Interlocked.Increment(ref _dropped);
            return;
        }

        _queue.Enqueue(entry);
    }

    /// <summary>Opens the sink: the file must be writable when the portal starts, not at its first request.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (_target == Off)
        {
            return Task.CompletedTask;
        }

        _sink = _target == StandardOutput ? Console.OpenStandardOutput() : OpenFile(_target);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Fails with a <see cref="HeraldException"/> when <paramref name="target"/> is a file that cannot be appended to.</summary>
    public static void CheckWritable(string target)
    {
        if (target is not (StandardOutput or Off))
        {
            OpenFile(target).Dispose();
        }
    }

    /// <summary>Opens <paramref name="path"/> for appending, or fails with a <see cref="HeraldException"/> that names it and the fix.</summary>
    private static FileStream OpenFile(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new HeraldException($"cannot write the access log '{path}': {e.Message} Give a writable file, '{StandardOutput}' for standard output or '{Off}'.");
        }
    }

    /// <summary>Writes what requests queue until the portal stops.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(FlushInterval, _clock, stoppingToken);
                Drain();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Requests still finishing during shutdown are written by Dispose, after the server has stopped.
        }
    }

    /// <summary>Writes what is still queued (requests answered while the server stopped) and closes a log file.</summary>
    public override void Dispose()
    {
        Drain();
        lock (_writing)
        {
            if (_sink is not null && _target != StandardOutput)
            {
                _sink.Dispose();
            }

            _sink = null;
        }

        _json.Dispose();
        base.Dispose();
    }

    // Formats everything queued, writing whenever a batch is full and once at the end.
    private void Drain()
    {
        lock (_writing)
        {
            if (_sink is null)
            {
                return;
            }

            while (_queue.TryDequeue(out var entry))
            {
                Interlocked.Decrement(ref _queued);
                Format(entry);
                if (_buffer.WrittenCount >= BatchBytes)
                {
                    Write();
                }
            }

            var dropped = Interlocked.Exchange(ref _dropped, 0);
            if (dropped > 0)
            {
                _json.WriteStartObject();
                _json.WriteString("time", _clock.GetUtcNow());
                _json.WriteNumber("dropped", dropped);
                _json.WriteString("message", $"the access log could not keep up: {dropped} requests were not logged");
                EndLine();
            }

            Write();
        }
    }

    private void Format(in AccessLogEntry entry)
    {
        _json.WriteStartObject();
        _json.WriteString("time", entry.Time);
        _json.WriteString("method", entry.Method);
        _json.WriteString("path", entry.Path);
        if (!string.IsNullOrEmpty(entry.Query))
        {
            _json.WriteString("query", entry.Query);
        }

        _json.WriteNumber("status", entry.Status);
        _json.WriteNumber("duration_ms", Math.Round(Stopwatch.GetElapsedTime(entry.Started, entry.Ended).TotalMilliseconds, 3));
        if (entry.Remote is not null)
        {
            _json.WriteString("remote", entry.Remote.ToString());
        }

        EndLine();
    }

    private void EndLine()
    {
        _json.WriteEndObject();
        _json.Flush();
        _buffer.Write("\n"u8);
        _json.Reset(_buffer);
    }

    private void Write()
    {
        if (_buffer.WrittenCount == 0 || _sink is null)
        {
            return;
        }

        try
        {
            _sink.Write(_buffer.WrittenSpan);
            _sink.Flush();
        }
        catch (IOException)
        {
            // A full disk or a closed pipe must not take the portal down; what could not be written is lost.
        }

        _buffer.ResetWrittenCount();
    }
}

/// <summary>What the access log keeps of one request.</summary>
internal readonly record struct AccessLogEntry(DateTimeOffset Time, string Method, string Path, string? Query, int Status, long Started, long Ended, IPAddress? Remote);

/// <summary>Hands every request to the <see cref="AccessLog"/> once it has been answered.</summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, AccessLog log, TimeProvider clock)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        // Captured first: re-executed error pages change the path while they run.
        var method = request.Method;
        var path = request.Path.Value ?? "/";
        var query = request.QueryString.Value;
        var failed = false;
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            var response = context.Response;
            var status = failed && !response.HasStarted ? StatusCodes.Status500InternalServerError : response.StatusCode;
            log.Add(new AccessLogEntry(clock.GetUtcNow(), method, path, query, status, started, Stopwatch.GetTimestamp(), context.Connection.RemoteIpAddress));
        }
    }
}
