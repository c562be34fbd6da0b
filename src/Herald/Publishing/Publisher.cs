using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Herald.Releases;

namespace Herald.Publishing;

/// <summary>
/// Publishes a release: source archives from its tag with <c>git archive</c> (the tar stream exactly as
/// git gives it, compressed deterministically), extra files, <c>SHA256SUMS</c> and <c>SHA512SUMS</c>, and
/// a detached OpenPGP signature for every file. Atomic (a staging folder renamed into place) and
/// idempotent (the same bytes again change nothing; different bytes need <c>force</c>).
/// </summary>
public sealed class Publisher
{
    private readonly HeraldProject _project;
    private readonly ReleaseKey _key;
    private readonly TimeProvider _clock;

    /// <summary>Creates a publisher signing with <paramref name="key"/>.</summary>
    public Publisher(HeraldProject project, ReleaseKey key, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(clock);
        _project = project;
        _key = key;
        _clock = clock;
    }

    private const string ManifestName = ".manifest";

    /// <summary>The formats published when none are asked for.</summary>
    public static IReadOnlyList<string> DefaultFormats { get; } = ["tar.gz", "tar.xz"];

    /// <summary>The artifact root of <paramref name="project"/>: <c>DATA/artifacts</c>.</summary>
    public static string RootOf(HeraldProject project) => Path.Combine(project.DataDirectory, "artifacts");

    /// <summary>Publishes <paramref name="version"/>.</summary>
    public PublishResult Publish(string version, IReadOnlyList<string> extraFiles, IReadOnlyList<string> formats, bool force)
    {
        ArgumentNullException.ThrowIfNull(extraFiles);
        ArgumentNullException.ThrowIfNull(formats);
        if (!ReleaseVersion.TryParse(version, out var parsed) || _project.Catalog.Find(parsed) is not { } release)
        {
            throw new HeraldException($"no release {version}; 'herald releases' lists the releases that can be published.");
        }

        foreach (var format in formats)
        {
            if (format is not ("tar.gz" or "tar.xz" or "tar"))
            {
                throw new HeraldException($"format '{format}' is not supported; use tar.gz, tar.xz or tar.");
            }
        }

        foreach (var file in extraFiles)
        {
            if (!File.Exists(file))
            {
                throw new HeraldException($"{file}: no such file to add.");
            }
        }

        var slug = _project.Config.Slug;
        var name = release.Version.ToString();
        var root = RootOf(_project);
        var relativeFolder = ArtifactLayout.ReleaseFolder(slug, name);
        var final = Path.Combine(root, relativeFolder.Replace('/', Path.DirectorySeparatorChar));
        var parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.EnumerateDirectories(parent, ".staging-" + name + "-*"))
        {
            Directory.Delete(stale, recursive: true);
        }

