namespace Herald.Releases;

/// <summary>The kind of a pre-release tag, in release order: alpha, beta, pre, then rc (release candidate).</summary>
public enum PreReleaseStage
{
    /// <summary><c>-alpha1</c>.</summary>
    Alpha,

    /// <summary><c>-beta2</c>.</summary>
    Beta,

    /// <summary><c>-pre3</c>.</summary>
    Pre,

    /// <summary><c>-rc4</c>, a release candidate.</summary>
    Rc,
}
