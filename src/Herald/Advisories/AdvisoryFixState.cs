namespace Herald.Advisories;

/// <summary>Where a series stands with an advisory, from the commits that name it.</summary>
public enum AdvisoryFixState
{
    /// <summary>A release of the series contains the fix.</summary>
    Fixed,

    /// <summary>The fix is on the series' branch, in no release yet.</summary>
    Unreleased,

    /// <summary>The fix repairs code the series never had (its <c>Fixes:</c> targets came after the series).</summary>
    NotApplicable,

    /// <summary>The series was past its security support on the index date and has no fix.</summary>
    NotSupported,

    /// <summary>A supported series without the fix.</summary>
    NoFix,
}
