namespace Herald.Publishing;

/// <summary>
/// The files of a download tree given to <c>herald import</c>, found without trusting it: only regular,
/// non-empty files under plain names are taken; symbolic links are followed only to regular files inside
/// the tree; anything else (links out of the tree or to folders, hidden or odd names, empty files, which
/// is what fifos and devices look like) is rejected with the reason.
/// </summary>
internal sealed class ImportTree
{
    private ImportTree(IReadOnlyList<TreeFile> files, IReadOnlyList<ImportRejection> rejected)
    {
        Files = files;
        Rejected = rejected;
    }

    /// <summary>The files taken, ordinal order of their paths in the tree.</summary>
    public IReadOnlyList<TreeFile> Files { get; }

    /// <summary>What was left out, and why.</summary>
    public IReadOnlyList<ImportRejection> Rejected { get; }

    /// <summary>Walks <paramref name="directory"/>.</summary>
    public static ImportTree Scan(string directory)
    {
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        if (!Directory.Exists(root))
        {
            throw new HeraldException($"{directory}: no such folder to import.");
        }

        var files = new List<TreeFile>();
        var rejected = new List<ImportRejection>();
        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((root, string.Empty));
        while (pending.Count > 0)
        {
            var (folder, relativeFolder) = pending.Pop();
            foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos())
            {
                var relative = relativeFolder.Length == 0 ? entry.Name : relativeFolder + "/" + entry.Name;
                if (!ArtifactLayout.IsPlainPath(entry.Name))
                {
                    rejected.Add(new ImportRejection(Printable(relative), "a hidden or unusual name"));
                    continue;
                }

                if (entry.LinkTarget is not null)
                {
                    var target = entry.ResolveLinkTarget(returnFinalTarget: true);
                    if (target is null || !target.Exists || !Path.GetFullPath(target.FullName).StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    {
                        rejected.Add(new ImportRejection(relative, "a symbolic link out of the tree (or to nothing)"));
                    }
                    else if (target is not FileInfo file || file.Length == 0)
                    {
                        rejected.Add(new ImportRejection(relative, "a symbolic link to a folder or to something that is not a regular file"));
                    }
                    else
                    {
                        files.Add(new TreeFile(relative, entry.Name, relativeFolder, file.FullName, file.Length));
                    }

                    continue;
                }

                switch (entry)
                {
                    case DirectoryInfo:
                        pending.Push((entry.FullName, relative));
                        break;
                    case FileInfo { Length: > 0 } file:
                        files.Add(new TreeFile(relative, entry.Name, relativeFolder, file.FullName, file.Length));
                        break;
                    default:
                        rejected.Add(new ImportRejection(relative, "empty or not a regular file"));
                        break;
                }
            }
        }

        return new ImportTree(
            files.OrderBy(f => f.Relative, StringComparer.Ordinal).ToList(),
            rejected.OrderBy(r => r.Path, StringComparer.Ordinal).ToList());
    }

    private static string Printable(string text) => new(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
}

/// <summary>A file taken from the tree.</summary>
/// <param name="Relative">Its path in the tree, '/' separators.</param>
/// <param name="Name">Its file name.</param>
/// <param name="Folder">The path of its folder in the tree ('' at the top).</param>
/// <param name="Full">The full local path its bytes are read from (a link's target inside the tree).</param>
/// <param name="Size">Its size in bytes.</param>
internal sealed record TreeFile(string Relative, string Name, string Folder, string Full, long Size);
