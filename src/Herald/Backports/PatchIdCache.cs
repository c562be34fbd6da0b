using System.Text;
using Herald.History;

namespace Herald.Backports;

/// <summary>
/// <c>git patch-id --stable</c> of commits, computed in parallel git pipelines for those not known yet and
/// kept in the data folder keyed by commit id (a commit's patch never changes). Commits with an empty
/// diff have no patch-id.
/// </summary>
public sealed class PatchIdCache
{
    private const string NoPatch = "-";
    private readonly string? _path;
    private readonly Dictionary<string, string> _ids;
    private int _added;

    private PatchIdCache(string? path, Dictionary<string, string> ids)
    {
        _path = path;
        _ids = ids;
    }

    /// <summary>A cache that keeps nothing between runs.</summary>
    public static PatchIdCache InMemory() => new(null, new Dictionary<string, string>(StringComparer.Ordinal));

    /// <summary>The number of commits known.</summary>
    public int Count => _ids.Count;

    /// <summary>Opens the cache at <paramref name="path"/>; a missing or damaged file gives an empty cache.</summary>
    public static PatchIdCache Open(string path)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            if (File.Exists(path))
            {
                foreach (var line in File.ReadLines(path))
                {
                    var space = line.IndexOf(' ');
                    if (space > 0)
                    {
                        ids[line[..space]] = line[(space + 1)..];
                    }
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ids.Clear();
        }

        return new PatchIdCache(path, ids);
    }

    /// <summary>
    /// The patch-ids of <paramref name="commits"/> (commit → patch-id; commits with an empty diff are left out),
    /// computing the unknown ones with up to <paramref name="parallelism"/> pipelines.
    /// </summary>
    public IReadOnlyDictionary<string, string> Get(GitRepository repository, IReadOnlyCollection<string> commits, int parallelism)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(commits);
        var missing = commits.Where(c => !_ids.ContainsKey(c)).Distinct().ToList();
        if (missing.Count > 0)
        {
            var workers = Math.Max(1, Math.Min(parallelism, (missing.Count + 199) / 200));
            var chunks = missing.Chunk((missing.Count + workers - 1) / workers).ToList();
            var results = new Dictionary<string, string>[chunks.Count];
            Concurrently.For(chunks.Count, workers, i =>
            {
                results[i] = Compute(repository, chunks[i]);
            });

            foreach (var commit in missing)
            {
                _ids[commit] = NoPatch;
            }

            foreach (var result in results)
            {
                foreach (var (commit, id) in result)
                {
                    _ids[commit] = id;
                }
            }

            _added += missing.Count;
        }

        var answer = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var commit in commits)
        {
            if (_ids.TryGetValue(commit, out var id) && id != NoPatch)
            {
                answer[commit] = id;
            }
        }

        return answer;
    }

    /// <summary>Writes the cache (temporary file, then rename) when anything was added.</summary>
    public void Save()
    {
        if (_path is null || _added == 0)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + "." + Environment.ProcessId + ".tmp";
            var builder = new StringBuilder(_ids.Count * 84);
            foreach (var (commit, id) in _ids)
            {
                builder.Append(commit).Append(' ').Append(id).Append('\n');
            }

            File.WriteAllText(temporary, builder.ToString());
            File.Move(temporary, _path, overwrite: true);
            _added = 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache that cannot be written only costs time on the next run.
        }
    }

    private static Dictionary<string, string> Compute(GitRepository repository, IReadOnlyList<string> commits) =>
        repository.Pipeline(
            ["log", "--no-walk=unsorted", "-p", "--no-color", "--no-ext-diff", "--format=commit %H", "--stdin"],
            string.Join('\n', commits) + "\n",
            ["patch-id", "--stable"],
            stream =>
            {
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                using var reader = new StreamReader(stream, Encoding.ASCII, leaveOpen: true);
                while (reader.ReadLine() is { } line)
                {
                    var parts = line.Split(' ');
                    if (parts.Length == 2)
                    {
                        result[parts[1]] = parts[0];
                    }
                }

                return result;
            });
}
