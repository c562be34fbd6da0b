namespace Herald.Policy;

/// <summary>Where a series' support dates came from, strongest first.</summary>
public enum DateSource
{
    /// <summary><c>[[policy.series]]</c> in herald.toml.</summary>
    Config,

    /// <summary>The stable branch's own support statement (SUPPORT.md).</summary>
    Statement,

    /// <summary>The project's default policy and its rules (<c>[policy]</c> in herald.toml).</summary>
    Policy,

    /// <summary>
    /// Herald's built-in support windows: the project states no <c>[policy]</c> and the branch no
    /// statement, so the dates are a guess, not the project's word.
    /// </summary>
    Default,
}
