using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Publishing;

/// <summary>
/// Crash safety of <c>herald publish</c>, run as the real command in a child process and killed part-way
/// (with its git and xz): a first publish leaves nothing or the complete release visible, a forced
/// replace leaves the old or the new release whole, and the next publish gives the complete, correct
/// release with nothing left behind. Kills land on file-system events while staging, and (under strace)
/// exactly before the first rename of the commit and right after each one.
/// </summary>
public sealed class PublishCrashTests : IClassFixture<PublishingFixture>, IDisposable
{
    private const string Small = "1.0.0";
    private const string Big = "1.1.0";
    private const string NotesName = "NOTES.txt";
    private const string StagingCreated = "staging folder created";
    private const string GzipStarted = "gzip started in staging";
    private const string XzHalfWritten = "xz half written in staging";
    private static readonly TimeSpan Patience = ChildProcess.Patience;

    private readonly PublishingFixture _fixture;
    private readonly RepoBuilder _repo;
    private readonly TempDirectory _work;
    private readonly string _slug;
    private readonly Dictionary<string, byte[]> _tars = new(StringComparer.Ordinal);

    public PublishCrashTests(PublishingFixture fixture)
    {
        _fixture = fixture;
        // 4 MiB that does not compress (fixed seed): xz -9 works on it for a second or more, so kills land
        // mid-way (with 1 MiB a fast run could finish between two polls of the staging folder).
        var noise = new byte[4 << 20];
        new Random(20210615).NextBytes(noise);
        _repo = RepoBuilder.Create()
            .Commit("Initial import", files: new Dictionary<string, string> { ["README"] = "hello\n", ["src/main.c"] = "int main(void) { return 0; }\n" })
            .AnnotatedTag("RELEASE-" + Small)
            .CommitBinary("data/noise.bin", noise, "Add test data")
            .AnnotatedTag("RELEASE-" + Big);
        _work = TempDirectory.Create();
        _work.WriteFile("passphrase", PublishingFixture.Passphrase + "\n");
        _slug = HeraldProject.Open(_repo.Path, null, _work.Combine("probe"), _work.Path, _work.Combine("xdg")).Config.Slug;
    }

    [Theory]
    [InlineData(StagingCreated)]
    [InlineData(GzipStarted)]
    [InlineData(XzHalfWritten)]
    public void Publish_KilledWhileStaging_ShowsNothingAndTheNextPublishIsComplete(string moment)
    {
        var data = NewData();
        using (var child = Start(data, Big, notes: null, force: false))
        {
            child.WaitUntil(() => Reached(data, Big, moment, orFinal: true), moment);
            child.KillMidway(moment);
        }

        AssertNone(VisibleProblems(data, Big, allowNothing: true, [null]), $"after a kill when {moment}");
        AssertNone(RepublishProblems(data, Big, notes: null, force: false), $"publishing again after a kill when {moment}");
    }

    [Fact]
    public void Publish_ForcedReplaceKilledWhileStaging_ShowsTheOldReleaseAndTheNextPublishIsTheNewOne()
    {
        var data = NewData();
        RunToCompletion(data, Big, notes: null, force: false);

        using (var child = Start(data, Big, "new notes\n", force: true))
        {
            child.WaitUntil(() => Reached(data, Big, XzHalfWritten, orFinal: false), XzHalfWritten);
            child.KillMidway(XzHalfWritten);
        }

        AssertNone(ReleaseProblems(Folder(data, Big), Big, notes: null), "the old release after a kill of its forced replace");
        AssertNone(RepublishProblems(data, Big, "new notes\n", force: true), "publishing the replace again");
    }

    [Fact]
    public void Publish_KilledAtTheRenamesOfItsCommit_ShowsNothingOrTheWholeRelease()
    {
        var problems = new List<string>();

        var crashes = CrashAtEachRename(NewData, Small, notes: null, force: false, allowNothing: true, [null], problems);

        Assert.True(crashes >= 2, $"a publish should commit with at least one rename; {crashes} crash points were reached");
        AssertNone(problems, "crashing a first publish around each rename");
    }

