namespace Herald.Advisories;

/// <summary>Why a release may not be published yet: an advisory not public that it would reveal.</summary>
/// <param name="Advisory">The advisory's id (<c>XSA-500</c>).</param>
/// <param name="EmbargoUntil">When its embargo ends (UTC), or null when it has no end yet (a draft).</param>
/// <param name="Commit">The commit of the release's range that names it, or null when the security team linked the release to it.</param>
/// <param name="Version">The release held (<c>4.19.1</c>), or null when a series' next release is.</param>
public sealed record ReleaseHold(string Advisory, DateTimeOffset? EmbargoUntil, string? Commit, string? Version)
{
    /// <summary>One line for the security team: the advisory, why, and the time it ends in UTC.</summary>
    public string Describe()
    {
        var until = EmbargoUntil is { } end
            ? "until " + end.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture)
            : "until it is published (no embargo end is set)";
        var why = Commit is null ? "linked to it by the security team" : $"commit {Commit[..Math.Min(12, Commit.Length)]} names it";
        return $"{Advisory} is under embargo {until} ({why})";
    }
}
