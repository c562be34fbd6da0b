namespace Herald.History;

/// <summary>
/// Finds the trailers Herald understands in a commit message: lines that start with a known key
/// followed by a colon (any case), and the <c>(cherry picked from commit …)</c> line.
/// </summary>
public static class TrailerParser
{
    private const string CherryPickPrefix = "(cherry picked from commit ";

    /// <summary>Returns the trailers of <paramref name="message"/> in order; empty when there are none.</summary>
    public static IReadOnlyList<Trailer> Parse(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<Trailer>? trailers = null;
        var span = message.AsSpan();
        while (span.Length > 0)
        {
            var newline = span.IndexOf('\n');
            var line = (newline < 0 ? span : span[..newline]).Trim();
            span = newline < 0 ? [] : span[(newline + 1)..];
            if (line.Length < 8)
            {
                continue;
            }

            var trailer = ParseLine(line);
            if (trailer is not null)
            {
                (trailers ??= []).Add(trailer);
            }
        }

        return trailers is null ? [] : trailers;
    }

    private static Trailer? ParseLine(ReadOnlySpan<char> line)
    {
        if (line.StartsWith(CherryPickPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var value = line[CherryPickPrefix.Length..].TrimEnd(')').Trim();
            return value.Length == 0 ? null : new Trailer(TrailerKeys.CherryPickedFrom, value.ToString());
        }

        var colon = line.IndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var key = line[..colon].Trim();
        foreach (var known in TrailerKeys.All)
        {
            if (key.Equals(known, StringComparison.OrdinalIgnoreCase))
            {
                var value = line[(colon + 1)..].Trim();
                return value.Length == 0 ? null : new Trailer(known, value.ToString());
            }
        }

        return null;
    }
}
