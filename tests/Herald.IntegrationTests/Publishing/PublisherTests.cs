using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using Herald.Publishing;
using Xunit;

namespace Herald.Tests.Publishing;

public sealed class PublisherTests(PublishingFixture fixture) : IClassFixture<PublishingFixture>
{
    private HeraldProject OpenProject(string data) =>
        HeraldProject.Open(fixture.Repo.Path, null, data, fixture.Repo.Path, fixture.Folder.Path);

    private (PublishResult Result, string Folder) Publish(string data, string version = "1.0.1", IReadOnlyList<string>? extra = null, bool force = false, IReadOnlyList<string>? formats = null)
    {
        var project = OpenProject(data);
        var result = new Publisher(project, fixture.Key, fixture.Clock).PublishAsync(ArtifactStore.For(project), version, extra ?? [], formats ?? Publisher.DefaultFormats, force).GetAwaiter().GetResult();
        var folder = Path.Combine(Path.Combine(project.DataDirectory, "artifacts"), ArtifactLayout.ReleaseFolder(project.Config.Slug, version));
        return (result, folder);
    }

    private string NewData() => fixture.Folder.CreateSubdirectory("data-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public void Publish_Release_WritesTheLayoutContract()
    {
        var (result, folder) = Publish(NewData());
        var slug = OpenProject(NewData()).Config.Slug;

        Assert.True(result.Changed);
        Assert.Equal("1.0.1", result.Version);
        Assert.Equal(
            new[] { $"{slug}-1.0.1.tar.gz", $"{slug}-1.0.1.tar.xz", "SHA256SUMS", "SHA512SUMS" }.Order(StringComparer.Ordinal).ToArray(),
            result.Artifacts.Select(a => a.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.All(result.Artifacts, a => Assert.Equal($"release/{slug}/1.0.1/{a.Name}", a.Path));
        Assert.All(result.Artifacts, a => Assert.True(File.Exists(Path.Combine(folder, a.Name + ".sig")), a.Name + ".sig is missing"));
    }

    [Fact]
    public void Publish_Archives_HoldExactlyWhatGitArchiveGives()
    {
        var (_, folder) = Publish(NewData());
        var slug = OpenProject(NewData()).Config.Slug;
        var expected = fixture.Repo.GitRaw("archive", "--format=tar", $"--prefix={slug}-1.0.1/", "RELEASE-1.0.1");

        using var gz = new GZipStream(File.OpenRead(Path.Combine(folder, $"{slug}-1.0.1.tar.gz")), CompressionMode.Decompress);
        using var tar = new MemoryStream();
        gz.CopyTo(tar);

        Assert.Equal(expected, tar.ToArray());
        Assert.Equal(expected, Xz("-dc", Path.Combine(folder, $"{slug}-1.0.1.tar.xz")));
    }

    [Fact]
    public void Publish_TwiceIntoTwoFolders_GivesTheSameArchiveBytes()
    {
        var (first, _) = Publish(NewData());
        var (second, _) = Publish(NewData());

        Assert.Equal(
            first.Artifacts.Select(a => (a.Name, a.Sha256)),
            second.Artifacts.Select(a => (a.Name, a.Sha256)));
    }

    [Fact]
    public void Publish_SameBytesAgain_ChangesNothing()
    {
        var data = NewData();
        var (_, folder) = Publish(data);
        var before = Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc);

        var (again, _) = Publish(data);

        Assert.False(again.Changed);
        Assert.Equal(before, Directory.GetFiles(folder).ToDictionary(f => f, File.GetLastWriteTimeUtc));
    }

    [Fact]
    public void Publish_DifferentBytesWithoutForce_RefusesAndKeepsTheRelease()
    {
        var data = NewData();
        var (_, folder) = Publish(data);
        var extra = fixture.Folder.WriteFile("notes-" + Guid.NewGuid().ToString("N")[..6] + ".txt", "release notes\n");
        var before = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();

        var error = Assert.Throws<HeraldException>(() => Publish(data, extra: [extra]));

        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void Publish_DifferentBytesWithForce_ReplacesTheReleaseWithExtraFilesSigned()
    {
        var data = NewData();
        Publish(data);
        var extra = fixture.Folder.WriteFile("driver-" + Guid.NewGuid().ToString("N")[..6] + ".zip", "not really a zip\n");

        var (result, folder) = Publish(data, extra: [extra], force: true);

        var name = Path.GetFileName(extra);
        Assert.True(result.Changed);
        Assert.Contains(result.Artifacts, a => a.Name == name);
        Assert.True(File.Exists(Path.Combine(folder, name + ".sig")));
        Assert.Contains(name, File.ReadAllText(Path.Combine(folder, "SHA256SUMS")), StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_Checksums_MatchTheFiles()
    {
        var (result, folder) = Publish(NewData());

        foreach (var line in File.ReadAllLines(Path.Combine(folder, "SHA256SUMS")))
        {
            var parts = line.Split("  ");
            Assert.Equal(parts[0], Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, parts[1])))));
        }

        foreach (var line in File.ReadAllLines(Path.Combine(folder, "SHA512SUMS")))
        {
            var parts = line.Split("  ");
            Assert.Equal(parts[0], Convert.ToHexStringLower(SHA512.HashData(File.ReadAllBytes(Path.Combine(folder, parts[1])))));
        }

        Assert.All(result.Artifacts, a => Assert.Equal(new FileInfo(Path.Combine(folder, a.Name)).Length, a.Size));
    }

    [Fact]
    public void Publish_Signatures_AreAcceptedByGpg()
    {
        var (result, folder) = Publish(NewData());

        foreach (var artifact in result.Artifacts)
        {
            var file = Path.Combine(folder, artifact.Name);
            var (code, output) = fixture.Gpg("--batch", "--verify", file + ".sig", file);
            Assert.True(code == 0, $"gpg --verify {artifact.Name}: {output}");
            Assert.Contains("Good signature", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Publish_TamperedFile_IsRejectedByGpg()
    {
        var (result, folder) = Publish(NewData());
        var archive = Path.Combine(folder, result.Artifacts.First(a => a.Name.EndsWith(".tar.gz", StringComparison.Ordinal)).Name);
        var copy = fixture.Folder.Combine("tampered-" + Guid.NewGuid().ToString("N")[..6] + ".tar.gz");
        var bytes = File.ReadAllBytes(archive);
        bytes[bytes.Length / 2] ^= 0xff;
        File.WriteAllBytes(copy, bytes);

        var (code, output) = fixture.Gpg("--batch", "--verify", archive + ".sig", copy);

        Assert.NotEqual(0, code);
        Assert.Contains("BAD signature", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_UnknownVersion_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<HeraldException>(() => Publish(NewData(), version: "9.9.9"));

        Assert.Contains("9.9.9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_UnknownFormat_IsAnErrorNamingIt()
    {
        var error = Assert.Throws<HeraldException>(() => Publish(NewData(), formats: ["tar.zst"]));

        Assert.Contains("tar.zst", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publish_StaleStagingFolder_IsCleanedAndTheReleaseComplete()
    {
        var data = NewData();
        var project = OpenProject(data);
        var parent = Path.Combine(Path.Combine(project.DataDirectory, "artifacts"), "release", project.Config.Slug);
        var stale = Directory.CreateDirectory(Path.Combine(parent, ".staging-1.0.1-deadbeef")).FullName;
        File.WriteAllText(Path.Combine(stale, "half-written.tar.gz"), "crash");

        var (result, folder) = Publish(data);

        Assert.False(Directory.Exists(stale));
        Assert.Equal(4, result.Artifacts.Count);
        Assert.False(File.Exists(Path.Combine(folder, "half-written.tar.gz")));
    }

    [Fact]
    public void Publish_ReplacedReleaseLeftAside_IsPutBackBeforeAnythingElse()
    {
        // What a replace that died between its two renames leaves where folders cannot be exchanged.
        var data = NewData();
        var (first, folder) = Publish(data);
        var aside = Path.Combine(Path.GetDirectoryName(folder)!, ".old-1.0.1-0badf00d");
        Directory.Move(folder, aside);
        var extra = Path.Combine(data, "notes.txt");
        File.WriteAllText(extra, "notes\n");

        var error = Assert.Throws<HeraldException>(() => Publish(data, extra: [extra]));

        Assert.Contains("--force", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(aside));
        Assert.Equal(first.Artifacts.Select(a => a.Name), Directory.EnumerateFiles(folder).Select(Path.GetFileName).Where(n => !n!.StartsWith('.') && !n.EndsWith(".sig", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Publish_Force_ReplacesTheFolderWholeAndLeavesNothingAside()
    {
        var data = NewData();
        var (_, folder) = Publish(data);
        var extra = Path.Combine(data, "notes.txt");
        File.WriteAllText(extra, "notes\n");

        var (result, _) = Publish(data, extra: [extra], force: true);

        Assert.Contains(result.Artifacts, a => a.Name == "notes.txt");
        Assert.True(File.Exists(Path.Combine(folder, "notes.txt.sig")));
        Assert.Equal([Path.GetFileName(folder)], Directory.EnumerateDirectories(Path.GetDirectoryName(folder)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Load_WrongPassphrase_IsAnErrorNamingTheFile()
    {
        var path = Path.Combine(fixture.KeyFolder, "secret.asc");

        var error = Assert.Throws<HeraldException>(() => ReleaseKey.Load(path, "wrong"));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_IntoAFolderWithAKey_Refuses()
    {
        var error = Assert.Throws<HeraldException>(() =>
            ReleaseKey.Generate("Other", "other@example.org", null, fixture.KeyFolder, fixture.Clock.GetUtcNow()));

        Assert.Contains("already holds a key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ExportPublic_FromTheSecretKey_GivesTheArmouredPublicKey()
    {
        var exported = ReleaseKey.ExportPublic(Path.Combine(fixture.KeyFolder, "secret.asc"));

        Assert.StartsWith("-----BEGIN PGP PUBLIC KEY BLOCK-----", exported, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", exported, StringComparison.Ordinal);
    }

    private static byte[] Xz(params string[] arguments)
    {
        var info = new ProcessStartInfo("xz") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("xz did not start");
        using var output = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(output);
        process.WaitForExit();
        return output.ToArray();
    }
}
