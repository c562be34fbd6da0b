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
        // Commits until two share their first four hex digits (about 300 on average; dates are fixed, so
        // the same every run).
        var byPrefix = new Dictionary<string, string>(StringComparer.Ordinal);
        string? prefix = null;
        for (var i = 0; prefix is null && i < 5000; i++)
        {
            _repo.EmptyCommit($"commit {i}");
            var sha = _repo.LastSha;
            if (!byPrefix.TryAdd(sha[..4], sha))
            {
                prefix = sha[..4];
            }
        }

        Assert.NotNull(prefix);
        var repository = GitRepository.Open(_repo.Path);
        var resolver = new TargetResolver(repository, ReleaseCatalog.Read(repository, TagScheme.Xen));

        var error = Assert.Throws<HeraldException>(() => resolver.Resolve(prefix));

        Assert.StartsWith($"'{prefix}' is ambiguous: ", error.Message);
        Assert.Contains(byPrefix[prefix][..7], error.Message);
        Assert.Contains(_repo.LastSha[..7], error.Message);
        Assert.Contains("give more digits", error.Message);
    }
}
