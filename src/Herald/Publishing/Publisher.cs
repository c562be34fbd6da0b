using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>Publishes <paramref name="version"/> into <paramref name="store"/>.</summary>
    public async Task<PublishResult> PublishAsync(IArtifactStore store, string version, IReadOnlyList<string> extraFiles, IReadOnlyList<string> formats, bool force, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
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

            if (!ArtifactLayout.IsPlainPath(Path.GetFileName(file)) || Path.GetFileName(file) is "SHA256SUMS" or "SHA512SUMS" || file.EndsWith(".sig", StringComparison.Ordinal))
            {
                throw new HeraldException($"{file}: cannot be added under this name; rename it (hidden names, checksum files and .sig files are Herald's own).");
            }
        }

        var slug = _project.Config.Slug;
        var name = release.Version.ToString();
        var folder = ArtifactLayout.ReleaseFolder(slug, name);
        var staging = store.CreateStaging(folder);
        try
        {
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

            // A folder still marked as being published holds what an interrupted publish left: nothing
            // of it is visible, so publishing over it needs no --force.
            var published = await store.ListAsync(folder, cancellationToken);
            var interrupted = published.Any(f => f.Name == ArtifactLayout.PublishingMarker);
            if (published.Count > 0 && !interrupted
                && await store.ReadTextAsync(folder + "/" + ManifestName, cancellationToken) == manifest.ToString())
            {
                await PublishKeyAsync(store, cancellationToken);
                return new PublishResult(name, await ReadPublishedAsync(store, slug, name, cancellationToken), false);
            }

            if (published.Count > 0 && !interrupted && !force)
            {
                throw new HeraldException($"{name} is already published with different files in {store.Location}/{folder}; publish again with --force to replace them.");
            }

            // One compressor per core: xz and gzip of one tar run side by side.
            var archives = formats.Distinct().Select(format => Path.Combine(staging, ArtifactLayout.ArchiveName(slug, name, format))).ToList();
            var archiveFormats = formats.Distinct().ToList();
            History.Concurrently.For(archives.Count, Environment.ProcessorCount, i => Compress(tar, archives[i], archiveFormats[i]));
            var contents = new List<string>(archives);
            File.Delete(tar);
            foreach (var extra in extraFiles)
            {
                var target = Path.Combine(staging, Path.GetFileName(extra));
                File.Copy(extra, target);
                contents.Add(target);
            }

            var sums256 = new StringBuilder();
            var sums512 = new StringBuilder();
            var artifacts = new List<PublishedArtifact>();
            foreach (var file in contents.OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
            {
                var (sha256, sha512) = Digests(file);
                var fileName = Path.GetFileName(file);
                sums256.Append(sha256).Append("  ").Append(fileName).Append('\n');
                sums512.Append(sha512).Append("  ").Append(fileName).Append('\n');
                artifacts.Add(new PublishedArtifact(fileName, folder + "/" + fileName, new FileInfo(file).Length, sha256, sha512, folder + "/" + fileName + ".sig"));
            }

            foreach (var (sumsName, text) in new[] { ("SHA256SUMS", sums256.ToString()), ("SHA512SUMS", sums512.ToString()) })
            {
                var file = Path.Combine(staging, sumsName);
                File.WriteAllText(file, text);
                contents.Add(file);
                var (sha256, sha512) = Digests(file);
                artifacts.Add(new PublishedArtifact(sumsName, folder + "/" + sumsName, new FileInfo(file).Length, sha256, sha512, folder + "/" + sumsName + ".sig"));
            }

            var now = _clock.GetUtcNow();
            foreach (var file in contents)
            {
                using var input = File.OpenRead(file);
                File.WriteAllText(file + ".sig", _key.Sign(input, now));
            }

            File.WriteAllText(Path.Combine(staging, ManifestName), manifest.ToString());
            await store.CommitAsync(staging, folder, cancellationToken);
            await PublishKeyAsync(store, cancellationToken);
            return new PublishResult(name, artifacts.OrderBy(a => a.Name, StringComparer.Ordinal).ToList(), true);
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
    /// Adds the signing key to the store's <see cref="ArtifactLayout.KeysFile"/> (kept beside the releases,
    /// so the portal serves the key that signed them wherever the key was made), keeping the keys already
    /// there: releases signed by an earlier key still verify. Nothing changes when the key is there.
    /// </summary>
    private async Task PublishKeyAsync(IArtifactStore store, CancellationToken cancellationToken)
    {
        var key = _key.ExportPublic();
        var existing = await store.ReadTextAsync(ArtifactLayout.KeysFile, cancellationToken);
        if (existing is not null && existing.Contains(key, StringComparison.Ordinal))
        {
            return;
        }

        var staging = store.CreateStaging(ArtifactLayout.KeysFolder);
        try
        {
            File.WriteAllText(Path.Combine(staging, "KEYS"), existing is null ? key : existing.TrimEnd('\n') + "\n" + key);
            await store.CommitAsync(staging, ArtifactLayout.KeysFolder, cancellationToken);
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
    /// The published files of <paramref name="version"/> in <paramref name="store"/>, with the digests its
    /// SHA256SUMS and SHA512SUMS state (no file is read whole); empty when nothing is published or a
    /// publish is under way.
    /// </summary>
    public static async Task<IReadOnlyList<PublishedArtifact>> ReadPublishedAsync(IArtifactStore store, string slug, string version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var folder = ArtifactLayout.ReleaseFolder(slug, version);
        var files = await store.ListAsync(folder, cancellationToken);
        if (files.Count == 0 || files.Any(f => f.Name == ArtifactLayout.PublishingMarker))
        {
            return [];
        }

        var sha256 = ParseSums(await store.ReadTextAsync(folder + "/SHA256SUMS", cancellationToken));
        var sha512 = ParseSums(await store.ReadTextAsync(folder + "/SHA512SUMS", cancellationToken));
        var names = files.Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var imported = files.Any(f => f.Name == Importer.ChecksName)
            ? JsonSerializer.Deserialize<Dictionary<string, ImportCheck>>(await store.ReadTextAsync(folder + "/" + Importer.ChecksName, cancellationToken) ?? "{}", HeraldJson.Options) ?? []
            : [];
        // Herald signs with .sig; an imported release keeps the old server's .sig or .asc.
        string? SignatureOf(string name) =>
            names.Contains(name + ".sig") ? folder + "/" + name + ".sig"
            : names.Contains(name + ".asc") ? folder + "/" + name + ".asc"
            : null;
        return files
            .Where(f => !f.Name.StartsWith('.') && !f.Name.EndsWith(".sig", StringComparison.Ordinal)
                && !(f.Name.EndsWith(".asc", StringComparison.Ordinal) && names.Contains(f.Name[..^4])))
            .Select(f => new PublishedArtifact(
                f.Name,
                folder + "/" + f.Name,
                f.Size,
                sha256.GetValueOrDefault(f.Name, string.Empty),
                sha512.GetValueOrDefault(f.Name, string.Empty),
                SignatureOf(f.Name))
            {
                Import = imported.GetValueOrDefault(f.Name),
            })
            .ToList();
    }

    /// <summary>The entries of a sums file (<c>digest  name</c> per line); empty for null.</summary>
    private static Dictionary<string, string> ParseSums(string? text)
    {
        var sums = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in (text ?? string.Empty).Split('\n'))
        {
            var parts = line.Split("  ", 2);
            if (parts.Length == 2)
            {
                sums[parts[1].TrimEnd('\r')] = parts[0];
            }
        }

        return sums;
    }

    internal static (string Sha256, string Sha512) Digests(string file)
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

    internal static void Compress(string tar, string target, string format)
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
