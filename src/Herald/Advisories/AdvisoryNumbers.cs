using System.Globalization;
using System.Text.RegularExpressions;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Advisories;

/// <summary>The advisory numbers the repository's commits name already (<c>XSA-496</c>): a new advisory takes none of them.</summary>
public static class AdvisoryNumbers
{
    /// <summary>
    /// The numbers <c>PREFIX-n</c> the indexed commit messages of <paramref name="database"/> name, for
    /// <paramref name="prefix"/> (any case in the messages). For <c>XSA</c> the ids the index already extracted are
    /// read; for another prefix the messages that contain it.
    /// </summary>
    public static async Task<IReadOnlySet<int>> UsedInCommitsAsync(IndexDatabase database, string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        var pattern = new Regex(@"\b" + Regex.Escape(prefix) + @"-(\d{1,5})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(5));
        await using var context = database.CreateContext();
        var needle = prefix.ToUpperInvariant() + "-";
        var texts = string.Equals(prefix, "XSA", StringComparison.OrdinalIgnoreCase)
            ? await context.Commits.AsNoTracking().Where(c => c.Advisories != null).Select(c => c.Advisories!).ToListAsync(cancellationToken)
#pragma warning disable CA1862 // Translated to SQL: upper() on the server, where no StringComparison overload exists.
            : await context.Commits.AsNoTracking().Where(c => c.Body.ToUpper().Contains(needle)).Select(c => c.Body).ToListAsync(cancellationToken);
#pragma warning restore CA1862
        var used = new HashSet<int>();
        foreach (var text in texts)
        {
            foreach (Match match in pattern.Matches(text))
            {
                used.Add(int.Parse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture));
            }
        }

        return used;
    }
}
