using System.Text.Json;

namespace Herald.Publishing;

/// <summary>
/// Releases staged for an embargo's end (<c>herald publish VERSION --after-embargo</c>): each one built and signed
/// as usual into <c>DATA/held/VERSION/</c>, a folder of the data folder the portal never serves, with
/// <c>held.json</c> naming the advisories that hold it. When they are public, the embargo publisher moves it into
/// the artifact store (<see cref="ReleaseAsync"/>): a rename into the store's staging folder, then the store's
/// own atomic commit (a rename for a folder, an upload for S3).
/// </summary>
public sealed class HeldReleaseStore
{
    private const string RecordName = "held.json";

    /// <summary>The store of the data folder <paramref name="dataDirectory"/>.</summary>
    public HeldReleaseStore(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        Root = Path.Combine(dataDirectory, "held");
    }

    /// <summary>The folder staged releases live in (<c>DATA/held</c>).</summary>
    public string Root { get; }

    /// <summary>Every staged release, by version; a folder without its record (a staging that died) is not one.</summary>
    public IReadOnlyList<StagedRelease> List()
    {
        if (!Directory.Exists(Root))
        {
            return [];
        }

        var staged = new List<StagedRelease>();
        foreach (var folder in Directory.EnumerateDirectories(Root).Order(StringComparer.Ordinal))
        {
            var record = Path.Combine(folder, RecordName);
            if (File.Exists(record) && JsonSerializer.Deserialize<StagedRelease>(File.ReadAllText(record), HeraldJson.Options) is { } release)
            {
                staged.Add(release);
            }
        }

        return staged;
    }

    /// <summary>
    /// Builds and signs <paramref name="version"/> with <paramref name="publisher"/> into its staging folder and records it
    /// as held by <paramref name="advisories"/>; staging it again replaces what was staged.
    /// </summary>
    public async Task<PublishResult> StageAsync(Publisher publisher, string slug, string version, IReadOnlyList<string> advisories, IReadOnlyList<string> extraFiles, IReadOnlyList<string> formats, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(publisher);
        ArgumentNullException.ThrowIfNull(advisories);
        var folder = Folder(version);
        var record = Path.Combine(folder, RecordName);
        if (File.Exists(record))
        {
            File.Delete(record);
        }

        var result = await publisher.PublishAsync(new LocalArtifactStore(folder), version, extraFiles, formats, force: true, cancellationToken);
        // The record last: a staging that dies before it leaves a folder no publisher takes for a release.
        AtomicFile.Write(record, JsonSerializer.Serialize(new StagedRelease(result.Version, slug, advisories, now), HeraldJson.Options));
        return result;
    }

    /// <summary>
    /// Publishes <paramref name="staged"/> into <paramref name="store"/> and removes it from the staging folder. Idempotent:
    /// a release the store already has with the same files (a run that died after the move) is only removed here.
    /// </summary>
    /// <exception cref="HeraldException">The store has the release with other files, or the staged files are missing.</exception>
    public async Task ReleaseAsync(StagedRelease staged, IArtifactStore store, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(store);
        var folder = Folder(staged.Version);
        var relative = ArtifactLayout.ReleaseFolder(staged.Slug, staged.Version);
        var source = Path.Combine(folder, relative.Replace('/', Path.DirectorySeparatorChar));
        var published = await store.ListAsync(relative, cancellationToken);
        if (published.Count > 0 && published.All(f => f.Name != ArtifactLayout.PublishingMarker))
        {
            var manifest = await store.ReadTextAsync(relative + "/.manifest", cancellationToken);
            var stagedManifest = Path.Combine(source, ".manifest");
            if (!File.Exists(stagedManifest) || manifest != await File.ReadAllTextAsync(stagedManifest, cancellationToken))
            {
                throw new HeraldException($"{staged.Version} is staged in {folder} and already published with other files in {store.Location}/{relative}; publish it with 'herald publish {staged.Version} --force' and remove {folder}.");
            }
        }
        else
        {
            if (!Directory.Exists(source))
            {
                throw new HeraldException($"the staged files of {staged.Version} are missing from {source}; stage it again with 'herald publish {staged.Version} --after-embargo', or publish it.");
            }

            var staging = store.CreateStaging(relative);
            Directory.Delete(staging);
            try
            {
                // A rename where the staging folder is on the same file system (DATA/artifacts, DATA/staging for S3).
                Directory.Move(source, staging);
            }
            catch (IOException)
            {
                CopyFolder(source, staging);
            }

            await store.CommitAsync(staging, relative, cancellationToken);
        }

        await PublishKeysAsync(folder, store, cancellationToken);
        var aside = Path.Combine(Root, ".gone-" + Path.GetFileName(folder) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.Move(folder, aside);
        Directory.Delete(aside, recursive: true);
    }

    /// <summary>Adds the keys that signed the staged release to the store's KEYS, keeping those there.</summary>
    private static async Task PublishKeysAsync(string folder, IArtifactStore store, CancellationToken cancellationToken)
    {
        var keysFile = Path.Combine(folder, ArtifactLayout.KeysFile.Replace('/', Path.DirectorySeparatorChar));
        if (!File.Exists(keysFile))
        {
            return;
        }

        var key = (await File.ReadAllTextAsync(keysFile, cancellationToken)).TrimEnd('\n') + "\n";
        var existing = await store.ReadTextAsync(ArtifactLayout.KeysFile, cancellationToken);
        if (existing is not null && existing.Contains(key.TrimEnd('\n'), StringComparison.Ordinal))
        {
            return;
        }

        var staging = store.CreateStaging(ArtifactLayout.KeysFolder);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(staging, "KEYS"), existing is null ? key : existing.TrimEnd('\n') + "\n" + key, cancellationToken);
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

    private string Folder(string version)
    {
        if (!Releases.ReleaseVersion.TryParse(version, out _) || version.Contains("..", StringComparison.Ordinal) || version.IndexOfAny(['/', '\\']) >= 0)
        {
            throw new HeraldException($"'{version}' is not a release version; give one such as 4.19.1.");
        }

        return Path.Combine(Root, version);
    }

    private static void CopyFolder(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(source))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
    }
}
