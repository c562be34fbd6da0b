namespace Herald.Tests.Support;

/// <summary>Steps for support statements (<c>herald status</c>).</summary>
public sealed partial class RepoBuilder
{
    /// <summary>
    /// Commits a Xen-style support statement (<c>SUPPORT.md</c>) for <paramref name="series"/>; dates are
    /// written as given, so "TBD" states an undecided date.
    /// </summary>
    public RepoBuilder CommitSupportStatement(string series, string released, string supportedUntil, string securityUntil, DateTimeOffset date, string message = "Update the support statement") =>
        Commit(
            $"{series}: {message}",
            date: date,
            files: new Dictionary<string, string>
            {
                ["SUPPORT.md"] = $"""
                    # Support statement for this release

                        Xen-Version: {series}

                        Initial-Release: {released}
                        Supported-Until: {supportedUntil}
                        Security-Support-Until: {securityUntil}

                    """,
            });
}
