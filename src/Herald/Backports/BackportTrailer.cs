using Herald.History;

namespace Herald.Backports;

/// <summary>
/// The one reading of the trailers that say a commit copies another: Xen's <c>master commit: SHA</c>,
/// and <c>(cherry picked from commit SHA)</c>.
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
            if (trailer.Key is TrailerKeys.MasterCommit or TrailerKeys.CherryPickedFrom)
            {
                var value = trailer.Value.Split(' ', 2)[0].Trim().ToLowerInvariant();
                if (value.Length >= 7 && value.All(char.IsAsciiHexDigit))
                {
                    return (value, trailer.Key == TrailerKeys.MasterCommit ? "trailer" : "cherry-pick");
                }
            }
        }

        return null;
    }
}
