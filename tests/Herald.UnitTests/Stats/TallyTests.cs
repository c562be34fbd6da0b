using Herald.History;
using Herald.Stats;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.Stats;

public sealed class TallyTests : IDisposable
{
    private readonly RepoBuilder _repo = RepoBuilder.Create();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public void Build_CalledTwice_SameFiguresIncludingReviewerOnlyEmployers()
    {
        _repo.Commit("Ann's work\n\nReviewed-by: Rev Iewer <rev@reviewco.example>\n", author: "Ann Lee", email: "ann@citrix.com")
            .Commit("Ann again\n\nReviewed-by: Ann Lee <ann@citrix.com>\nAcked-by: Rev Iewer <rev@reviewco.example>\n", author: "Ann Lee", email: "ann@citrix.com");
        var identities = new IdentityResolver(GitdmAliases.Empty, EmployerMap.Parse(["reviewco.example RevCo", "citrix.com Citrix"], "domain-map"));
        var tally = new Tally(identities);
        foreach (var commit in new CommitLog(GitRepository.Open(_repo.Path)).Read(new LogRequest(["HEAD"]) { NoMerges = true }))
        {
            tally.Add(commit);
        }

        var mailmap = new Dictionary<(string Name, string Email), (string Name, string Email)>();
        var first = tally.Build(null, "HEAD", mailmap);
        var second = tally.Build(null, "HEAD", mailmap);

        Assert.Equal(2, Assert.Single(first.ByEmployer, e => e.Employer == "RevCo").Reviews);
        Assert.Equal(2, Assert.Single(second.ByEmployer, e => e.Employer == "RevCo").Reviews);
        Assert.Equal(1, Assert.Single(second.ByEmployer, e => e.Employer == "Citrix").Reviews);
        Assert.Equal(HeraldJson.Serialize(first), HeraldJson.Serialize(second));
    }
}
