using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit;

namespace Herald.Tests.Support;

/// <summary>A child process with its output captured; killed with all its children when disposed.</summary>
public sealed class ChildProcess : IDisposable
{
    /// <summary>How long any wait on the child lasts at most.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    public ChildProcess(ProcessStartInfo info)
    {
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) =>
        {
            Append(e.Data);
            if (e.Data is not null)
            {
                lock (_output)
                {
                    _error.Append(e.Data).Append('\n');
                }
            }
        };
        try
        {
            _process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"could not start {info.FileName}; install it (test.sh should)", e);
        }

        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Standard error alone (<see cref="Output"/> has both streams, interleaved).</summary>
    public string Error
    {
        get
        {
            lock (_output)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Kills the process at once (SIGKILL), like <c>kill -9</c>; its children are left alone.</summary>
    public void KillNow()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
    }

    public int WaitForExit() => WaitForExit(Patience);

    /// <summary>Waits for the process to end, at most <paramref name="patience"/> (then kills it and fails).</summary>
    public int WaitForExit(TimeSpan patience)
    {
        if (!_process.WaitForExit(patience))
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"{_process.StartInfo.FileName} did not finish in {patience}:\n{Output}");
        }

        _process.WaitForExit();
        return _process.ExitCode;
    }

    /// <summary>Polls <paramref name="condition"/> until it holds; fails when the process ends first.</summary>
    public void WaitUntil(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(_process.HasExited, $"the publish ended (exit {(_process.HasExited ? _process.ExitCode : 0)}) before the moment '{what}':\n{Output}");
            Assert.True(clock.Elapsed < Patience, $"the moment '{what}' did not come in {Patience}");
            Thread.Sleep(1);
        }
    }

    /// <summary>Kills the process and its children, failing when it had already finished by itself.</summary>
    public void KillMidway(string what)
    {
        Assert.False(_process.HasExited, $"the publish finished before the kill when {what}: the kill must land mid-way:\n{Output}");
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>
    /// When strace logs <paramref name="marker"/> (it holds the tracee there), kills the traced child
    /// (first, so that it cannot go on) and returns true; false when the process ends without it.
    /// </summary>
    public bool KillWhenLogged(string log, string marker)
    {
        var clock = Stopwatch.StartNew();
        while (!Logged(log, marker))
        {
            if (_process.HasExited)
            {
                Assert.False(Logged(log, marker), $"strace logged '{marker}' but the child ended by itself:\n{Output}");
                return false;
            }

            Assert.True(clock.Elapsed < Patience, $"strace logged nothing in {Patience}:\n{Output}");
            Thread.Sleep(1);
        }

        // The held tracee first, so that it cannot go on; it dies once strace (which hangs on such a death) is gone too.
        var traced = File.ReadAllText($"/proc/{_process.Id}/task/{_process.Id}/children")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(pid => int.Parse(pid, CultureInfo.InvariantCulture))
            .ToList();
        Assert.NotEmpty(traced);
        foreach (var pid in traced)
        {
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: false);
        }

        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
        foreach (var pid in traced)
        {
            while (!IsDead(pid))
            {
                Assert.True(clock.Elapsed < Patience, $"process {pid} did not die of SIGKILL");
                Thread.Sleep(1);
            }
        }

        return true;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static bool IsDead(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Split(") ")[^1] is ['Z' or 'X', ..];
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static bool Logged(string log, string marker)
    {
        if (!File.Exists(log))
        {
            return false;
        }

        using var reader = new StreamReader(new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        return reader.ReadToEnd().Contains(marker, StringComparison.Ordinal);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }
}