    [Fact]
    public void Publish_ForcedReplaceKilledAtTheRenamesOfItsCommit_ShowsTheOldOrTheNewReleaseWhole()
    {
        var template = NewData();
        RunToCompletion(template, Small, "old notes\n", force: false);
        AssertNone(ReleaseProblems(Folder(template, Small), Small, "old notes\n"), "the release to replace");
        var problems = new List<string>();

        var crashes = CrashAtEachRename(() => CopyOf(template), Small, "new notes\n", force: true, allowNothing: false, ["old notes\n", "new notes\n"], problems);

        Assert.True(crashes >= 2, $"a forced replace should commit with at least one rename; {crashes} crash points were reached");
        AssertNone(problems, "crashing a forced replace around each rename");
    }

    public void Dispose()
    {
        _work.Dispose();
        _repo.Dispose();
    }

    /// <summary>
    /// Publishes under strace, held at the entry of the first rename and killed there, then held and killed
    /// right after the first, second, ... rename, until a run makes fewer renames and completes. After each
    /// crash checks what is visible, then publishes again.
    /// </summary>
    private int CrashAtEachRename(Func<string> prepare, string version, string? notes, bool force, bool allowNothing, IReadOnlyList<string?> acceptable, List<string> problems)
    {
        var crashes = 0;
        for (var n = 0; n <= 8; n++)
        {
            var point = n == 0 ? "before the first rename" : $"after rename {n}";
            // strace prints a held call's entry at once (its end after the hold); 6.1 cannot inject signals with --seccomp-bpf.
            var (inject, marker) = n == 0 ? ("delay_enter=60s:when=1", "rename") : ($"delay_exit=60s:when={n}", "(DELAYED)");
            var data = prepare();
            var log = _work.Combine($"strace-{Guid.NewGuid():N}.log");
            using (var child = Start(data, version, notes, force, ["strace", "-f", "--seccomp-bpf", "-qq", "-e", "signal=none", "-o", log, "-e", "trace=rename,renameat,renameat2", "-e", "inject=rename,renameat,renameat2:" + inject, "--"]))
            {
                if (!child.KillWhenLogged(log, marker))
                {
                    var code = child.WaitForExit();
                    problems.AddRange(code == 0
                        ? ReleaseProblems(Folder(data, version), version, notes).Select(p => $"a publish not killed {point}: {p}")
                        : [$"a publish under strace failed ({code}) instead of being killed {point}:\n{child.Output}"]);
                    return crashes;
                }
            }

            crashes++;
            problems.AddRange(VisibleProblems(data, version, allowNothing, acceptable).Select(p => $"killed {point}: {p}"));
            problems.AddRange(RepublishProblems(data, version, notes, force).Select(p => $"publishing again after a kill {point}: {p}"));
        }

        problems.Add("a publish did more than 8 renames");
        return crashes;
    }

    /// <summary>Whether a publish has got to <paramref name="moment"/>, in any folder (<paramref name="orFinal"/>: the final one too).</summary>
    private bool Reached(string data, string version, string moment, bool orFinal)
    {
        var parent = Path.GetDirectoryName(Folder(data, version))!;
        try
        {
            foreach (var staging in Directory.EnumerateDirectories(parent).Where(d => orFinal || Path.GetFileName(d) != version))
            {
                var reached = moment switch
                {
                    StagingCreated => true,
                    GzipStarted => File.Exists(Path.Combine(staging, Archive(version, "tar.gz"))),
                    XzHalfWritten => new FileInfo(Path.Combine(staging, Archive(version, "tar.xz"))) is { Exists: true } xz && xz.Length >= Tar(version).Length / 2,
                    _ => throw new ArgumentOutOfRangeException(nameof(moment), moment, null),
                };
                if (reached)
                {
                    return true;
                }
            }
        }
        catch (IOException)
        {
            // The folders are made and removed while we look: look again.
        }

        return false;
    }

