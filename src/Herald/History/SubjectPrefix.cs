namespace Herald.History;

/// <summary>
/// The subsystem a commit subject names before its colon, as projects like Xen write them:
/// <c>x86/ucode: …</c> → <c>x86/ucode</c>, <c>tools/libxl: …</c> → <c>tools/libxl</c>.
/// </summary>
public static class SubjectPrefix
{
    /// <summary>The group subjects without a recognisable prefix fall into.</summary>
    public const string Other = "(other)";

    /// <summary>The prefix of <paramref name="subject"/>, or <see cref="Other"/>.</summary>
    public static string Of(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var colon = subject.IndexOf(':');
        if (colon <= 0 || colon > 48)
        {
            return Other;
        }

        var prefix = subject[..colon].Trim();
        if (prefix.Length == 0 || prefix.Count(c => c == ' ') > 1 || prefix.StartsWith("Revert", StringComparison.Ordinal))
        {
            return Other;
        }

        return prefix;
    }
}
