using Herald.Backports;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>Questions the portal asks the index that need both the snapshot and the stored commits.</summary>
public static class IndexQueries
{
    /// <summary>
    /// Where the fix <paramref name="sha"/> is (the shape of <c>herald contains --json</c>), or null when
    /// the index has no such commit: the commit and its mainline original read from the database, the
    /// branches and releases from the snapshot's graph.
    /// </summary>
    public static async Task<ContainsReport?> ContainsAsync(HeraldDbContext context, IndexSnapshot snapshot, string sha, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(snapshot);
        var full = snapshot.Graph.Expand(sha);
        if (full is null)
        {
            return null;
        }

        var given = await context.Commits.AsNoTracking()
            .Where(c => c.Sha == full)
            .Select(c => new { c.Sha, c.Subject, c.MasterCommit })
            .FirstOrDefaultAsync(cancellationToken);
        if (given is null)
        {
            return null;
        }

        var master = given.MasterCommit is { } m ? snapshot.Graph.Expand(m) ?? full : full;
        var involved = await context.Commits.AsNoTracking()
            .Where(c => c.Sha == master || c.Sha == full || c.MasterCommit == master)
            .Select(c => new { c.Sha, c.Subject, c.MasterCommit })
            .ToListAsync(cancellationToken);
        var bySha = involved.ToDictionary(c => c.Sha, StringComparer.Ordinal);
        return snapshot.Contains(
            full,
            x => bySha.TryGetValue(x, out var c) ? (c.Subject, c.MasterCommit) : null,
            x => involved.Where(c => c.MasterCommit == x).Select(c => c.Sha).ToList());
    }
}
