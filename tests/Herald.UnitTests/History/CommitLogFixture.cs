using Herald.History;
using Herald.Tests.Support;
using Xunit;

namespace Herald.Tests.History;

/// <summary>
/// One repository read by several <see cref="CommitLogTests"/>: a commit with a +02:00 date, a distinct
/// committer, a two-line first paragraph and every trailer Herald knows; a topic branch merged into master;
/// a stable branch with a <c>cherry-pick -x</c> and a Xen-style backport.
/// </summary>
public sealed class CommitLogFixture : IDisposable
{
    public const string DetailedMessage =
        "Fix the frobnicator\n" +
        "when it wobbles\n" +
        "\n" +
        "The frobnicator wobbled whenever the moon was full.\n" +
        "\n" +
        "Reported-by: Rita Reporter <rita@example.com>\n" +
        "Signed-off-by: Jürgen Groß <jgross@suse.com>\n" +
        "Reviewed-by: Jan Beulich <jbeulich@suse.com>\n" +
        "Acked-by: \"Doe, John\" <john@example.com>\n" +
        "Tested-by: Tess Tester <tess@example.com>\n";

    public static readonly DateTimeOffset AuthorDate = new(2019, 3, 4, 5, 6, 7, TimeSpan.FromHours(2));

    public static readonly DateTimeOffset CommitterDate = new(2019, 3, 5, 8, 9, 10, TimeSpan.FromHours(2));

    public CommitLogFixture()
    {
        Builder = RepoBuilder.Create();
        try
        {
            InitialSha = Builder.Commit("Initial import").LastSha;
            DetailedSha = Builder.Commit(
                DetailedMessage,
                author: "Jürgen Groß",
                email: "jgross@suse.com",
                date: AuthorDate,
                committer: "Carl Committer",
                committerEmail: "carl@example.com",
                committerDate: CommitterDate).LastSha;

            Builder.CheckoutNew("topic");
            TopicSha = Builder.Commit("Topic work").LastSha;
            Builder.Checkout("master");
            MasterWorkSha = Builder.Commit("Master work").LastSha;
            MergeSha = Builder.Merge("topic", "Merge branch 'topic'").LastSha;
            Builder.Commit("After the merge");

            Builder.CheckoutNew("stable-1", InitialSha);
            CherryPickSha = Builder.CherryPick(TopicSha, recordOrigin: true).LastSha;
            BackportSha = Builder.Backport(MasterWorkSha, " [stable]").LastSha;
            MasterWorkDate = Builder.Git("show", "-s", "--format=%ai", MasterWorkSha);
            Builder.Checkout("master");

            Repository = GitRepository.Open(Builder.Path);
        }
        catch
        {
            Builder.Dispose();
            throw;
        }
    }

    public RepoBuilder Builder { get; }

    public GitRepository Repository { get; }

    public string InitialSha { get; }

    public string DetailedSha { get; }

    public string TopicSha { get; }

    public string MasterWorkSha { get; }

    public string MergeSha { get; }

    public string CherryPickSha { get; }

    public string BackportSha { get; }

    /// <summary>The author date of <see cref="MasterWorkSha"/> as <c>%ai</c> prints it.</summary>
    public string MasterWorkDate { get; }

    public IReadOnlyList<Commit> Read(LogRequest request) => new CommitLog(Repository).Read(request).ToList();

    public Commit ReadOne(string sha) =>
        Assert.Single(new CommitLog(Repository).Read(new LogRequest([sha]) { MaxCount = 1 }));

    public void Dispose() => Builder.Dispose();
}
