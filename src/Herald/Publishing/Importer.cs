using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Releases;

namespace Herald.Publishing;

/// <summary>
/// Imports an existing download tree (an old server's tarballs, detached signatures and checksum files)
/// into the artifact store under the release layout, <c>release/&lt;slug&gt;/&lt;version&gt;/</c>. Each
/// tarball is mapped to its release by the version in its name (<c>&lt;slug&gt;-&lt;version&gt;.tar.gz</c>)
/// and compared with <c>git archive</c> of the release tag (<see cref="ImportVerdict"/> says what
/// "verified" means); the verdicts are kept in the release folder (<c>.import</c>, and the readable
/// <c>VERIFICATION</c>). Original signatures are kept as they are, never re-signed. Each release folder
/// appears whole or not at all; a release that already has files is left alone unless forced.
/// </summary>
public sealed class Importer
{
    /// <summary>The hidden file of a release folder holding the verdicts (JSON: tarball name → <see cref="ImportCheck"/>).</summary>
    public const string ChecksName = ".import";

    /// <summary>The readable report of the verdicts, published beside the files.</summary>
    public const string ReportName = "VERIFICATION";

    private const int MaxDifferences = 10;
    private static readonly string[] s_sumsFiles = ["SHA256SUMS", "SHA512SUMS", "MD5SUMS"];
    private static readonly string[] s_digestSuffixes = [".sha256", ".sha512", ".md5"];
    private readonly HeraldProject _project;
    private readonly Regex _tarball;

