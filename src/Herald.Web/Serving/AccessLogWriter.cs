using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using System.Collections.Concurrent;

namespace Herald.Web.Serving;

/// <summary>
/// Writes the <see cref="AccessLog"/>: one JSON object per line and request (time, method, path, query,
/// status, duration in milliseconds, client address), to standard output or appended to a file.
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
internal sealed class AccessLogWriter : BackgroundLoop
{
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

    /// <summary>A log writing to <paramref name="target"/>: <see cref="AccessLog.StandardOutput"/>, a file path or <see cref="AccessLog.Off"/>.</summary>
    public AccessLogWriter(string target, TimeProvider clock)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        _target = target;
        _clock = clock;
        _json = new Utf8JsonWriter(_buffer);
    }

    /// <summary>Whether requests are logged at all.</summary>
    public bool Enabled => _target != AccessLog.Off;

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
        if (_target == AccessLog.Off)
        {
            return Task.CompletedTask;
        }

        _sink = _target == AccessLog.StandardOutput ? Console.OpenStandardOutput() : AccessLog.OpenFile(_target);
        return base.StartAsync(cancellationToken);
    }

    /// <summary>Writes what requests queue until the portal stops.</summary>
    protected override async Task RunAsync(CancellationToken stoppingToken)
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
            if (_sink is not null && _target != AccessLog.StandardOutput)
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
