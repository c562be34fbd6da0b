using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Support;

/// <summary>
/// A logger provider that keeps what a hosted portal logs (level, category, message and the exception's
/// type and message, never its stack trace) for tests to assert on, instead of printing it: the errors
/// tests provoke on purpose stay out of the test output.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    /// <summary>Every entry so far, oldest first, as "Level Category: message [ExceptionType: message]".</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)}";
            logs._lines.Enqueue(exception is null ? line : $"{line} [{exception.GetType().Name}: {exception.Message}]");
        }
    }
}
