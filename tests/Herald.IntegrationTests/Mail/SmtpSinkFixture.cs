using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Herald.Tests.Support;
using MimeKit;
using Xunit;

namespace Herald.Tests.Mail;

/// <summary>
/// A real SMTP server (smtp_sink.py, aiosmtpd) in a child process on 127.0.0.1 and a free port, saving what
/// it accepts in a temp folder. It refuses <c>reject…</c> recipients with 550 and answers the first DATA for
/// <c>flaky…</c> ones with 451. The interpreter is HERALD_TEST_PYTHON, else /usr/bin/python3 (Debian's, which
/// python3-aiosmtpd is for). Without aiosmtpd the tests fail, they never skip.
/// </summary>
public sealed class SmtpSinkFixture : IDisposable
{
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly TempDirectory _folder;
    private readonly StringBuilder _errors;

    private SmtpSinkFixture(Process process, TempDirectory folder, StringBuilder errors, int port)
    {
        _process = process;
        _folder = folder;
        _errors = errors;
        Port = port;
    }

    /// <summary>The port the server listens on, on 127.0.0.1.</summary>
    public int Port { get; }

    /// <summary>The server as <c>[mail] smtp</c> names it.</summary>
    public Uri Server => new($"smtp://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Starts a server; with <paramref name="username"/>, one that requires AUTH with it and <paramref name="password"/>.</summary>
    public static async Task<SmtpSinkFixture> StartAsync(string? username = null, string? password = null)
    {
        var python = Environment.GetEnvironmentVariable("HERALD_TEST_PYTHON") is { Length: > 0 } configured ? configured : "/usr/bin/python3";
        var script = Path.Combine(AppContext.BaseDirectory, "Mail", "smtp_sink.py");
        Assert.True(File.Exists(script), $"{script} is missing: the test project copies Mail/smtp_sink.py to its output folder.");
        var folder = TempDirectory.Create();
        var info = new ProcessStartInfo(python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(folder.Path);
        if (username is not null)
        {
            info.ArgumentList.Add("--auth");
            info.ArgumentList.Add($"{username}:{password}");
        }

        var errors = new StringBuilder();
        var process = new Process { StartInfo = info };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.Append(e.Data).Append('\n');
            }
        };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            folder.Dispose();
            throw new InvalidOperationException($"could not start {python} for the SMTP test server: install python3 and python3-aiosmtpd (./test.sh does it), or point HERALD_TEST_PYTHON at an interpreter that has aiosmtpd.", e);
        }

        process.BeginErrorReadLine();
        var line = await process.StandardOutput.ReadLineAsync().WaitAsync(StartPatience).ConfigureAwait(false);
        if (!int.TryParse(line, NumberStyles.None, CultureInfo.InvariantCulture, out var port))
        {
            if (!process.WaitForExit(StartPatience))
            {
                process.Kill(entireProcessTree: true);
            }

            process.WaitForExit();
            string stderr;
            lock (errors)
            {
                stderr = errors.ToString();
            }

            process.Dispose();
            folder.Dispose();
            var hint = stderr.Contains("No module named 'aiosmtpd'", StringComparison.Ordinal)
                ? $"aiosmtpd is missing for {python}: install python3-aiosmtpd; ./test.sh does it (or point HERALD_TEST_PYTHON at an interpreter that has it)."
                : $"the SMTP test server ({python} {script}) did not start.";
            Assert.Fail($"{hint}\nIt printed: {line}\n{stderr}");
        }

        return new SmtpSinkFixture(process, folder, errors, port);
    }

    /// <summary>A port on 127.0.0.1 nothing listens on: connections to it are refused.</summary>
    public static int UnusedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>What the server accepted so far, in the order it accepted it.</summary>
    public IReadOnlyList<ReceivedMail> Received()
    {
        Assert.False(_process.HasExited, $"the SMTP test server ended:\n{Errors()}");
        return [.. Directory.EnumerateFiles(_folder.Path, "*.eml")
            .Select(path => (Number: int.Parse(Path.GetFileNameWithoutExtension(path), CultureInfo.InvariantCulture), Path: path))
            .OrderBy(file => file.Number)
            .Select(file => Read(file.Path))];
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            // Closing its input ends the server; killed when it does not go.
            _process.StandardInput.Close();
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private static ReceivedMail Read(string emlPath)
    {
        using var envelope = JsonDocument.Parse(File.ReadAllBytes(Path.ChangeExtension(emlPath, ".json")));
        var recipients = envelope.RootElement.GetProperty("rcpt_tos").EnumerateArray().Select(r => r.GetString()!).ToList();
        var login = envelope.RootElement.GetProperty("login").GetString();
        return new ReceivedMail(MimeMessage.Load(emlPath), recipients, login);
    }

    private string Errors()
    {
        lock (_errors)
        {
            return _errors.ToString();
        }
    }
}
