namespace Herald.Publishing;

/// <summary>
/// The download layout, a contract: <c>release/&lt;slug&gt;/&lt;version&gt;/&lt;slug&gt;-&lt;version&gt;.tar.gz</c>
/// (and <c>.sig</c>) under the artifact root (<c>DATA/artifacts</c> by default).
/// </summary>
public static class ArtifactLayout
{
    /// <summary>
    /// The marker a store that cannot rename folders puts in a release folder while a publish writes it:
    /// a folder holding it is not shown (what is there may be half old, half new).
    /// </summary>
    public const string PublishingMarker = ".publishing";

    /// <summary>The folder of <see cref="KeysFile"/>.</summary>
    public const string KeysFolder = "keys";

    /// <summary>
    /// The public keys that signed the published releases, armoured, one block each (what
    /// <c>gpg --import KEYS</c> reads); <c>herald publish</c> adds its key, the portal serves it at
    /// <c>/downloads/KEYS</c>.
    /// </summary>
    public const string KeysFile = KeysFolder + "/KEYS";

    /// <summary>The folder of a release under the root, with '/' separators.</summary>
    public static string ReleaseFolder(string slug, string version) => $"release/{slug}/{version}";

    /// <summary>The archive name of a release in a format (<c>tar.gz</c>, <c>tar.xz</c>).</summary>
    public static string ArchiveName(string slug, string version, string format) => $"{slug}-{version}.{format}";

    /// <summary>
    /// Whether <paramref name="relative"/> is a plain relative path: not empty or absolute, no '..',
    /// '.'-segments or hidden names, no backslashes or control characters.
    /// </summary>
    public static bool IsPlainPath(string? relative) =>
        !string.IsNullOrEmpty(relative) && relative.Length <= 1024 && !relative.Contains('\\') && !relative.Any(char.IsControl)
        && relative.Split('/').All(s => s.Length > 0 && !s.StartsWith('.'));

    /// <summary>
    /// Maps a path from a URL to a file under <paramref name="root"/>, or null when it is not a plain
    /// path inside the root: empty, absolute, with '..', '.'-segments or hidden names, backslashes,
    /// control characters, or any symbolic link on the way.
    /// </summary>
    public static string? Resolve(string root, string relative)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!IsPlainPath(relative))
        {
            return null;
        }

        var segments = relative.Split('/');
        var fullRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        var current = fullRoot;
        foreach (var segment in segments)
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                return null;
            }
        }

        var full = Path.GetFullPath(current);
        return full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(full) ? full : null;
    }
}