    /// <summary>Nothing (when allowed) or exactly one of the acceptable releases, whole.</summary>
    private List<string> VisibleProblems(string data, string version, bool allowNothing, IReadOnlyList<string?> acceptable)
    {
        var folder = Folder(data, version);
        if (!Directory.Exists(folder))
        {
            return allowNothing ? [] : [$"nothing is visible at {folder}: neither the old release nor the new one"];
        }

        var each = acceptable.Select(notes => ReleaseProblems(folder, version, notes)).ToList();
        return each.Any(p => p.Count == 0)
            ? []
            : [$"{folder} holds no whole release ({string.Join(" | ", each.Select(p => string.Join("; ", p)))})"];
    }

    private List<string> RepublishProblems(string data, string version, string? notes, bool force)
    {
        using var child = Start(data, version, notes, force);
        var code = child.WaitForExit();
        if (code != 0)
        {
            return [$"exit code {code}:\n{child.Output}"];
        }

        var parent = Path.GetDirectoryName(Folder(data, version))!;
        return ReleaseProblems(Folder(data, version), version, notes)
            .Concat(Directory.EnumerateDirectories(parent).Select(Path.GetFileName).Where(n => n != version).Select(n => $"{n} is left behind in {parent}"))
            .ToList();
    }

    /// <summary>
    /// What keeps <paramref name="folder"/> from being the complete, correct release: exactly the archives
    /// (and notes), both sums files, and a signature of each; sums that match the files; archives that
    /// decompress to what <c>git archive</c> gives for the tag; signatures gpg accepts.
    /// </summary>
    private List<string> ReleaseProblems(string folder, string version, string? notes)
    {
        if (!Directory.Exists(folder))
        {
            return [$"{folder} does not exist"];
        }

        List<string> content = notes is null ? [Archive(version, "tar.gz"), Archive(version, "tar.xz")] : [Archive(version, "tar.gz"), Archive(version, "tar.xz"), NotesName];
        var signed = content.Append("SHA256SUMS").Append("SHA512SUMS").ToList();
        var expected = signed.Concat(signed.Select(n => n + ".sig")).Order(StringComparer.Ordinal).ToList();
        var actual = Directory.EnumerateFiles(folder).Select(Path.GetFileName).OfType<string>().Where(n => !n.StartsWith('.')).Order(StringComparer.Ordinal).ToList();
        if (!expected.SequenceEqual(actual))
        {
            return [$"files [{string.Join(", ", actual)}], expected [{string.Join(", ", expected)}]"];
        }

        var problems = new List<string>();
        foreach (var (sums, hash) in new (string, Func<byte[], byte[]>)[] { ("SHA256SUMS", SHA256.HashData), ("SHA512SUMS", SHA512.HashData) })
        {
            var listed = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var parts in File.ReadAllLines(Path.Combine(folder, sums)).Select(l => l.Split("  ", 2)).Where(p => p.Length == 2))
            {
                listed[parts[1]] = parts[0];
            }

            if (!listed.Keys.Order(StringComparer.Ordinal).SequenceEqual(content.Order(StringComparer.Ordinal)))
            {
                problems.Add($"{sums} lists [{string.Join(", ", listed.Keys)}]");
            }

            problems.AddRange(content
                .Where(n => listed.GetValueOrDefault(n) != Convert.ToHexStringLower(hash(File.ReadAllBytes(Path.Combine(folder, n)))))
                .Select(n => $"{sums} does not give the digest of {n}"));
        }

        if (notes is not null && File.ReadAllText(Path.Combine(folder, NotesName)) != notes)
        {
            problems.Add($"{NotesName} is not the notes '{notes.Trim()}'");
        }

