using System.Text;

namespace Herald.Tests.Support;

/// <summary>Steps for the backport tests: fixes that name the commits they repair.</summary>
public sealed partial class RepoBuilder
{
    /// <summary>
    /// Commits a fix whose message ends, as Xen writes it, with one <c>Fixes: &lt;12 digits&gt; ("subject")</c>
    /// trailer per target (each a revision of this repository) and a Signed-off-by. <paramref name="files"/>
    /// and <paramref name="date"/> as for <see cref="Commit"/>.
    /// </summary>
    public RepoBuilder CommitFixing(string subject, IEnumerable<string> targets, DateTimeOffset? date = null, IDictionary<string, string>? files = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var message = new StringBuilder(subject).Append("\n\nRepair what the commit below broke.\n\n");
        foreach (var target in targets)
        {
            var sha = Git("rev-parse", "--verify", target + "^{commit}");
            message.Append("Fixes: ").Append(sha[..12]).Append(" (\"").Append(Git("show", "-s", "--format=%s", sha)).Append("\")\n");
        }

        message.Append("Signed-off-by: ").Append(DefaultName).Append(" <").Append(DefaultEmail).Append(">\n");
        return Commit(message.ToString(), date: date, files: files);
    }
}
