using System.Formats.Tar;
using System.Security.Cryptography;

namespace Herald.Publishing;

/// <summary>
/// What a tar stream holds, for comparing two archives made by different tools: each regular file with
/// its executable bit and the SHA-256 of its bytes, each symbolic or hard link with its target, by path.
/// Folders, owners, times and pax headers (git's commit id comment) are left out: they differ between
/// tools without the source differing. The stream is read once, file data streamed, never held whole.
/// </summary>
public sealed class TarDigest
{
    private TarDigest(SortedDictionary<string, string> entries) => Entries = entries;

    /// <summary>The entries by path (without a trailing '/'), ordinal order: <c>file [x-] sha256</c> or <c>link target</c>.</summary>
    public IReadOnlyDictionary<string, string> Entries { get; }

    /// <summary>Reads a (decompressed) tar stream; throws <see cref="InvalidDataException"/> when it is not one.</summary>
    public static TarDigest Read(Stream tar)
    {
        ArgumentNullException.ThrowIfNull(tar);
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = new TarReader(tar, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                var path = entry.Name.TrimEnd('/');
                switch (entry.EntryType)
                {
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        var executable = (entry.Mode & UnixFileMode.UserExecute) != 0 ? "x" : "-";
                        entries[path] = $"file {executable} {Hash(entry.DataStream)}";
                        break;
                    case TarEntryType.SymbolicLink:
                        entries[path] = "symlink " + entry.LinkName;
                        break;
                    case TarEntryType.HardLink:
                        entries[path] = "hardlink " + entry.LinkName;
                        break;
                    default:
                        // Folders and pax global headers: not the source.
                        break;
                }
            }
        }
        catch (FormatException e)
        {
            throw new InvalidDataException("not a tar archive: " + e.Message, e);
        }

        return new TarDigest(entries);
    }

    /// <summary>
    /// The paths at which this tarball differs from <paramref name="expected"/> (what the tag gives), ordinal order, each with how:
    /// <c>only in the tarball</c>, <c>missing from the tarball</c>, <c>content differs</c>.
    /// </summary>
    public IReadOnlyList<string> Differences(TarDigest expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var differences = new List<string>();
        foreach (var path in Entries.Keys.Union(expected.Entries.Keys).Order(StringComparer.Ordinal))
        {
            var mine = Entries.GetValueOrDefault(path);
            var theirs = expected.Entries.GetValueOrDefault(path);
            if (mine == theirs)
            {
                continue;
            }

            differences.Add(mine is null ? path + " (missing from the tarball)"
                : theirs is null ? path + " (only in the tarball)"
                : path + " (content differs)");
        }

        return differences;
    }

    private static string Hash(Stream? data)
    {
        if (data is null)
        {
            return Convert.ToHexStringLower(SHA256.HashData([]));
        }

        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        int read;
        while ((read = data.Read(buffer, 0, buffer.Length)) > 0)
        {
            sha.AppendData(buffer, 0, read);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
