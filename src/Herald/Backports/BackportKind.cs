namespace Herald.Backports;

/// <summary>What a commit on a stable branch is.</summary>
public enum BackportKind
{
    /// <summary>A copy of a master commit (by trailer, cherry-pick line or identical patch).</summary>
    Backport,

    /// <summary>Names a security advisory (XSA-…, CVE-…); in addition to <see cref="Backport"/> where both apply.</summary>
    Security,

    /// <summary>Neither: release commits, branch-only fixes.</summary>
    Other,
}
