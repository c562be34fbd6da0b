namespace Herald.History;

/// <summary>
/// Reads <c>git … -z --format=%x1eA%x1fB%x1f…</c> output: records of a fixed number of fields, the
/// last of which (a message) may hold anything. Streams; one record in memory at a time.
/// </summary>
public static class RecordReader
{
    /// <summary>Reads records of <paramref name="fieldCount"/> fields as decoded strings.</summary>
    public static IEnumerable<string[]> Read(Stream stream, int fieldCount)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var reader = new NulTokenReader(stream);
        while (Next(reader, fieldCount) is { } record)
        {
            yield return record;
        }
    }

    private static string[]? Next(NulTokenReader reader, int fieldCount)
    {
        while (reader.TryRead(out var token))
        {
            if (token.IsEmpty || token[0] != 0x1e)
            {
                continue;
            }

            var fields = new string[fieldCount];
            var rest = token[1..];
            for (var i = 0; i < fieldCount - 1; i++)
            {
                var end = rest.IndexOf((byte)0x1f);
                if (end < 0)
                {
                    throw new HeraldException("unexpected record in git output; is git older than 2.20?");
                }

                fields[i] = GitText.Decode(rest[..end]);
                rest = rest[(end + 1)..];
            }

            fields[fieldCount - 1] = GitText.Decode(rest);
            return fields;
        }

        return null;
    }
}
