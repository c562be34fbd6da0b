using Herald.History;
using Herald.Tests.Support;

namespace Herald.Tests.History;

/// <summary>
/// A repository whose commits change known numbers of lines: text edits, a binary file, a pure rename,
/// a deletion and a merge.
/// </summary>
public sealed class LineCountFixture : IDisposable
{
    /// <summary>Bytes git takes as binary (they hold NUL).</summary>
    public static readonly byte[] BinaryContent = [0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x01, 0x02, 0x00, 0xff];

    /// <summary>A path with a space and non-ASCII letters, which git would quote without -z and core.quotePath=false.</summary>
    public const string UnicodePath = "docs/naïve café.txt";

    public LineCountFixture()
    {
        Builder = RepoBuilder.Create();
        try
        {
            AddSha = Builder.Commit("Add a", files: new Dictionary<string, string> { ["a.txt"] = "one\ntwo\nthree\n" }).LastSha;
            EditSha = Builder.Commit(
                "Change a, add b",
                files: new Dictionary<string, string> { ["a.txt"] = "one\nTWO\nthree\nfour\n", ["b.txt"] = "bee\n" }).LastSha;
            BinarySha = Builder.CommitBinary("img/logo.bin", BinaryContent, "Add logo").LastSha;
            RenameSha = Builder.Rename("a.txt", "docs/a.txt", "Move a into docs").LastSha;
            DeleteSha = Builder.Delete("b.txt", "Remove b").LastSha;
            UnicodePathSha = Builder.Commit("Add notes", files: new Dictionary<string, string> { [UnicodePath] = "a\nb\n" }).LastSha;
            Builder.CheckoutNew("topic");
            Builder.Commit("Topic", files: new Dictionary<string, string> { ["c.txt"] = "1\n2\n" });
            Builder.Checkout("master");
            Builder.Commit("Master", files: new Dictionary<string, string> { ["d.txt"] = "1\n" });
            MergeSha = Builder.Merge("topic", "Merge topic").LastSha;
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

    public string AddSha { get; }

    public string EditSha { get; }

    public string BinarySha { get; }

    public string RenameSha { get; }

    public string DeleteSha { get; }

    public string MergeSha { get; }

    /// <summary>A commit adding <see cref="UnicodePath"/>.</summary>
    public string UnicodePathSha { get; }

    public IReadOnlyList<Commit> ReadWithLines() =>
        new CommitLog(Repository).Read(new LogRequest(["HEAD"]) { WithLines = true }).ToList();

    public Commit ReadWithLines(string sha) => ReadWithLines().Single(c => c.Sha == sha);

    public void Dispose() => Builder.Dispose();
}
