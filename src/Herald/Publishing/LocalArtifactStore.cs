using System.Globalization;

namespace Herald.Publishing;

/// <summary>
/// Published files in a local folder (<c>DATA/artifacts</c> by default). A release is assembled in a
/// hidden staging folder beside its final place and appears in one rename.
/// </summary>
public sealed class LocalArtifactStore : IArtifactStore
{
    /// <summary>Creates a store rooted at <paramref name="root"/> (created on first publish).</summary>
    public LocalArtifactStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
    }

    /// <summary>The root folder.</summary>
    public string Root { get; }

    /// <inheritdoc />
    public string Location => Root;

    /// <inheritdoc />
    public Task<string?> ReadTextAsync(string path, CancellationToken cancellationToken = default)
    {
        var file = Full(path);
        return Task.FromResult(File.Exists(file) ? File.ReadAllText(file) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<StoredFile>> ListAsync(string folder, CancellationToken cancellationToken = default)
    {
        var full = Full(folder);
        IReadOnlyList<StoredFile> files = Directory.Exists(full)
            ? new DirectoryInfo(full).EnumerateFiles().Select(f => new StoredFile(f.Name, f.Length)).OrderBy(f => f.Name, StringComparer.Ordinal).ToList()
            : [];
        return Task.FromResult(files);
    }

    /// <inheritdoc />
    public string CreateStaging(string folder)
    {
        var final = Full(folder);
        var parent = Path.GetDirectoryName(final)!;
        var name = Path.GetFileName(final);
        Directory.CreateDirectory(parent);
        foreach (var stale in Directory.EnumerateDirectories(parent, ".staging-" + name + "-*").Concat(Directory.EnumerateDirectories(parent, ".old-" + name + "-*")))
        {
            Directory.Delete(stale, recursive: true);
        }

        var staging = Path.Combine(parent, ".staging-" + name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        return staging;
    }

    /// <inheritdoc />
    public Task CommitAsync(string staging, string folder, CancellationToken cancellationToken = default)
    {
        var final = Full(folder);
        var parent = Path.GetDirectoryName(final)!;
        // The release becomes visible in one rename; a replaced one leaves in one rename too.
        string? old = null;
        if (Directory.Exists(final))
        {
            old = Path.Combine(parent, ".old-" + Path.GetFileName(final) + "-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.Move(final, old);
        }

        Directory.Move(staging, final);
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string> StampAsync(CancellationToken cancellationToken = default)
    {
        // Every release folder with its time of change: a publish renames a folder into place.
        var releases = Path.Combine(Root, "release");
        if (!Directory.Exists(releases))
        {
            return Task.FromResult(string.Empty);
        }

        return Task.FromResult(string.Join('\n', Directory.EnumerateDirectories(releases)
            .SelectMany(Directory.EnumerateDirectories)
            .Order(StringComparer.Ordinal)
            .Select(d => d + " " + Directory.GetLastWriteTimeUtc(d).Ticks.ToString(CultureInfo.InvariantCulture))));
    }

    /// <inheritdoc />
    public Task<ArtifactSource?> LocateAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(ArtifactLayout.Resolve(Root, path) is { } file ? new ArtifactSource(file, null) : null);

    /// <summary>The local path of a layout path Herald made itself (not one from a URL: see <see cref="ArtifactLayout.Resolve"/>).</summary>
    private string Full(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
