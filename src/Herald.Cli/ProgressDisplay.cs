namespace Herald.Cli;

/// <summary>
/// A one-line progress display on standard error, shown only on a terminal and only once the work has
/// taken a second, so that quick commands and pipes stay clean.
/// </summary>
internal sealed class ProgressDisplay : IProgress<string>, IDisposable
{
    private static readonly char[] s_frames = ['|', '/', '-', '\\'];
    private readonly TextWriter _error;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task? _loop;
    private string _message;
    private bool _shown;

    public ProgressDisplay(CliConsole console, string message)
    {
        _error = console.Error;
        _message = message;
        if (console.ErrorIsTerminal)
        {
            _loop = Task.Run(LoopAsync);
        }
    }

    public void Report(string value) => _message = value;

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop?.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        if (_shown)
        {
            _error.Write("\r\u001b[2K");
            _error.Flush();
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token);
        var frame = 0;
        while (!_stop.IsCancellationRequested)
        {
            _shown = true;
            _error.Write($"\r\u001b[2K{s_frames[frame++ % s_frames.Length]} {_message}");
            _error.Flush();
            await Task.Delay(TimeSpan.FromMilliseconds(120), _stop.Token);
        }
    }
}
