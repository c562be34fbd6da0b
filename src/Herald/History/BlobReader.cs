using System.Text;

namespace Herald.History;

/// <summary>Reads files from commits without a checkout, many in one <c>git cat-file --batch</c> process.</summary>
public static class BlobReader
{
    /// <summary>
    /// Reads each <c>rev:path</c> in <paramref name="specs"/>; the result maps each spec to the file's text,
    /// or to null when the revision has no such file.
    /// </summary>
    public static IReadOnlyDictionary<string, string?> Read(GitRepository repository, IReadOnlyList<string> specs)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(specs);
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (specs.Count == 0)
        {
            return result;
        }

        if (specs.Any(s => s.Contains('\n')))
        {
            throw new HeraldException("a file name with a line break cannot be read.");
        }

        repository.Stream(["cat-file", "--batch"], stream =>
        {
            foreach (var spec in specs)
            {
                var header = ReadLine(stream);
                var parts = header.Split(' ');
                if (parts.Length == 3 && parts[1] == "blob" && int.TryParse(parts[2], out var size))
                {
                    var buffer = new byte[size];
                    stream.ReadExactly(buffer);
                    stream.ReadByte();
                    result[spec] = GitText.Decode(buffer);
                }
                else if (parts.Length == 3 && int.TryParse(parts[2], out var otherSize))
                {
                    // Not a file (a tree, say): skip its content.
                    var skip = new byte[otherSize + 1];
                    stream.ReadExactly(skip);
                    result[spec] = null;
                }
                else
                {
                    result[spec] = null;
                }
            }

            return 0;
        }, string.Join('\n', specs) + "\n");
        return result;
    }

    private static string ReadLine(Stream stream)
    {
        var bytes = new List<byte>();
        int b;
        while ((b = stream.ReadByte()) >= 0 && b != '\n')
        {
            bytes.Add((byte)b);
        }

        return Encoding.UTF8.GetString([.. bytes]);
    }
}
