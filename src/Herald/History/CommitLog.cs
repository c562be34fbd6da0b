namespace Herald.History;

/// <summary>
/// Reads commits from a repository by streaming one <c>git log</c> process. Honours .mailmap (in a bare
/// repository, the one committed at HEAD).
/// </summary>
public sealed class CommitLog
{
    private readonly GitRepository _repository;

    /// <summary>Creates a reader over <paramref name="repository"/>.</summary>
    public CommitLog(GitRepository repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        _repository = repository;
    }

    /// <summary>
    /// Streams the commits <paramref name="request"/> selects, newest first (git's default order).
    /// </summary>
    /// <exception cref="HeraldException">The repository is shallow, or a revision is malformed.</exception>
    public IEnumerable<Commit> Read(LogRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EnsureComplete(_repository);
        return _repository.StreamItems(Arguments(request), CommitReader.Read);
    }

    /// <summary>The git arguments for <paramref name="request"/>; revisions are validated.</summary>
    public static IReadOnlyList<string> Arguments(LogRequest request)
    {
        var arguments = new List<string> { "log", "-z", "--format=" + CommitReader.Format, "--no-color", "--no-show-signature" };
        if (request.NoMerges)
        {
            arguments.Add("--no-merges");
        }

        if (request.FirstParent)
        {
            arguments.Add("--first-parent");
        }

        if (request.WithLines)
        {
            arguments.Add("--numstat");
            arguments.Add("-M");
        }

        if (request.MaxCount is { } max)
        {
            arguments.Add($"--max-count={max}");
        }

        if (request.Offset > 0)
        {
            arguments.Add($"--skip={request.Offset}");
        }

        arguments.Add("--end-of-options");
        foreach (var revision in request.Revisions)
        {
            RevisionName.Validate(revision);
            arguments.Add(revision);
        }

        arguments.Add("--");
        return arguments;
    }

    /// <summary>Throws when the repository's history is cut (a shallow clone): its figures would be wrong.</summary>
    public static void EnsureComplete(GitRepository repository)
    {
        if (repository.IsShallow)
        {
            throw new HeraldException(
                $"'{repository.Path}' is a shallow clone, so its history is incomplete; run 'git fetch --unshallow' there or clone it in full.");
        }
    }
}
