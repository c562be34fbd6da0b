using System.Globalization;
using System.Runtime.InteropServices;

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
        var staging = StagingFolder.Create(parent, name);

        // A replaced release moved aside by a publish that died before the new one took its place (only
        // where folders cannot be exchanged in one step): it is the release, so it goes back first.
        var old = Directory.EnumerateDirectories(parent, ".old-" + name + "-*").OrderByDescending(Directory.GetLastWriteTimeUtc).ToList();
        if (!Directory.Exists(final) && old.Count > 0)
        {
            Directory.Move(old[0], final);
            old.RemoveAt(0);
        }

        foreach (var stale in old)
        {
            Directory.Delete(stale, recursive: true);
        }

        return staging;
    }

    /// <inheritdoc />
    public Task CommitAsync(string staging, string folder, CancellationToken cancellationToken = default)
    {
        var final = Full(folder);
        var parent = Path.GetDirectoryName(final)!;
        if (!Directory.Exists(final))
        {
            // A new release becomes visible in one rename.
            Directory.Move(staging, final);
            return Task.CompletedTask;
        }

        // A replaced release: swapped with the new one in one step where the system can (Linux), so
        // that a crash leaves the old release or the new one, never neither; the old one then goes.
        if (TryExchange(staging, final))
        {
            Directory.Delete(staging, recursive: true);
            return Task.CompletedTask;
        }

        // Elsewhere two renames; a crash between them leaves the old release aside, and the next
        // publish puts it back (CreateStaging).
        var old = Path.Combine(parent, ".old-" + Path.GetFileName(final) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.Move(final, old);
        Directory.Move(staging, final);
        Directory.Delete(old, recursive: true);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task DeleteAsync(string folder, CancellationToken cancellationToken = default)
    {
        var full = Full(folder);
        if (Directory.Exists(full))
        {
            // Out of sight in one rename, then removed: a reader never sees half of it.
            var aside = Path.Combine(Path.GetDirectoryName(full)!, ".gone-" + Path.GetFileName(full) + "-" + Guid.NewGuid().ToString("N")[..8]);
            Directory.Move(full, aside);
            Directory.Delete(aside, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<string> StampAsync(CancellationToken cancellationToken = default)
    {
        // Every release folder and every index of development builds with its time of change: a publish
        // renames a folder into place.
        var releases = Path.Combine(Root, "release");
        var dev = Path.Combine(Root, "dev");
        var folders = (Directory.Exists(releases) ? Directory.EnumerateDirectories(releases).SelectMany(Directory.EnumerateDirectories) : [])
            .Concat(Directory.Exists(dev) ? Directory.EnumerateDirectories(dev).Select(d => Path.Combine(d, ".index")).Where(Directory.Exists) : []);
        return Task.FromResult(string.Join('\n', folders
            .Order(StringComparer.Ordinal)
            .Select(d => d + " " + Directory.GetLastWriteTimeUtc(d).Ticks.ToString(CultureInfo.InvariantCulture))));
    }

    /// <inheritdoc />
    public Task<ArtifactSource?> LocateAsync(string path, CancellationToken cancellationToken = default) =>
        Task.FromResult(ArtifactLayout.Resolve(Root, path) is { } file ? new ArtifactSource(file, null) : null);

    /// <summary>Exchanges two folders atomically (Linux renameat2 with RENAME_EXCHANGE); false where that is not available.</summary>
    private static bool TryExchange(string first, string second)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return NativeMethods.renameat2(NativeMethods.AtCurrentDirectory, first, NativeMethods.AtCurrentDirectory, second, NativeMethods.RenameExchange) == 0;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    private static class NativeMethods
    {
        public const int AtCurrentDirectory = -100;
        public const uint RenameExchange = 2;

        [DllImport("libc", SetLastError = true)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern int renameat2(int oldDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string oldPath, int newDirectory, [MarshalAs(UnmanagedType.LPUTF8Str)] string newPath, uint flags);
    }

    /// <summary>The local path of a layout path Herald made itself (not one from a URL: see <see cref="ArtifactLayout.Resolve"/>).</summary>
    private string Full(string path) => Path.Combine(Root, path.Replace('/', Path.DirectorySeparatorChar));
}
