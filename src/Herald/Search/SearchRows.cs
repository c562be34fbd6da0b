using System.Data.Common;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Herald.Search;

/// <summary>
/// Keeps the search table (<c>search</c>: an FTS5 table in SQLite, a table with a generated <c>tsvector</c>
/// and a GIN index in PostgreSQL; made by the <c>Search</c> migrations) in step with what it indexes, inside
/// the caller's transaction: the indexer's commits and releases, the news store's posts. Only ids, keys and
/// texts are written, always as parameters; the words are found by the database (FTS5's <c>unicode61</c>
/// tokenizer, PostgreSQL's <c>to_tsvector</c> over the text with everything but letters and digits blanked),
/// so both split text as <see cref="SearchQuery.Words"/> does.
/// </summary>
internal static class SearchRows
{
    /// <summary>The longest text of a post that is indexed (a tsvector holds at most 1 MB).</summary>
    public const int MaxBody = 100_000;

    /// <summary>Adds <paramref name="commits"/>; with <paramref name="replace"/>, every commit row goes first.</summary>
    public static async Task AddCommitsAsync(HeraldDbContext context, IReadOnlyList<CommitRow> commits, bool replace, CancellationToken cancellationToken)
    {
        if (replace)
        {
            await DeleteKindAsync(context, SearchKind.Commit, cancellationToken);
        }

        if (commits.Count == 0)
        {
            return;
        }

        // Ids follow commit time, so that a search listing commits by id lists the newest first.
        var next = await NextIdAsync(context, SearchKind.Commit, cancellationToken);
        await InsertAsync(
            context,
            commits.OrderBy(c => c.CommitTime).ThenBy(c => c.Sha, StringComparer.Ordinal).Select((c, i) => new Row(next + i, c.Sha, c.Subject, CommitText(c), c.AuthorName, c.AuthorTime)),
            cancellationToken);
    }

    // What a commit is found by beside its subject: its author, and the advisories its message names
    // (XSA-450, CVE-2024-31142), so that an advisory id finds the commits that fix it.
    private static string CommitText(CommitRow commit) =>
        commit.Advisories is { Length: > 0 } advisories
            ? $"{commit.AuthorName} {commit.AuthorEmail} {advisories.Replace(',', ' ')}"
            : $"{commit.AuthorName} {commit.AuthorEmail}";

    /// <summary>Replaces every release row with the releases the index holds now, ids in version order (a release after its candidates).</summary>
    public static async Task ReplaceReleasesAsync(HeraldDbContext context, CancellationToken cancellationToken)
    {
        await DeleteKindAsync(context, SearchKind.Release, cancellationToken);
        var releases = await context.Releases.AsNoTracking()
            .OrderBy(r => r.Major).ThenBy(r => r.Minor).ThenBy(r => r.Patch).ThenBy(r => r.Candidate == null).ThenBy(r => r.Candidate)
            .Select(r => new { r.Version, r.Tag, r.Date })
            .ToListAsync(cancellationToken);
        var lowest = SearchKind.Release.Lowest();
        await InsertAsync(
            context,
            releases.Select((r, i) => new Row(lowest + 1 + i, r.Version, r.Version, r.Tag, r.Tag, new DateTimeOffset(r.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeSeconds())),
            cancellationToken);
    }

    /// <summary>Makes the row of post <paramref name="post"/> what the post is now: present when published, absent when not.</summary>
    public static async Task SetPostAsync(HeraldDbContext context, PostRow post, CancellationToken cancellationToken)
    {
        await DeletePostAsync(context, post.Id, cancellationToken);
        if (post.Published)
        {
            var body = post.Markdown.Length > MaxBody ? post.Markdown[..MaxBody] : post.Markdown;
            await InsertAsync(context, [new Row(SearchKind.Post.Lowest() + post.Id, post.Slug, post.Title, body, post.Author, post.Date)], cancellationToken);
        }
    }

    /// <summary>Removes the row of the post with id <paramref name="postId"/>, if any.</summary>
    public static async Task DeletePostAsync(HeraldDbContext context, int postId, CancellationToken cancellationToken)
    {
        await using var command = Command(context, $"DELETE FROM search WHERE {IdColumn(context)} = @id");
        Add(command, "id", SearchKind.Post.Lowest() + postId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task DeleteKindAsync(HeraldDbContext context, SearchKind kind, CancellationToken cancellationToken)
    {
        await using var command = Command(context, $"DELETE FROM search WHERE {IdColumn(context)} BETWEEN @lo AND @hi");
        Add(command, "lo", kind.Lowest());
        Add(command, "hi", kind.Highest());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<long> NextIdAsync(HeraldDbContext context, SearchKind kind, CancellationToken cancellationToken)
    {
        var id = IdColumn(context);
        await using var command = Command(context, $"SELECT {id} FROM search WHERE {id} BETWEEN @lo AND @hi ORDER BY {id} DESC LIMIT 1");
        Add(command, "lo", kind.Lowest());
        Add(command, "hi", kind.Highest());
        return await command.ExecuteScalarAsync(cancellationToken) is { } last and not DBNull ? Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture) + 1 : kind.Lowest() + 1;
    }

    private static async Task InsertAsync(HeraldDbContext context, IEnumerable<Row> rows, CancellationToken cancellationToken)
    {
        if (context is PostgresHeraldDbContext)
        {
            // One statement per chunk: arrays unnested on the server rather than a round trip per row.
            foreach (var chunk in rows.Chunk(5000))
            {
                await using var command = Command(context, "INSERT INTO search (id, key, title, body, detail, stamp) SELECT * FROM unnest(@ids, @keys, @titles, @bodies, @details, @stamps)");
                Add(command, "ids", chunk.Select(r => r.Id).ToArray());
                Add(command, "keys", chunk.Select(r => r.Key).ToArray());
                Add(command, "titles", chunk.Select(r => r.Title).ToArray());
                Add(command, "bodies", chunk.Select(r => r.Body).ToArray());
                Add(command, "details", chunk.Select(r => r.Detail).ToArray());
                Add(command, "stamps", chunk.Select(r => r.Stamp).ToArray());
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return;
        }

        // SQLite: one prepared statement, run once per row inside the caller's transaction.
        await using var insert = Command(context, "INSERT INTO search (rowid, key, title, body, detail, stamp) VALUES (@id, @key, @title, @body, @detail, @stamp)");
        var id = Add(insert, "id", 0L);
        var key = Add(insert, "key", string.Empty);
        var title = Add(insert, "title", string.Empty);
        var body = Add(insert, "body", string.Empty);
        var detail = Add(insert, "detail", string.Empty);
        var stamp = Add(insert, "stamp", 0L);
        foreach (var row in rows)
        {
            id.Value = row.Id;
            key.Value = row.Key;
            title.Value = row.Title;
            body.Value = row.Body;
            detail.Value = row.Detail;
            stamp.Value = row.Stamp;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static string IdColumn(HeraldDbContext context) => context is PostgresHeraldDbContext ? "id" : "rowid";

    private static DbCommand Command(HeraldDbContext context, string sql)
    {
        var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private sealed record Row(long Id, string Key, string Title, string Body, string Detail, long Stamp);
}
