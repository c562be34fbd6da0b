using System.Text.RegularExpressions;

namespace Herald.Backports;

/// <summary>Finds the security advisories a commit message names: <c>XSA-123</c>, <c>CVE-2024-1234</c>.</summary>
public static partial class AdvisoryReferences
{
    /// <summary>The advisories named in <paramref name="message"/>, upper-cased, in order of first mention.</summary>
    public static IReadOnlyList<string> Find(string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        List<string>? found = null;
        foreach (Match match in Pattern().Matches(message))
        {
            var name = match.Value.ToUpperInvariant();
            found ??= [];
            if (!found.Contains(name))
            {
                found.Add(name);
            }
        }

        return found is null ? [] : found;
    }

    [GeneratedRegex(@"\b(?:XSA-\d{1,5}|CVE-\d{4}-\d{4,7})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