    /// <summary>Creates an importer for <paramref name="project"/>.</summary>
    public Importer(HeraldProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        _project = project;
        _tarball = new Regex("^" + Regex.Escape(project.Config.Slug) + @"-(?<version>[0-9][0-9A-Za-z.]*?)\.(?<format>tar\.gz|tgz|tar\.xz|tar\.bz2|tar)$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }

    /// <summary>Imports the tarballs of <paramref name="directory"/> into <paramref name="store"/>.</summary>
    public async Task<ImportResult> ImportAsync(IArtifactStore store, string directory, bool force, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var tree = ImportTree.Scan(directory);
        var rejected = new List<ImportRejection>(tree.Rejected);
        var byName = tree.Files.ToLookup(f => (f.Folder, f.Name));
        var byRelease = new SortedDictionary<ReleaseVersion, List<TreeFile>>();
        foreach (var file in tree.Files)
        {
            if (_tarball.Match(file.Name) is not { Success: true } match)
            {
                continue;
            }

            if (!ReleaseVersion.TryParse(match.Groups["version"].Value, out var version) || _project.Catalog.Find(version) is not { IsCandidate: false })
            {
                rejected.Add(new ImportRejection(file.Relative, $"no release {match.Groups["version"].Value} in the repository"));
                continue;
            }

            var list = byRelease.TryGetValue(version, out var existing) ? existing : byRelease[version] = [];
            if (list.Any(f => f.Name == file.Name))
            {
                rejected.Add(new ImportRejection(file.Relative, "another file of the same name is imported for this release"));
                continue;
            }

            list.Add(file);
        }

        var releases = new List<ImportedRelease>();
        var done = 0;
        foreach (var (version, tarballs) in byRelease)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report($"{++done}/{byRelease.Count} {version}");
            releases.Add(await ImportReleaseAsync(store, _project.Catalog.Find(version)!, tarballs, byName, force, cancellationToken));
        }

        return new ImportResult(releases, rejected);
    }

    private async Task<ImportedRelease> ImportReleaseAsync(IArtifactStore store, Release release, List<TreeFile> tarballs, ILookup<(string, string), TreeFile> byName, bool force, CancellationToken cancellationToken)
    {
        var slug = _project.Config.Slug;
        var name = release.Version.ToString();
        var folder = ArtifactLayout.ReleaseFolder(slug, name);
        var present = await store.ListAsync(folder, cancellationToken);
        if (present.Count > 0 && present.All(f => f.Name != ArtifactLayout.PublishingMarker) && !force)
        {
            return new ImportedRelease(name, false, new Dictionary<string, ImportCheck>());
        }

        var staging = store.CreateStaging(folder);
        try
        {
            var expected = new Lazy<TarDigest>(() => _project.Repository.Stream(
                ["archive", "--format=tar", $"--prefix={slug}-{name}/", release.TagRef], TarDigest.Read));
            var checks = new SortedDictionary<string, ImportCheck>(StringComparer.Ordinal);
            var contents = new List<string>();
            foreach (var tarball in tarballs.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                var target = Path.Combine(staging, tarball.Name);
                File.Copy(tarball.Full, target);
                contents.Add(target);
                string? signature = null;
                foreach (var suffix in new[] { ".sig", ".asc" })
                {
                    if (byName[(tarball.Folder, tarball.Name + suffix)].FirstOrDefault() is { } sig)
                    {
                        File.Copy(sig.Full, Path.Combine(staging, sig.Name));
                        signature = sig.Name;
                        break;
                    }
                }

                foreach (var suffix in s_digestSuffixes)
                {
                    if (byName[(tarball.Folder, tarball.Name + suffix)].FirstOrDefault() is { } digestFile)
                    {
                        File.Copy(digestFile.Full, Path.Combine(staging, digestFile.Name));
                        contents.Add(Path.Combine(staging, digestFile.Name));
                    }
                }

                var (verdict, detail, differences) = Compare(target, tarball.Name, release, expected);
                checks[tarball.Name] = new ImportCheck(verdict, detail, differences, signature, CheckSums(target, tarball, byName));
            }

            var sums256 = new StringBuilder();
            var sums512 = new StringBuilder();
            foreach (var file in contents.OrderBy(Path.GetFileName, StringComparer.Ordinal))
            {
                var (sha256, sha512) = Digests(file);
                sums256.Append(sha256).Append("  ").Append(Path.GetFileName(file)).Append('\n');
                sums512.Append(sha512).Append("  ").Append(Path.GetFileName(file)).Append('\n');
            }

            File.WriteAllText(Path.Combine(staging, "SHA256SUMS"), sums256.ToString());
            File.WriteAllText(Path.Combine(staging, "SHA512SUMS"), sums512.ToString());
            File.WriteAllText(Path.Combine(staging, ReportName), Report(release, checks));
            File.WriteAllText(Path.Combine(staging, ChecksName), JsonSerializer.Serialize(checks, HeraldJson.Options));
            // What a later 'herald publish' compares with: an import is never what it would make, so replacing it needs --force.
            File.WriteAllText(Path.Combine(staging, ".manifest"), "import\n" + sums256);
            await store.CommitAsync(staging, folder, cancellationToken);
            return new ImportedRelease(name, true, checks);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static (ImportVerdict, string, IReadOnlyList<string>) Compare(string tarball, string name, Release release, Lazy<TarDigest> expected)
    {
        TarDigest actual;
        try
        {
            actual = Decompressed(tarball, name, TarDigest.Read);
        }
        catch (Exception e) when (e is InvalidDataException or HeraldException or IOException)
        {
            return (ImportVerdict.Unverifiable, $"the tarball could not be read as a compressed tar archive: {e.Message}", []);
        }

        TarDigest tag;
        try
        {
            tag = expected.Value;
        }
        catch (HeraldException e)
        {
            return (ImportVerdict.Unverifiable, $"git archive of the tag {release.Tag} failed: {e.Message}", []);
        }

        var differences = actual.Differences(tag);
        if (differences.Count == 0)
        {
            return (ImportVerdict.Verified, $"the same {tag.Entries.Count} files and links, byte for byte, as git archive of the tag {release.Tag}", []);
        }

        return (ImportVerdict.Differs, $"{differences.Count} of its paths differ from git archive of the tag {release.Tag}", differences.Take(MaxDifferences).ToList());
    }

    /// <summary>What the checksum files beside a tarball in the tree say of its bytes, or null when none names it.</summary>
    private static string? CheckSums(string copied, TreeFile tarball, ILookup<(string, string), TreeFile> byName)
    {
        var stated = new List<(string Source, string Digest)>();
        foreach (var suffix in s_digestSuffixes)
        {
            if (byName[(tarball.Folder, tarball.Name + suffix)].FirstOrDefault() is { Size: < 65536 } file)
            {
                stated.Add((file.Name, File.ReadAllText(file.Full).Split((char[])[' ', '\t', '\n', '\r'], 2)[0].Trim().ToLowerInvariant()));
            }
        }

        foreach (var sums in s_sumsFiles)
        {
            if (byName[(tarball.Folder, sums)].FirstOrDefault() is { Size: < 16 << 20 } file)
            {
                foreach (var line in File.ReadLines(file.Full))
                {
                    var parts = line.Split((char[])[' ', '\t'], 2, StringSplitOptions.RemoveEmptyEntries);
                    if (parts.Length == 2 && parts[1].Trim().TrimStart('*') == tarball.Name)
                    {
                        stated.Add((sums, parts[0].ToLowerInvariant()));
                    }
                }
            }
        }

        if (stated.Count == 0)
        {
            return null;
        }

        using var stream = File.OpenRead(copied);
        var actual = new Dictionary<int, string>
        {
            [64] = Convert.ToHexStringLower(SHA256.HashData(stream)),
        };
        stream.Position = 0;
        actual[128] = Convert.ToHexStringLower(SHA512.HashData(stream));
        stream.Position = 0;
#pragma warning disable CA5351 // MD5 only to compare with what an old server published, never to trust.
        actual[32] = Convert.ToHexStringLower(MD5.HashData(stream));
#pragma warning restore CA5351
        var wrong = stated.Where(s => actual.GetValueOrDefault(s.Digest.Length) != s.Digest).Select(s => s.Source).ToList();
        var sources = string.Join(", ", stated.Select(s => s.Source).Distinct());
        return wrong.Count == 0
            ? $"matches {sources}"
            : $"does not match {string.Join(", ", wrong.Distinct())}";
    }

    private static string Report(Release release, IReadOnlyDictionary<string, ImportCheck> checks)
    {
        var text = new StringBuilder();
        text.Append("Imported files of ").Append(release.Name).Append(", compared with git archive of the tag ").Append(release.Tag).Append('\n');
        text.Append("(verified: the decompressed tarball holds the same regular files, byte for byte and with the same\n");
        text.Append("executable bit, and the same links, at the same paths; folders, owners, times and compression are\n");
        text.Append("not compared). Signatures are the original ones, not made by Herald.\n\n");
        foreach (var (name, check) in checks)
        {
            text.Append(name).Append(": ").Append(check.Verdict.ToString().ToLowerInvariant()).Append(" - ").Append(check.Detail).Append('\n');
            foreach (var difference in check.Differences)
            {
                text.Append("  ").Append(difference).Append('\n');
            }

            text.Append("  signature: ").Append(check.Signature ?? "none").Append('\n');
            if (check.Checksums is { } sums)
            {
                text.Append("  old checksums: ").Append(sums).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>Runs <paramref name="read"/> on the decompressed stream of <paramref name="file"/>, by its name's suffix.</summary>
    private static T Decompressed<T>(string file, string name, Func<Stream, T> read)
    {
        if (name.EndsWith(".tar", StringComparison.Ordinal))
        {
            using var raw = File.OpenRead(file);
            return read(raw);
        }

        if (name.EndsWith(".gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal))
        {
            using var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
            return read(gzip);
        }

        var tool = name.EndsWith(".xz", StringComparison.Ordinal) ? "xz" : "bzip2";
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-dc", "--", file })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new HeraldException($"could not start {tool}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HeraldException($"could not start {tool}; install it to verify {name}.", e);
        }

        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            T result;
            try
            {
                result = read(process.StandardOutput.BaseStream);
                process.StandardOutput.BaseStream.CopyTo(Stream.Null);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.StandardOutput.BaseStream.CopyTo(Stream.Null);
                }

                process.WaitForExit();
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidDataException($"{tool} -d failed: {error.GetAwaiter().GetResult().Trim()}");
            }

            return result;
        }
    }

    private static (string Sha256, string Sha512) Digests(string file)
    {
        using var stream = File.OpenRead(file);
        var sha256 = SHA256.HashData(stream);
        stream.Position = 0;
        return (Convert.ToHexStringLower(sha256), Convert.ToHexStringLower(SHA512.HashData(stream)));
    }
}
