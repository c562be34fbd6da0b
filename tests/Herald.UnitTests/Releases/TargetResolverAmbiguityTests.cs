using Herald.History;
using Herald.Releases;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Releases;

public sealed class TargetResolverAmbiguityTests : IDisposable
{
    private readonly RepoBuilder _repo = RepoBuilder.Create();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Resolve_AmbiguousAbbreviatedSha_SaysSoAndListsTheCandidates()
    {
        // 2,000 commits, written at once: two of them share their first four hex digits (the same two every
        // run, as the dates are fixed).
        _repo.Commit("initial");
        var byPrefix = new Dictionary<string, string>(StringComparer.Ordinal);
        string? prefix = null;
        string? second = null;
        foreach (var sha in _repo.ManyEmptyCommits(2000))
        {
            if (!byPrefix.TryAdd(sha[..4], sha) && prefix is null)
            {
                (prefix, second) = (sha[..4], sha);
            }
        }

        Assert.NotNull(prefix);
        var repository = GitRepository.Open(_repo.Path);
        var resolver = new TargetResolver(repository, ReleaseCatalog.Read(repository, TagScheme.Xen));

        var error = Assert.Throws<HeraldException>(() => resolver.Resolve(prefix));

        Assert.StartsWith($"'{prefix}' is ambiguous: ", error.Message);
        Assert.Contains(byPrefix[prefix][..7], error.Message);
        Assert.Contains(second![..7], error.Message);
        Assert.Contains("give more digits", error.Message);
    }
}
