using System.Data.Common;
using System.Globalization;
using Herald.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Search;

/// <summary>
/// Searches the index: releases (version, tag), commits (subject, author, a commit id prefix) and published
/// posts (title, body), through SQLite FTS5 or PostgreSQL full-text search, whichever holds the index. Every
/// value the visitor typed reaches the database as a parameter, and the full-text query is built from the
/// visitor's letters and digits only (<see cref="SearchQuery"/>). Thread-safe; one connection per search.
/// </summary>
/// <remarks>
/// Hits are listed by id, highest first: the newest commits and posts, the highest versions. Ranking by
/// relevance (bm25, ts_rank) scores every match before the first is returned: on the Xen index, 'xen' or an
/// author with ten thousand commits took 35 to 100 ms in FTS5; walking the ids downwards stops after
/// 'limit' hits (under 2 ms for the same queries).
/// </remarks>
public sealed class SearchIndex
{
    /// <summary>The most hits of one kind a search returns.</summary>
    public const int MaxLimit = 50;

    /// <summary>The hits of one kind a search returns when not told.</summary>
    public const int DefaultLimit = 20;

    private const string Fts5Search =
        "SELECT key, title, detail, stamp FROM search WHERE search MATCH @match AND rowid BETWEEN @lo AND @hi "
        + "ORDER BY rowid DESC LIMIT @n";

    private const string PostgresSearch =
        "SELECT key, title, detail, stamp FROM search, to_tsquery('simple', @match) AS query WHERE id BETWEEN @lo AND @hi AND document @@ query "
        + "ORDER BY id DESC LIMIT @n";

    // A release's key is its version: "4.19" is 4.19 itself, 4.19.x and 4.19-rcN, never 4.4.19. The pattern
    // holds only digits, dots and "rc" (SearchQuery.Version), so LIKE sees no wildcard of the visitor's.
    private const string VersionSearch =
        "SELECT key, title, detail, stamp FROM search WHERE rowid BETWEEN @lo AND @hi AND (key = @version OR key LIKE @dot OR key LIKE @dash) "
        + "ORDER BY rowid DESC LIMIT @n";

    private static readonly string PostgresVersionSearch = VersionSearch.Replace("rowid", "id", StringComparison.Ordinal);

    private const string ShaSearch =
        "SELECT \"Sha\", \"Subject\", \"AuthorName\", \"AuthorTime\" FROM commits WHERE \"Sha\" >= @lo AND \"Sha\" < @hi ORDER BY \"Sha\" LIMIT @n";

    private readonly IndexDatabase _database;
    private readonly string _connectionString;

    /// <summary>Searches <paramref name="database"/>.</summary>
    public SearchIndex(IndexDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        // Readers of a SQLite index take their own read-only connections with a private cache: in WAL mode
        // they then never wait for the indexer's write, which a shared cache would make them do.
        _connectionString = database.IsPostgres
            ? database.ConnectionString
            : new SqliteConnectionStringBuilder(database.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Cache = SqliteCacheMode.Private }.ToString();
    }

    /// <summary>
    /// The hits for <paramref name="query"/>, at most <paramref name="limit"/> of each kind, grouped by kind in
    /// the order of <see cref="SearchKinds.All"/> (every kind present, perhaps empty), best first. A commit
    /// whose id starts with <see cref="SearchQuery.ShaPrefix"/> comes first among the commits.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not between 1 and <see cref="MaxLimit"/>.</exception>
    public async Task<SearchResults> SearchAsync(SearchQuery query, int limit = DefaultLimit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        if (query.IsEmpty)
        {
            return new SearchResults(query.Text, [.. SearchKinds.All.Select(k => new SearchGroup(k, [], false))]);
        }

        await using var connection = Open();
        await connection.OpenAsync(cancellationToken);
        var groups = new List<SearchGroup>();
        foreach (var kind in SearchKinds.All)
        {
            var hits = new List<SearchHit>();
            if (kind == SearchKind.Commit && query.ShaPrefix is { } prefix)
            {
                hits.AddRange(await ShaPrefixAsync(connection, prefix, limit + 1, cancellationToken));
            }

            if (kind == SearchKind.Release && query.Version is { } version)
            {
                hits.AddRange(await VersionAsync(connection, version, limit + 1, cancellationToken));
            }
            else if (query.Terms.Count > 0 && hits.Count <= limit)
            {
                var known = hits.Select(h => h.Key).ToHashSet(StringComparer.Ordinal);
                hits.AddRange((await FullTextAsync(connection, query, kind, limit + 1, cancellationToken)).Where(h => !known.Contains(h.Key)));
            }

            groups.Add(new SearchGroup(kind, [.. hits.Take(limit)], hits.Count > limit));
        }

        return new SearchResults(query.Text, groups);
    }

    private DbConnection Open() => _database.IsPostgres ? new NpgsqlConnection(_connectionString) : new SqliteConnection(_connectionString);

    private async Task<List<SearchHit>> FullTextAsync(DbConnection connection, SearchQuery query, SearchKind kind, int n, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _database.IsPostgres ? PostgresSearch : Fts5Search;
        Add(command, "match", _database.IsPostgres ? query.ToTsQuery() : query.ToFts5());
        Add(command, "lo", kind.Lowest());
        Add(command, "hi", kind.Highest());
        Add(command, "n", n);
        return await ReadAsync(command, kind, cancellationToken);
    }

    private async Task<List<SearchHit>> VersionAsync(DbConnection connection, string version, int n, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = _database.IsPostgres ? PostgresVersionSearch : VersionSearch;
        Add(command, "lo", SearchKind.Release.Lowest());
        Add(command, "hi", SearchKind.Release.Highest());
        Add(command, "version", version);
        Add(command, "dot", version + ".%");
        Add(command, "dash", version + "-%");
        Add(command, "n", n);
        return await ReadAsync(command, SearchKind.Release, cancellationToken);
    }

    private static async Task<List<SearchHit>> ShaPrefixAsync(DbConnection connection, string prefix, int n, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = ShaSearch;
        // Commit ids are lower-case hexadecimal: every id starting with the prefix lies in [prefix, prefix + "g").
        Add(command, "lo", prefix);
        Add(command, "hi", prefix + "g");
        Add(command, "n", n);
        var hits = await ReadAsync(command, SearchKind.Commit, cancellationToken);
        return [.. hits.Where(h => h.Key.StartsWith(prefix, StringComparison.Ordinal))];
    }

    private static async Task<List<SearchHit>> ReadAsync(DbCommand command, SearchKind kind, CancellationToken cancellationToken)
    {
        var hits = new List<SearchHit>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var stamp = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
            hits.Add(new SearchHit(kind, reader.GetString(0), reader.GetString(1), reader.GetString(2), DateTimeOffset.FromUnixTimeSeconds(stamp)));
        }

        return hits;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