        var staging = Path.Combine(parent, ".staging-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        try
        {
            var contents = new List<string>();
            var tar = Path.Combine(staging, ".source.tar");
            _project.Repository.Stream(
                ["archive", "--format=tar", $"--prefix={slug}-{name}/", release.TagRef],
                stream =>
                {
                    using var file = File.Create(tar);
                    stream.CopyTo(file);
                    return 0;
                });
            // What the release is made of: if a published release was made of the same, nothing changes.
            var manifest = new StringBuilder();
            manifest.Append("tar ").Append(Digests(tar).Sha256).Append('\n');
            foreach (var format in formats.Distinct().Order(StringComparer.Ordinal))
            {
                manifest.Append("format ").Append(format).Append('\n');
            }

            foreach (var extra in extraFiles.OrderBy(Path.GetFileName, StringComparer.Ordinal))
            {
                manifest.Append("file ").Append(Path.GetFileName(extra)).Append(' ').Append(Digests(extra).Sha256).Append('\n');
            }

            var manifestPath = Path.Combine(final, ManifestName);
            if (File.Exists(manifestPath) && File.ReadAllText(manifestPath) == manifest.ToString())
            {
                return new PublishResult(name, Describe(final, relativeFolder), false);
            }

            if (Directory.Exists(final) && !force)
            {
                throw new HeraldException($"{name} is already published with different files in {final}; publish again with --force to replace them.");
            }

            // One compressor per core: xz and gzip of one tar run side by side.
            var archives = formats.Distinct().Select(format => (Format: format, Path: Path.Combine(staging, ArtifactLayout.ArchiveName(slug, name, format)))).ToList();
            History.Concurrently.For(archives.Count, Environment.ProcessorCount, i => Compress(tar, archives[i].Path, archives[i].Format));
            contents.AddRange(archives.Select(a => a.Path));

            File.Delete(tar);
            foreach (var extra in extraFiles)
            {
                var target = Path.Combine(staging, Path.GetFileName(extra));
                File.Copy(extra, target);
                contents.Add(target);
            }

            File.WriteAllText(Path.Combine(staging, ManifestName), manifest.ToString());

            var sums256 = new StringBuilder();
            var sums512 = new StringBuilder();
            foreach (var file in contents.OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
            {
                var (sha256, sha512) = Digests(file);
                sums256.Append(sha256).Append("  ").Append(Path.GetFileName(file)).Append('\n');
                sums512.Append(sha512).Append("  ").Append(Path.GetFileName(file)).Append('\n');
            }

            File.WriteAllText(Path.Combine(staging, "SHA256SUMS"), sums256.ToString());
            File.WriteAllText(Path.Combine(staging, "SHA512SUMS"), sums512.ToString());
            var now = _clock.GetUtcNow();
            foreach (var file in contents.Append(Path.Combine(staging, "SHA256SUMS")).Append(Path.Combine(staging, "SHA512SUMS")))
            {
                using var input = File.OpenRead(file);
                File.WriteAllText(file + ".sig", _key.Sign(input, now));
            }

            // The release becomes visible in one rename; a replaced one leaves in one rename too.
            string? old = null;
            if (Directory.Exists(final))
            {
                old = Path.Combine(parent, ".old-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.Move(final, old);
            }

            Directory.Move(staging, final);
            if (old is not null)
            {
                Directory.Delete(old, recursive: true);
            }

            return new PublishResult(name, Describe(final, relativeFolder), true);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    /// <summary>
    /// The published files of <paramref name="version"/> under <paramref name="root"/>, with the digests its
    /// SHA256SUMS and SHA512SUMS state (no file is read whole); empty when nothing is published.
    /// </summary>
    public static IReadOnlyList<PublishedArtifact> ReadPublished(string root, string slug, string version)
    {
        var relative = ArtifactLayout.ReleaseFolder(slug, version);
        var folder = Path.Combine(root, relative.Replace('/', Path.DirectorySeparatorChar));
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var sha256 = ReadSums(Path.Combine(folder, "SHA256SUMS"));
        var sha512 = ReadSums(Path.Combine(folder, "SHA512SUMS"));
        return Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.') && !n.EndsWith(".sig", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => new PublishedArtifact(
                n,
                relative + "/" + n,
                new FileInfo(Path.Combine(folder, n)).Length,
                sha256.GetValueOrDefault(n, string.Empty),
                sha512.GetValueOrDefault(n, string.Empty),
                File.Exists(Path.Combine(folder, n + ".sig")) ? relative + "/" + n + ".sig" : null))
            .ToList();
    }

    private static Dictionary<string, string> ReadSums(string path)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                var parts = line.Split("  ", 2);
                if (parts.Length == 2)
                {
                    sums[parts[1]] = parts[0];
                }
            }
        }

        return sums;
    }

    /// <summary>The published files of a release folder, with their digests (read from the files).</summary>
    public static IReadOnlyList<PublishedArtifact> Describe(string folder, string relativeFolder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder)
            .Where(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".sig", StringComparison.Ordinal))
            .OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal)
            .Select(f =>
            {
                var (sha256, sha512) = Digests(f);
                var fileName = Path.GetFileName(f);
                return new PublishedArtifact(fileName, relativeFolder + "/" + fileName, new FileInfo(f).Length, sha256, sha512, File.Exists(f + ".sig") ? relativeFolder + "/" + fileName + ".sig" : null);
            })
            .ToList();
    }

    private static (string Sha256, string Sha512) Digests(string file)
    {
        using var stream = File.OpenRead(file);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        var buffer = new byte[1 << 17];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            sha256.AppendData(buffer, 0, read);
            sha512.AppendData(buffer, 0, read);
        }

        return (Convert.ToHexStringLower(sha256.GetHashAndReset()), Convert.ToHexStringLower(sha512.GetHashAndReset()));
    }

    private static void Compress(string tar, string target, string format)
    {
        switch (format)
        {
            case "tar":
                File.Copy(tar, target);
                break;
            case "tar.gz":
                // .NET writes a gzip header without a timestamp: the same input gives the same bytes.
                using (var input = File.OpenRead(tar))
                using (var output = File.Create(target))
                using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize))
                {
                    input.CopyTo(gzip);
                }

                break;
            default:
                // xz, single-threaded, is deterministic; .NET has no xz of its own.
                RunXz(tar, target);
                break;
        }
    }

    private static void RunXz(string tar, string target)
    {
        var info = new ProcessStartInfo("xz") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-9", "-T1", "-c", "--", tar })
        {
            info.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(info) ?? throw new HeraldException("could not start xz; install xz-utils.");
            var error = process.StandardError.ReadToEndAsync();
            using (var output = File.Create(target))
            {
                process.StandardOutput.BaseStream.CopyTo(output);
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new HeraldException($"xz failed: {error.GetAwaiter().GetResult().Trim()}");
            }
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new HeraldException("could not start xz; install xz-utils (or publish with --format tar.gz).", e);
        }
    }
}
