using System.Buffers.Text;
using System.Globalization;

namespace Herald.History;

/// <summary>
/// Parses the output of <c>git log -z --format=<see cref="Format"/> [--numstat]</c> into commits, one
/// at a time, as git writes them: memory stays flat however long the history is.
/// </summary>
public static class CommitReader
{
    private const byte RecordMark = 0x1e;
    private const byte FieldMark = 0x1f;

    /// <summary>The <c>--format</c> this reader parses; every field is mailmap-aware.</summary>
    public const string Format = "%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%aI%x1f%cN%x1f%cE%x1f%cI%x1f%B";

    /// <summary>Reads every commit of <paramref name="stream"/> in the order git printed them.</summary>
    public static IEnumerable<Commit> Read(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var parser = new Parser(new NulTokenReader(stream));
        while (parser.Next() is { } commit)
        {
            yield return commit;
        }
    }

    private sealed class Parser(NulTokenReader reader)
    {
        private Header? _header;
        private bool _done;

        public Commit? Next()
        {
            if (_done)
            {
                return null;
            }

            List<FileChange>? files = null;
            while (reader.TryRead(out var token))
            {
                if (token.Length > 0 && token[0] == RecordMark)
                {
                    var previous = _header;
                    var previousFiles = files;
                    _header = ParseHeader(token[1..]);
                    if (previous is not null)
                    {
                        // The files read so far belong to the previous commit; the new one starts empty.
                        return previous.ToCommit(previousFiles);
                    }

                    continue;
                }

                if (token.Length > 0 && token[0] == (byte)'\n')
                {
                    token = token[1..];
                }

                if (token.IsEmpty || _header is null)
                {
                    continue;
                }

                var (added, removed, path) = ParseNumstat(token);
                if (path is null)
                {
                    // A rename or copy: "added\tremoved\t" then the old and the new path as tokens.
                    var oldPath = reader.TryRead(out var oldToken) ? GitText.Decode(oldToken) : string.Empty;
                    var newPath = reader.TryRead(out var newToken) ? GitText.Decode(newToken) : string.Empty;
                    (files ??= []).Add(new FileChange(newPath, oldPath, added, removed));
                }
                else
                {
                    (files ??= []).Add(new FileChange(path, null, added, removed));
                }
            }

            _done = true;
            var last = _header;
            _header = null;
            return last?.ToCommit(files);
        }
    }

    /// <summary>Reads the counts of one numstat entry; <c>IsRename</c> when the two paths follow as tokens.</summary>
    internal static (int? Added, int? Removed, bool IsRename) ParseNumstatCounts(ReadOnlySpan<byte> token)
    {
        var (added, removed, path) = ParseNumstat(token, decodePath: false);
        return (added, removed, path is null);
    }

    private static (int? Added, int? Removed, string? Path) ParseNumstat(ReadOnlySpan<byte> token, bool decodePath = true)
    {
        var firstTab = token.IndexOf((byte)'\t');
        if (firstTab < 0)
        {
            throw new HeraldException($"unexpected line in git log output: '{GitText.Decode(token)}'");
        }

        var rest = token[(firstTab + 1)..];
        var secondTab = rest.IndexOf((byte)'\t');
        if (secondTab < 0)
        {
            throw new HeraldException($"unexpected line in git log output: '{GitText.Decode(token)}'");
        }

        var added = ParseCount(token[..firstTab]);
        var removed = ParseCount(rest[..secondTab]);
        var path = rest[(secondTab + 1)..];
        return (added, removed, path.IsEmpty ? null : decodePath ? GitText.Decode(path) : string.Empty);
    }

    private static int? ParseCount(ReadOnlySpan<byte> text) =>
        Utf8Parser.TryParse(text, out int value, out var consumed) && consumed == text.Length ? value : null;

    private static Header ParseHeader(ReadOnlySpan<byte> record)
    {
        Span<Range> fields = stackalloc Range[9];
        var count = 0;
        var position = 0;
        while (count < 8)
        {
            var next = record[position..].IndexOf(FieldMark);
            if (next < 0)
            {
                break;
            }

            fields[count++] = new Range(position, position + next);
            position += next + 1;
        }

        fields[count++] = new Range(position, record.Length);
        if (count < 9)
        {
            throw new HeraldException("unexpected commit record in git log output; is git older than 2.20?");
        }

        // The message is the last field and may itself hold the separator: take all that follows.
        var message = record[fields[8].Start..];
        var parents = record[fields[1]];
        return new Header(
            GitText.Decode(record[fields[0]]),
            parents.IsEmpty ? [] : GitText.Decode(parents).Split(' '),
            new Signature(GitText.Decode(record[fields[2]]), GitText.Decode(record[fields[3]]), ParseDate(record[fields[4]])),
            new Signature(GitText.Decode(record[fields[5]]), GitText.Decode(record[fields[6]]), ParseDate(record[fields[7]])),
            GitText.Decode(message));
    }

    private static DateTimeOffset ParseDate(ReadOnlySpan<byte> text)
    {
        Span<char> chars = stackalloc char[text.Length];
        for (var i = 0; i < text.Length; i++)
        {
            chars[i] = (char)text[i];
        }

        return DateTimeOffset.ParseExact(chars, "yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
    }

    /// <summary>Returns git's subject: the first paragraph of the message on one line.</summary>
    public static string SubjectOf(string message)
    {
        var trimmed = message.AsSpan().TrimStart('\n');
        var end = trimmed.IndexOf("\n\n", StringComparison.Ordinal);
        var paragraph = (end < 0 ? trimmed : trimmed[..end]).TrimEnd();
        return paragraph.Contains('\n') ? string.Join(' ', paragraph.ToString().Split('\n', StringSplitOptions.TrimEntries)) : paragraph.ToString();
    }

    private sealed record Header(string Sha, string[] Parents, Signature Author, Signature Committer, string Message)
    {
        public Commit ToCommit(List<FileChange>? files) =>
            new(Sha, Parents, Author, Committer, SubjectOf(Message), Message, TrailerParser.Parse(Message), files is null ? [] : files);
    }
}