        var tar = Tar(version);
        if (!Decompressed(Path.Combine(folder, Archive(version, "tar.gz")), gzip: true).AsSpan().SequenceEqual(tar))
        {
            problems.Add($"{Archive(version, "tar.gz")} does not decompress to git archive's tar of the tag");
        }

        if (!Decompressed(Path.Combine(folder, Archive(version, "tar.xz")), gzip: false).AsSpan().SequenceEqual(tar))
        {
            problems.Add($"{Archive(version, "tar.xz")} does not decompress to git archive's tar of the tag");
        }

        foreach (var name in signed)
        {
            var file = Path.Combine(folder, name);
            var (code, output) = _fixture.Gpg("--batch", "--verify", file + ".sig", file);
            if (code != 0)
            {
                problems.Add($"gpg --verify {name}.sig: {output.Trim()}");
            }
        }

        return problems;
    }

    private static byte[] Decompressed(string file, bool gzip)
    {
        if (gzip)
        {
            try
            {
                using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
                using var output = new MemoryStream();
                input.CopyTo(output);
                return output.ToArray();
            }
            catch (InvalidDataException)
            {
                return [];
            }
        }

        var info = new ProcessStartInfo("xz") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-dc");
        info.ArgumentList.Add(file);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("xz did not start; install xz-utils");
        var error = process.StandardError.ReadToEndAsync();
        using var bytes = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(bytes);
        process.WaitForExit();
        error.GetAwaiter().GetResult();
        return process.ExitCode == 0 ? bytes.ToArray() : [];
    }

    private void RunToCompletion(string data, string version, string? notes, bool force)
    {
        using var child = Start(data, version, notes, force);
        var code = child.WaitForExit();
        Assert.True(code == 0, $"herald publish {version} failed ({code}):\n{child.Output}");
    }

    /// <summary>Starts <c>herald publish</c> in a child process, optionally under a tracer (its command line, ending in "--").</summary>
    private ChildProcess Start(string data, string version, string? notes, bool force, IReadOnlyList<string>? tracer = null)
    {
        var herald = Path.Combine(AppContext.BaseDirectory, "herald.dll");
        Assert.True(File.Exists(herald), $"{herald} is missing: the test project references Herald.Cli, so the build should copy it");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        List<string> command = [.. tracer ?? [], dotnet, herald, "publish", version, "--repo", _repo.Path, "--data", data,
            "--key", Path.Combine(_fixture.KeyFolder, "secret.asc"), "--passphrase-file", _work.Combine("passphrase")];
        if (notes is not null)
        {
            command.AddRange(["--add", _work.WriteFile($"notes-{Guid.NewGuid():N}/{NotesName}", notes)]);
        }

        if (force)
        {
            command.Add("--force");
        }

        var info = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = _work.Path,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in command.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        info.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        info.Environment["HOME"] = _work.CreateSubdirectory("home");
        info.Environment["XDG_DATA_HOME"] = _work.CreateSubdirectory("xdg");
        info.Environment["LC_ALL"] = "C";
        return new ChildProcess(info);
    }

    private string NewData() => _work.CreateSubdirectory("data-" + Guid.NewGuid().ToString("N")[..8]);

    private string CopyOf(string data)
    {
        var copy = NewData();
        foreach (var file in Directory.EnumerateFiles(data, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(data, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return copy;
    }

    private string Folder(string data, string version) => Path.Combine(data, "artifacts", "release", _slug, version);

    private string Archive(string version, string format) => $"{_slug}-{version}.{format}";

    private byte[] Tar(string version)
    {
        if (!_tars.TryGetValue(version, out var tar))
        {
            tar = _repo.GitRaw("archive", "--format=tar", $"--prefix={_slug}-{version}/", "RELEASE-" + version);
            _tars[version] = tar;
        }

        return tar;
    }

    private static void AssertNone(List<string> problems, string when) =>
        Assert.True(problems.Count == 0, $"{when}:\n- {string.Join("\n- ", problems)}");
}
