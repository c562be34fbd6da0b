using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Herald.Web;

/// <summary>
/// Which compression a read is answered with: Brotli or gzip when the client accepts it, else none. The
/// choice is made once per request and written back as the request's only <c>Accept-Encoding</c>, so the
/// output cache (which varies by that header) and the compression middleware see the same single value:
/// at most three cached copies of a page, whatever clients send, and each compressed only when rendered.
/// </summary>
internal static class ContentCoding
{
    private static readonly string[] Supported = ["br", "gzip"];

    /// <summary>The coding to answer with for <paramref name="acceptEncoding"/>, or null for none.</summary>
    public static string? Choose(StringValues acceptEncoding)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding) || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var accepted))
        {
            return null;
        }

        string? best = null;
        var bestQuality = 0.0;
        foreach (var coding in Supported)
        {
            var quality = QualityOf(accepted, coding);
            if (quality > bestQuality)
            {
                (best, bestQuality) = (coding, quality);
            }
        }

        // "identity" (or '*') given a higher quality than every compression means none.
        return best is not null && QualityOf(accepted, "identity") > bestQuality ? null : best;
    }

    // The quality the client gives a coding: its own entry, else the '*' entry, else 0.
    private static double QualityOf(IList<StringWithQualityHeaderValue> accepted, string coding)
    {
        double? wildcard = null;
        foreach (var entry in accepted)
        {
            if (StringSegment.Equals(entry.Value, coding, StringComparison.OrdinalIgnoreCase))
            {
                return entry.Quality ?? 1.0;
            }

            if (entry.Value == "*")
            {
                wildcard = entry.Quality ?? 1.0;
            }
        }

        return wildcard ?? 0.0;
    }
}
