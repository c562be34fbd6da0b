using System.Diagnostics;
using Herald.Publishing;
using Herald.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Publishing;

/// <summary>
/// A repository with two releases, a release key made once (key generation is the slow part), and a
/// GnuPG home that trusts nothing but has the public key imported, for checking signatures with gpg.
/// </summary>
public sealed class PublishingFixture : IDisposable
{
    public const string Passphrase = "correct horse battery staple";

    public PublishingFixture()
    {
        Repo = RepoBuilder.Create()
            .Commit("Initial import", files: new Dictionary<string, string> { ["README"] = "hello\n", ["src/main.c"] = "int main(void) { return 0; }\n" })
            .AnnotatedTag("RELEASE-1.0.0")
            .Commit("Fix the build", files: new Dictionary<string, string> { ["src/main.c"] = "int main(void) { return 1; }\n" })
            .AnnotatedTag("RELEASE-1.0.1");
        Folder = TempDirectory.Create();
        Clock = new FakeTimeProvider(new DateTimeOffset(2021, 6, 15, 12, 0, 0, TimeSpan.Zero));
        KeyFolder = Folder.CreateSubdirectory("keys");
        Key = ReleaseKey.Generate("Test Project Release", "release@example.org", Passphrase, KeyFolder, Clock.GetUtcNow());
        GnupgHome = Folder.CreateSubdirectory("gnupg");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(GnupgHome, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        var (code, output) = Gpg("--batch", "--import", Path.Combine(KeyFolder, "public.asc"));
        if (code != 0)
        {
            throw new InvalidOperationException("gpg --import failed: " + output);
        }
    }

    public RepoBuilder Repo { get; }

    public TempDirectory Folder { get; }

    public FakeTimeProvider Clock { get; }

    public string KeyFolder { get; }

    public ReleaseKey Key { get; }

    public string GnupgHome { get; }

    /// <summary>Runs gpg with this fixture's home; fails when gpg is missing (tests never skip).</summary>
    public (int ExitCode, string Output) Gpg(params string[] arguments)
    {
        var info = new ProcessStartInfo("gpg") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["GNUPGHOME"] = GnupgHome;
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("gpg did not start; install gnupg (test.sh does).");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.GetAwaiter().GetResult());
    }

    public void Dispose()
    {
        Gpg("--batch", "--yes", "--quiet", "--kill", "gpg-agent");
        Folder.Dispose();
        Repo.Dispose();
    }
}
