using Herald.History;

namespace Herald.Backports;

/// <summary>
/// The one reading of the trailers that say a commit copies another: Xen's <c>master commit: SHA</c>,
/// and <c>(cherry picked from commit SHA)</c>; and of <c>Fixes: SHA ("subject")</c>, which names the
/// commit a fix repairs.
/// </summary>
public static class BackportTrailer
{
    /// <summary>
    /// The commit id (lower case, possibly abbreviated, at least 7 hex digits) the first such trailer names,
    /// and how: <c>trailer</c> or <c>cherry-pick</c>; null when none does.
    /// </summary>
    public static (string Sha, string Kind)? Find(IEnumerable<Trailer> trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        foreach (var trailer in trailers)
        {
            if (trailer.Key is TrailerKeys.MasterCommit or TrailerKeys.CherryPickedFrom && CommitId(trailer) is { } value)
            {
                return (value, trailer.Key == TrailerKeys.MasterCommit ? "trailer" : "cherry-pick");
            }
        }

        return null;
    }

    /// <summary>
    /// The commit ids the <c>Fixes:</c> trailers name (lower case, usually abbreviated, at least 7 hex
    /// digits), in message order without repeats; empty when there are none. Values that do not start
    /// with a commit id (<c>Fixes: XSA-123</c>) are skipped, and so are commits the same message names as
    /// copied: a backport that squashes a fix with its follow-up carries the follow-up's <c>Fixes:</c>
    /// naming the fix itself, which says nothing about the code the branch has.
    /// </summary>
    public static IReadOnlyList<string> Fixes(IReadOnlyList<Trailer> trailers)
    {
        ArgumentNullException.ThrowIfNull(trailers);
        List<string>? found = null;
        List<string>? copied = null;
        foreach (var trailer in trailers)
        {
            if (trailer.Key is TrailerKeys.MasterCommit or TrailerKeys.CherryPickedFrom && CommitId(trailer) is { } value)
            {
                (copied ??= []).Add(value);
            }
        }

        foreach (var trailer in trailers)
        {
            if (trailer.Key == TrailerKeys.Fixes
                && CommitId(trailer) is { } value
                && !(found ??= []).Contains(value)
                && copied?.Any(c => c.StartsWith(value, StringComparison.Ordinal) || value.StartsWith(c, StringComparison.Ordinal)) != true)
            {
                found.Add(value);
            }
        }

        return found is null ? [] : found;
    }

    /// <summary>The commit id a trailer's value starts with (lower case), or null.</summary>
    public static string? CommitId(Trailer trailer)
    {
        ArgumentNullException.ThrowIfNull(trailer);
        var value = trailer.Value.Split(' ', 2)[0].Trim().ToLowerInvariant();
        return value.Length >= 7 && value.All(char.IsAsciiHexDigit) ? value : null;
    }
}
