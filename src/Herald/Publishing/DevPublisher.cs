using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Herald.Publishing;

/// <summary>
/// Publishes development builds: a source snapshot of a branch head (<c>git archive</c>) and any build
/// outputs, with checksums and (when a key is given) signatures, under
/// <c>dev/&lt;slug&gt;/&lt;branch&gt;/&lt;yyyymmdd&gt;-&lt;short sha&gt;/</c>, apart from releases (nothing that
/// lists releases reads <c>dev/</c>). An index of the builds (<c>dev/&lt;slug&gt;/.index/builds.json</c>)
/// is what the portal lists; the newest <c>dev_keep</c> builds per branch are kept, older ones removed.
/// Each build folder appears whole or not at all, like a release.
/// </summary>
public sealed class DevPublisher
{
    private const string IndexFolderName = ".index";
    private const string IndexName = "builds.json";
    private readonly HeraldProject _project;
    private readonly ReleaseKey? _key;
    private readonly TimeProvider _clock;

    /// <summary>Creates a publisher signing with <paramref name="key"/>, or not signing when it is null.</summary>
    public DevPublisher(HeraldProject project, ReleaseKey? key, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(clock);
        _project = project;
        _key = key;
        _clock = clock;
    }

    /// <summary>The folder of a build under the artifact root.</summary>
    public static string Folder(string slug, string branch, string name) => $"dev/{slug}/{branch}/{name}";

    /// <summary>The builds in <paramref name="store"/>, per branch newest first (branches in ordinal order).</summary>
    public static async Task<IReadOnlyList<DevBuild>> ReadAsync(IArtifactStore store, string slug, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var text = await store.ReadTextAsync($"dev/{slug}/{IndexFolderName}/{IndexName}", cancellationToken);
        return text is null ? [] : JsonSerializer.Deserialize<List<DevBuild>>(text, HeraldJson.Options) ?? [];
    }

