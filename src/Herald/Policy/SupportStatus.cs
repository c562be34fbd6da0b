namespace Herald.Policy;

/// <summary>Where a series stands on a date.</summary>
public enum SupportStatus
{
    /// <summary>No X.Y.0 release yet.</summary>
    Development,

    /// <summary>General support: bug fixes and security fixes.</summary>
    Supported,

    /// <summary>Security fixes only.</summary>
    Security,

    /// <summary>End of life: no fixes.</summary>
    Eol,
}