    /// <summary>
    /// Publishes the head of branch <paramref name="branch"/> (and <paramref name="extraFiles"/>) into
    /// <paramref name="store"/>, then keeps the newest <paramref name="keep"/> builds of the branch.
    /// </summary>
    public async Task<DevPublishResult> PublishAsync(IArtifactStore store, string branch, IReadOnlyList<string> extraFiles, IReadOnlyList<string> formats, int keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(extraFiles);
        ArgumentNullException.ThrowIfNull(formats);
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        if (string.IsNullOrEmpty(branch) || branch.Length > 200 || !char.IsAsciiLetterOrDigit(branch[0])
            || !branch.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') || branch.EndsWith(".lock", StringComparison.Ordinal))
        {
            throw new HeraldException($"--dev '{branch}': give a branch name of letters, digits, '.', '-' and '_' (e.g. master or stable-4.19).");
        }

        if (!_project.Repository.TryRun(out var head, "rev-parse", "--verify", "--quiet", "refs/heads/" + branch + "^{commit}"))
        {
            throw new HeraldException($"--dev {branch}: no such branch in {_project.Repository.Path}; 'git branch' lists them.");
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

        var commit = head.Trim();
        var now = _clock.GetUtcNow();
        var slug = _project.Config.Slug;
        var name = now.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + "-" + commit[..12];
        var folder = Folder(slug, branch, name);
        var prefix = $"{slug}-{branch}-{name}";
        var builds = (await ReadAsync(store, slug, cancellationToken)).ToList();
        var staging = store.CreateStaging(folder);
        DevBuild build;
        bool changed;
        try
        {
            var tar = Path.Combine(staging, ".source.tar");
            _project.Repository.Stream(["archive", "--format=tar", $"--prefix={prefix}/", commit], stream =>
            {
                using var file = File.Create(tar);
                stream.CopyTo(file);
                return 0;
            });
            var manifest = new StringBuilder().Append("dev ").Append(commit).Append('\n');
            foreach (var format in formats.Distinct().Order(StringComparer.Ordinal))
            {
                manifest.Append("format ").Append(format).Append('\n');
            }

            foreach (var extra in extraFiles.OrderBy(Path.GetFileName, StringComparer.Ordinal))
            {
                manifest.Append("file ").Append(Path.GetFileName(extra)).Append(' ').Append(Publisher.Digests(extra).Sha256).Append('\n');
            }

            var existing = builds.FirstOrDefault(b => b.Branch == branch && b.Name == name);
            if (existing is not null && await store.ReadTextAsync(folder + "/.manifest", cancellationToken) == manifest.ToString())
            {
                build = existing;
                changed = false;
            }
            else
            {
                var contents = new List<string>();
                foreach (var format in formats.Distinct())
                {
                    var archive = Path.Combine(staging, $"{prefix}.{format}");
                    Publisher.Compress(tar, archive, format);
                    contents.Add(archive);
                }

                File.Delete(tar);
                foreach (var extra in extraFiles)
                {
                    var target = Path.Combine(staging, Path.GetFileName(extra));
                    File.Copy(extra, target, overwrite: true);
                    contents.Add(target);
                }

                var files = new List<PublishedArtifact>();
                var sums256 = new StringBuilder();
                var sums512 = new StringBuilder();
                foreach (var file in contents.OrderBy(Path.GetFileName, StringComparer.Ordinal))
                {
                    var (sha256, sha512) = Publisher.Digests(file);
                    var fileName = Path.GetFileName(file);
                    sums256.Append(sha256).Append("  ").Append(fileName).Append('\n');
                    sums512.Append(sha512).Append("  ").Append(fileName).Append('\n');
                    files.Add(new PublishedArtifact(fileName, folder + "/" + fileName, new FileInfo(file).Length, sha256, sha512, _key is null ? null : folder + "/" + fileName + ".sig"));
                }

                foreach (var (sumsName, text) in new[] { ("SHA256SUMS", sums256.ToString()), ("SHA512SUMS", sums512.ToString()) })
                {
                    var file = Path.Combine(staging, sumsName);
                    File.WriteAllText(file, text);
                    contents.Add(file);
                    var (sha256, sha512) = Publisher.Digests(file);
                    files.Add(new PublishedArtifact(sumsName, folder + "/" + sumsName, new FileInfo(file).Length, sha256, sha512, _key is null ? null : folder + "/" + sumsName + ".sig"));
                }

                if (_key is not null)
                {
                    foreach (var file in contents)
                    {
                        using var input = File.OpenRead(file);
                        File.WriteAllText(file + ".sig", _key.Sign(input, now));
                    }
                }

                File.WriteAllText(Path.Combine(staging, ".manifest"), manifest.ToString());
                await store.CommitAsync(staging, folder, cancellationToken);
                build = new DevBuild(branch, name, commit, now, files.OrderBy(f => f.Name, StringComparer.Ordinal).ToList());
                changed = true;
            }
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }

        // The index, then the removals: a build is never listed after its files are gone.
        builds.RemoveAll(b => b.Branch == branch && b.Name == name);
        builds.Add(build);
        var ordered = builds
            .OrderBy(b => b.Branch, StringComparer.Ordinal)
            .ThenByDescending(b => b.PublishedAt)
            .ThenByDescending(b => b.Name, StringComparer.Ordinal)
            .ToList();
        var removed = ordered.Where(b => b.Branch == branch).Skip(keep).ToList();
        await WriteIndexAsync(store, slug, ordered.Except(removed).ToList(), cancellationToken);
        foreach (var old in removed)
        {
            await store.DeleteAsync(old.Folder(slug), cancellationToken);
        }

        return new DevPublishResult(build, changed, removed.Select(b => b.Name).ToList());
    }

    private static async Task WriteIndexAsync(IArtifactStore store, string slug, IReadOnlyList<DevBuild> builds, CancellationToken cancellationToken)
    {
        var folder = $"dev/{slug}/{IndexFolderName}";
        var staging = store.CreateStaging(folder);
        try
        {
            File.WriteAllText(Path.Combine(staging, IndexName), JsonSerializer.Serialize(builds, HeraldJson.Options));
            await store.CommitAsync(staging, folder, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }
}
